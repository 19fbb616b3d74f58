#include "thumbnaildecoder.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImageReader>

using namespace Qt::StringLiterals;

namespace segscope::models {

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("ThumbnailCache", text);
}

// libjpeg only warns about a missing end of data and fills the rest with grey, so a cut-off
// download would be cached as a half-grey thumbnail. In JPEG the scan data escapes 0xFF, so
// an end-of-image marker after the last start-of-scan marker is the sign the file is whole
// (an EXIF preview's markers all come before the main scan).
bool jpegLooksTruncated(const QByteArray &bytes) {
    const qsizetype lastScan = bytes.lastIndexOf("\xFF\xDA");
    const qsizetype end = bytes.lastIndexOf("\xFF\xD9");
    return lastScan < 0 || end < lastScan;
}

QImage paintReady(QImage image) {
    // RGB32 is the raster engine's opaque fast path; anything with alpha goes premultiplied.
    // Either way nothing is converted at paint time on the GUI thread.
    const QImage::Format format =
        image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32;
    if (image.format() != format)
        image.convertTo(format);
    return image;
}

} // namespace

QSize thumbnailSourceSize(const QImage &thumbnail) {
    const QStringList parts = thumbnail.text(SourceSizeKey).split(u'x');
    if (parts.size() != 2)
        return {};
    bool w = false, h = false;
    const QSize size(parts.at(0).toInt(&w), parts.at(1).toInt(&h));
    return w && h && !size.isEmpty() ? size : QSize();
}

QSize fitWithin(QSize source, QSize box) {
    if (source.isEmpty() || box.isEmpty())
        return source;
    if (source.width() <= box.width() && source.height() <= box.height())
        return source;
    QSize fitted = source.scaled(box, Qt::KeepAspectRatio);
    return fitted.expandedTo(QSize(1, 1));
}

DecodedThumbnail decodeThumbnail(const QByteArray &bytes, QSize target, ThumbnailScaling scaling) {
    DecodedThumbnail result;
    if (bytes.isEmpty()) {
        result.error = tr("The image is empty.");
        return result;
    }
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize stored = reader.size();
    if (!stored.isValid()) {
        result.error = tr("Not an image: %1").arg(reader.errorString());
        return result;
    }
    if (reader.format() == "jpeg" && jpegLooksTruncated(bytes)) {
        result.error = tr("The image is truncated.");
        return result;
    }
    // The scaled size applies before the EXIF rotation, so fit the stored (unrotated) size
    // into the box rotated the same way.
    const bool rotated = reader.transformation().testFlag(QImageIOHandler::TransformationRotate90);
    const QSize box = rotated ? target.transposed() : target;
    const QSize scaled = fitWithin(stored, box);
    result.sourceSize = rotated ? stored.transposed() : stored;
    if (scaling == ThumbnailScaling::WhileDecoding && scaled != stored)
        reader.setScaledSize(scaled);

    QImage image;
    if (!reader.read(&image)) {
        result.error = tr("The image could not be decoded: %1").arg(reader.errorString());
        return result;
    }
    if (scaling == ThumbnailScaling::AfterDecoding)
        image = image.scaled(fitWithin(image.size(), target), Qt::KeepAspectRatio,
                             Qt::SmoothTransformation);
    // The original's size travels with the thumbnail (a JPEG comment, a PNG text chunk on
    // disk), so shapes in image pixels can be drawn over it; a cached thumbnail keeps the size
    // of the image it was made from.
    const QString source = image.text(SourceSizeKey);
    result.image = paintReady(std::move(image));
    result.image.setText(
        SourceSizeKey,
        source.isEmpty() ? u"%1x%2"_s.arg(result.sourceSize.width()).arg(result.sourceSize.height())
                         : source);
    return result;
}

} // namespace segscope::models
