#include "rendercommand.h"

#include "renderfiles.h"

#include "api/assetsapi.h"
#include "api/datasetsapi.h"
#include "api/labelsapi.h"
#include "api/samplesapi.h"
#include "labels/pngdecoder.h"
#include "labels/pngencoder.h"
#include "labels/vectorshapes.h"
#include "wire/contract.h"

#include <QFile>
#include <QImageReader>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace segscope::cli {

namespace {

// The options that belong to one form only.
const QStringList ServerOnly{u"sample"_s, u"labelset"_s, u"server"_s, u"profile"_s};
// --dataset belongs to both: a file offline, OWNER/NAME with --sample (for a server whose sample
// does not name its dataset, as the API documentation's example does not).
const QStringList OfflineOnly{u"label"_s, u"bitmap"_s, u"image"_s};

void warn(const QString &message) {
    printError(u"warning: "_s + message);
}

// The bytes of `path`; false and an error naming the file when it cannot be read.
bool readFile(const QString &path, QByteArray *bytes, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    *bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

// A JSON file read into a model type; errors name the file and, for a wrong value, its path
// in the document (`label.json: attributes.annotations[0].id: expected an integer`).
template <class T> std::optional<T> readJsonFile(const QString &path, QString *error) {
    QByteArray bytes;
    if (!readFile(path, &bytes, error))
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"%1: not valid JSON: %2 at byte %3"_s.arg(path, parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonValue root =
        document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    wire::JsonError jsonError;
    std::optional<T> value = wire::readValue<T>(root, &jsonError);
    if (!value)
        *error = u"%1: %2"_s.arg(path, jsonError.toString());
    return value;
}

} // namespace

QString RenderCommand::summary() const {
    return u"Draw a label to a PNG: --sample UUID from a server, or offline from the files given "
           u"by --label, --dataset, --bitmap and --image"_s;
}

void RenderCommand::addOptions(QCommandLineParser &parser) {
    parser.addOption({u"sample"_s, u"Server form: the sample to draw."_s, u"UUID"_s});
    parser.addOption(
        {u"labelset"_s, u"Server form: the labelset (default ground-truth)."_s, u"NAME"_s});
    parser.addOption({u"label"_s,
                      u"Offline form: the label, as GET /labels/{uuid}/{labelset}/ returns it, "
                      u"or only its attributes ({\"annotations\": ..., "
                      u"\"segmentation_bitmap\": ...})."_s,
                      u"LABEL.json"_s});
    parser.addOption({u"dataset"_s,
                      u"Offline form: the dataset (for its categories), as GET "
                      u"/datasets/{owner}/{name}/ returns it, or only {\"task_attributes\": "
                      u"{\"categories\": ...}}. Server form: the sample's dataset as "
                      u"OWNER/NAME, for a server that does not name it."_s,
                      u"DATASET.json|OWNER/NAME"_s});
    parser.addOption({u"bitmap"_s,
                      u"Offline form: the segmentation bitmap (not needed for a vector label)."_s,
                      u"BITMAP.png"_s});
    parser.addOption({u"image"_s, u"Offline form: the sample's image."_s, u"IMAGE"_s});
    parser.addOption({u"out"_s, u"The PNG to write (required)."_s, u"FILE.png"_s});
    parser.addOption(
        {u"opacity"_s, u"Opacity of the label, 0 to 1 (default 0.5)."_s, u"F"_s, u"0.5"_s});
    parser.addOption({u"outline"_s, u"Draw outlines only."_s});
    parser.addOption({u"color-by"_s, u"Colour by category (default) or instance."_s,
                      u"category|instance"_s, u"category"_s});
    parser.addOption({u"no-image"_s,
                      u"The label alone on transparency: at opacity 1 every labelled pixel is "
                      u"exactly its colour, every other pixel has alpha 0."_s});
}

QString RenderCommand::readOptions(const QCommandLineParser &parser) {
    if (!parser.positionalArguments().isEmpty())
        return u"render takes no positional arguments, got \"%1\""_s.arg(
            parser.positionalArguments().first());
    const auto anySet = [&](const QStringList &names) {
        return std::any_of(names.cbegin(), names.cend(),
                           [&](const QString &n) { return parser.isSet(n); });
    };
    const bool server = parser.isSet(u"sample"_s);
    m_offline = anySet(OfflineOnly) || (!server && parser.isSet(u"dataset"_s));
    if (server && m_offline)
        return u"--sample (server form) does not go with --label, --bitmap or --image "
               u"(offline form): use one form"_s;
    if (!server && !m_offline)
        return u"expected --sample UUID (server form) or --label LABEL.json --dataset "
               u"DATASET.json (offline form)"_s;
    if (m_offline) {
        if (anySet(ServerOnly))
            return u"--labelset, --server and --profile belong to the server form (--sample)"_s;
        m_labelFile = parser.value(u"label"_s);
        m_datasetFile = parser.value(u"dataset"_s);
        m_bitmapFile = parser.value(u"bitmap"_s);
        m_imageFile = parser.value(u"image"_s);
        if (m_labelFile.isEmpty() || m_datasetFile.isEmpty())
            return u"the offline form needs --label LABEL.json and --dataset DATASET.json"_s;
        if ((parser.isSet(u"bitmap"_s) && m_bitmapFile.isEmpty()) ||
            (parser.isSet(u"image"_s) && m_imageFile.isEmpty()))
            return u"--bitmap and --image need a file name"_s;
    } else {
        m_sample = parser.value(u"sample"_s);
        m_labelset =
            parser.isSet(u"labelset"_s) ? parser.value(u"labelset"_s) : wire::DefaultLabelset;
        if (m_sample.isEmpty())
            return u"--sample needs a sample uuid"_s;
        if (m_labelset.isEmpty())
            return u"--labelset needs a name"_s;
        m_datasetName = parser.value(u"dataset"_s);
        if (parser.isSet(u"dataset"_s) && m_datasetName.count(u'/') != 1)
            return u"with --sample, --dataset is the sample's dataset as OWNER/NAME, got \"%1\""_s
                .arg(m_datasetName);
    }

    m_out = parser.value(u"out"_s);
    if (m_out.isEmpty())
        return u"--out FILE.png is required"_s;
    bool ok = false;
    const QString opacity = parser.value(u"opacity"_s);
    m_options.opacity = opacity.toDouble(&ok);
    if (!ok || !(m_options.opacity >= 0 && m_options.opacity <= 1)) // NaN fails both
        return u"--opacity needs a number from 0 to 1, got \"%1\""_s.arg(opacity);
    const QString colorBy = parser.value(u"color-by"_s);
    if (colorBy == "category"_L1)
        m_options.colorBy = labels::ColorBy::Category;
    else if (colorBy == "instance"_L1)
        m_options.colorBy = labels::ColorBy::Instance;
    else
        return u"--color-by is category or instance, got \"%1\""_s.arg(colorBy);
    m_options.mode =
        parser.isSet(u"outline"_s) ? labels::DrawMode::Outline : labels::DrawMode::Fill;
    m_options.noImage = parser.isSet(u"no-image"_s);
    return {};
}

void RenderCommand::start(api::ApiClient &client) {
    if (m_offline)
        return startOffline();
    fetchSample(client);
}

void RenderCommand::startOffline() {
    QString error;
    const auto label = readJsonFile<LabelFileBody>(m_labelFile, &error);
    if (!label)
        return fail(error);
    const auto dataset = readJsonFile<CategoriesFileBody>(m_datasetFile, &error);
    if (!dataset)
        return fail(error);
    m_label = label->label;
    if (!dataset->task)
        warn(u"%1 has no task_attributes: no category has a colour"_s.arg(m_datasetFile));
    m_task = dataset->task.value_or(wire::TaskAttributes{});

    labels::InstanceBitmap bitmap;
    if (!m_bitmapFile.isEmpty()) {
        QByteArray bytes;
        if (!readFile(m_bitmapFile, &bytes, &error))
            return fail(error);
        labels::DecodeResult decoded = labels::decodeInstanceBitmap(bytes);
        if (!decoded.ok())
            return fail(
                u"cannot decode the bitmap %1: %2"_s.arg(m_bitmapFile, decoded.error().message));
        bitmap = decoded.takeBitmap();
    }
    QImage image;
    if (!m_imageFile.isEmpty()) {
        QImageReader reader(m_imageFile);
        image = reader.read();
        if (image.isNull())
            return fail(u"cannot read the image %1: %2"_s.arg(m_imageFile, reader.errorString()));
    }
    renderAndWrite(image, bitmap);
}

void RenderCommand::fetchSample(api::ApiClient &client) {
    api::getSample(client, m_sample, QString(), this, [this, &client](api::Result<wire::Sample> r) {
        if (!r.ok()) {
            if (r.error().kind == api::ApiError::Kind::NotFound)
                return fail(u"no sample %1 (%2)"_s.arg(m_sample, r.error().toString()));
            return fail(r.error());
        }
        // docs/api-contract.md §4: a single-sample GET names its dataset (segscope-server and the
        // SDK's model do; the documentation's example does not), else --dataset must.
        if (!r->datasetFullName.isEmpty())
            m_datasetName = r->datasetFullName;
        if (m_datasetName.isEmpty())
            return fail(u"the server did not say which dataset sample %1 belongs to (no "
                        u"dataset_full_name): name it with --dataset OWNER/NAME"_s.arg(m_sample));
        m_imageUrl = r->displayImageUrl();
        fetchLabelAndDataset(client);
    });
}

void RenderCommand::fetchLabelAndDataset(api::ApiClient &client) {
    // Two calls at once; the first failure ends the command and the other answer is dropped.
    m_pending = 2;
    const auto arrived = [this, &client] {
        if (--m_pending == 0)
            fetchAssets(client);
    };
    api::getLabel(client, m_sample, m_labelset, this, [this, arrived](api::Result<wire::Label> r) {
        if (m_pending < 0)
            return;
        if (!r.ok()) {
            m_pending = -1;
            if (r.error().kind == api::ApiError::Kind::NotFound)
                return fail(u"no label for sample %1 in labelset %2 (%3)"_s.arg(
                    m_sample, m_labelset, r.error().toString()));
            return fail(r.error());
        }
        m_label = r.value();
        arrived();
    });
    api::getDataset(client, m_datasetName, this, [this, arrived](api::Result<wire::Dataset> r) {
        if (m_pending < 0)
            return;
        if (!r.ok()) {
            m_pending = -1;
            return fail(r.error());
        }
        if (!r->taskAttributes)
            warn(u"dataset %1 has no task_attributes: no category has a colour"_s.arg(
                m_datasetName));
        m_task = r->taskAttributes.value_or(wire::TaskAttributes{});
        arrived();
    });
}

void RenderCommand::fetchAssets(api::ApiClient &client) {
    const wire::LabelAttributes &attributes = m_label.attributes;
    if (!attributes.frames.isEmpty() && attributes.annotations.isEmpty() &&
        attributes.bitmapUrl.isEmpty())
        return fail(u"the label of sample %1 is a sequence label (%2 frames): render draws "
                    u"single-image labels"_s.arg(m_sample)
                        .arg(attributes.frames.size()));
    const bool wantBitmap = !attributes.bitmapUrl.isEmpty();
    // A vector label alone is drawn the image's size: its image is fetched for its size even
    // with --no-image.
    const bool vectorOnly = !wantBitmap && labels::hasVectorShapes(attributes);
    const bool wantImage = !m_imageUrl.isEmpty() && (!m_options.noImage || vectorOnly);
    if (!m_options.noImage && m_imageUrl.isEmpty())
        warn(u"sample %1 has no image"_s.arg(m_sample));

    m_pending = int(wantBitmap) + int(wantImage);
    if (m_pending == 0)
        return assetsArrived();
    if (wantBitmap) {
        api::downloadAsset(
            client, QUrl(attributes.bitmapUrl), this, [this](api::Result<QByteArray> r) {
                if (m_pending < 0)
                    return;
                if (!r.ok()) {
                    m_pending = -1;
                    return fail(u"cannot download the segmentation bitmap %1: %2"_s.arg(
                        m_label.attributes.bitmapUrl, r.error().toString()));
                }
                m_bitmapBytes = r.value();
                if (--m_pending == 0)
                    assetsArrived();
            });
    }
    if (wantImage) {
        api::downloadAsset(client, QUrl(m_imageUrl), this, [this](api::Result<QByteArray> r) {
            if (m_pending < 0)
                return;
            if (!r.ok()) {
                if (!m_options.noImage) {
                    m_pending = -1;
                    return fail(u"cannot download the image %1: %2"_s.arg(m_imageUrl,
                                                                          r.error().toString()));
                }
                warn(u"cannot download the image %1 to size the canvas: %2"_s.arg(
                    m_imageUrl, r.error().toString()));
            } else {
                m_imageBytes = r.value();
            }
            if (--m_pending == 0)
                assetsArrived();
        });
    }
}

void RenderCommand::assetsArrived() {
    QImage image;
    if (m_imageBytes) {
        image = QImage::fromData(*m_imageBytes);
        if (image.isNull() && !m_options.noImage)
            return fail(u"cannot decode the image %1 (%2 bytes)"_s.arg(m_imageUrl)
                            .arg(m_imageBytes->size()));
        if (image.isNull())
            warn(u"cannot decode the image %1 to size the canvas"_s.arg(m_imageUrl));
    }
    labels::InstanceBitmap bitmap;
    if (m_bitmapBytes) {
        labels::DecodeResult decoded = labels::decodeInstanceBitmap(*m_bitmapBytes);
        if (!decoded.ok())
            return fail(u"cannot decode the segmentation bitmap %1: %2"_s.arg(
                m_label.attributes.bitmapUrl, decoded.error().message));
        bitmap = decoded.takeBitmap();
    }
    renderAndWrite(image, bitmap);
}

void RenderCommand::renderAndWrite(const QImage &image, const labels::InstanceBitmap &bitmap) {
    const labels::RenderResult result =
        labels::renderLabel(image, bitmap, m_label.attributes, m_task, m_options);
    for (const QString &warning : result.warnings)
        warn(warning);
    if (result.image.isNull())
        return fail(u"nothing to draw: the label has no bitmap and no shapes, and there is no "
                    u"image"_s);

    // The PNG appears whole or not at all (a full disk leaves the old file, if any).
    QString error;
    if (!labels::writePngFile(m_out, result.image, &error))
        return fail(u"cannot write %1: %2"_s.arg(m_out, error));
    out().write(u"wrote %1 (%2x%3)\n"_s.arg(m_out)
                    .arg(result.image.width())
                    .arg(result.image.height())
                    .toUtf8());
    succeed();
}

} // namespace segscope::cli
