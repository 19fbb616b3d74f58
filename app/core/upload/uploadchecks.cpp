#include "uploadchecks.h"

#include "labels/bitmapstatistics.h"
#include "labels/labeloverlay.h"
#include "labels/pngdecoder.h"
#include "wire/label.h"

#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QSet>

using namespace Qt::StringLiterals;

namespace segscope::upload {

namespace {

enum class ImageType { Unknown, Jpeg, Png, Bmp };

constexpr qint64 HeaderBytes = 32;
// The IEND chunk every PNG ends with: length 0, type, CRC.
constexpr char PngEnd[] = "\0\0\0\0IEND\xAE\x42\x60\x82";
constexpr qsizetype PngEndSize = sizeof(PngEnd) - 1;

ImageType sniff(QByteArrayView head) {
    if (head.startsWith("\xFF\xD8\xFF"))
        return ImageType::Jpeg;
    if (head.startsWith("\x89PNG\r\n\x1A\n"))
        return ImageType::Png;
    // BITMAPFILEHEADER: "BM", then a DIB header whose size is one of the known ones.
    if (head.size() >= 18 && head.startsWith("BM")) {
        const quint32 dib = quint8(head[14]) | quint8(head[15]) << 8 | quint8(head[16]) << 16 |
                            quint32(quint8(head[17])) << 24;
        if (dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 ||
            dib == 124)
            return ImageType::Bmp;
    }
    return ImageType::Unknown;
}

QByteArray formatOf(ImageType type) {
    switch (type) {
    case ImageType::Jpeg:
        return "jpeg";
    case ImageType::Png:
        return "png";
    case ImageType::Bmp:
        return "bmp";
    case ImageType::Unknown:
        break;
    }
    return {};
}

QString nameOf(ImageType type) {
    return QString::fromLatin1(formatOf(type)).toUpper();
}

// The whole file as bytes (bitmaps only: they are decoded in full anyway).
QString readBitmap(const QString &path, QByteArray *bytes) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return u"bitmap cannot be read: "_s + file.errorString();
    if (file.size() > MaxImageBytes)
        return u"bitmap is larger than "_s + wire::MaxAssetText;
    *bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return u"bitmap cannot be read: "_s + file.errorString();
    return {};
}

} // namespace

QString checkImageFile(const QString &path) {
    if (path.isEmpty())
        return u"cannot be read: no file given"_s;
    if (QFileInfo(path).isDir())
        return u"cannot be read: it is a directory"_s;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return u"cannot be read: "_s + file.errorString();
    const qint64 size = file.size();
    if (size > MaxImageBytes)
        return u"larger than %1 (%2 MB)"_s.arg(wire::MaxAssetText).arg(size / (1024 * 1024));
    const QByteArray head = file.read(HeaderBytes);
    if (file.error() != QFileDevice::NoError)
        return u"cannot be read: "_s + file.errorString();
    const ImageType type = sniff(head);
    if (type == ImageType::Unknown)
        return u"not a JPEG, PNG or BMP image"_s;

    file.seek(0);
    QImageReader reader(&file, formatOf(type));
    const QSize dimensions = reader.size();
    if (!dimensions.isValid() || dimensions.isEmpty())
        return u"not a readable %1 image: truncated or corrupt header"_s.arg(nameOf(type));
    if (type == ImageType::Png) {
        if (size < PngEndSize || !file.seek(size - PngEndSize) ||
            file.read(PngEndSize) != QByteArrayView(PngEnd, PngEndSize))
            return u"truncated PNG image: it does not end with an IEND chunk"_s;
    } else if (type == ImageType::Bmp) {
        const quint32 declared = quint8(head[2]) | quint8(head[3]) << 8 | quint8(head[4]) << 16 |
                                 quint32(quint8(head[5])) << 24;
        if (declared > quint64(size))
            return u"truncated BMP image: %1 bytes of the %2 its header declares"_s.arg(size).arg(
                declared);
    }
    return {};
}

QString checkImageUrl(const QUrl &url) {
    if (url.isEmpty())
        return u"no image URL"_s;
    if (!url.isValid())
        return u"not a valid URL: "_s + url.errorString();
    if (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)
        return u"not an http(s) URL"_s;
    if (url.host().isEmpty())
        return u"the URL has no host"_s;
    return {};
}

QSize imageFileSize(const QString &path) {
    QImageReader reader(path);
    reader.setDecideFormatFromContent(true);
    return reader.size();
}

QStringList checkLabel(const QString &bitmapPath, const QJsonObject &labelAttributes,
                       const wire::TaskAttributes &task, QSize imageSize) {
    QStringList problems;
    // Strict: what goes up is checked as the server will check it.
    wire::JsonError jsonError = wire::JsonError::strictReading();
    wire::LabelAttributes attributes =
        wire::LabelAttributes::read(labelAttributes, wire::JsonPath{}, &jsonError);
    if (jsonError.isSet())
        problems.append(u"annotations: "_s + jsonError.toString());

    QList<qint64> unknownCategories;
    if (jsonError.isSet())
        attributes.annotations.clear(); // read partly: nothing to say about its categories
    for (const wire::Annotation &a : std::as_const(attributes.annotations)) {
        if (!task.category(a.categoryId) && !unknownCategories.contains(a.categoryId))
            unknownCategories.append(a.categoryId);
    }
    for (const qint64 id : std::as_const(unknownCategories))
        problems.append(u"category %1 is not defined by the dataset"_s.arg(id));

    QByteArray png;
    if (const QString error = readBitmap(bitmapPath, &png); !error.isEmpty()) {
        problems.append(error);
        return problems;
    }
    labels::DecodeResult decoded = labels::decodeInstanceBitmap(png);
    png.clear();
    if (!decoded.ok()) {
        problems.append(u"bitmap: "_s + decoded.error().message);
        return problems;
    }
    const QSize bitmapSize = decoded.bitmap().size();
    if (imageSize.isValid() && bitmapSize != imageSize) {
        problems.append(u"bitmap is %1x%2 but the image is %3x%4"_s.arg(bitmapSize.width())
                            .arg(bitmapSize.height())
                            .arg(imageSize.width())
                            .arg(imageSize.height()));
    }
    if (jsonError.isSet())
        return problems; // the annotations could not be read: every id would look unannotated
    const labels::LabelOverlay overlay(decoded.takeBitmap(), attributes, task);
    const labels::BitmapStatistics stats = labels::computeStatistics(overlay);
    if (!stats.unannotatedIds.isEmpty()) {
        const QList<qint64> ids(stats.unannotatedIds.cbegin(), stats.unannotatedIds.cend());
        problems.append(
            u"ids in the bitmap with no annotation: %1 (%2 pixels)"_s.arg(labels::joinIds(ids))
                .arg(stats.unannotatedPixels));
    }
    return problems;
}

} // namespace segscope::upload
