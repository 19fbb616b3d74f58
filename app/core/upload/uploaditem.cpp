#include "uploaditem.h"

#include <array>

using namespace Qt::StringLiterals;

namespace segscope::upload {

namespace {

using State = UploadItem::State;

struct StateNames {
    State state;
    QLatin1StringView name;
    QLatin1StringView text;
};

constexpr std::array<StateNames, 11> Names{{
    {State::Queued, "queued"_L1, "Queued"_L1},
    {State::CheckingName, "checking-name"_L1, "Checking the name"_L1},
    {State::CreatingAsset, "creating-asset"_L1, "Creating the asset"_L1},
    {State::Uploading, "uploading"_L1, "Uploading"_L1},
    {State::CreatingSample, "creating-sample"_L1, "Creating the sample"_L1},
    {State::UploadingBitmap, "uploading-bitmap"_L1, "Uploading the label bitmap"_L1},
    {State::PuttingLabel, "putting-label"_L1, "Putting the label"_L1},
    {State::Done, "done"_L1, "Added"_L1},
    {State::Skipped, "skipped"_L1, "Skipped"_L1},
    {State::Failed, "failed"_L1, "Failed"_L1},
    {State::Cancelled, "cancelled"_L1, "Cancelled"_L1},
}};

State stateFromName(const QString &name) {
    for (const StateNames &n : Names) {
        if (name == n.name)
            return n.state;
    }
    return State::Queued;
}

} // namespace

QString stateName(State state) {
    for (const StateNames &n : Names) {
        if (n.state == state)
            return n.name;
    }
    return {};
}

QString stateText(State state) {
    for (const StateNames &n : Names) {
        if (n.state == state)
            return n.text;
    }
    return {};
}

bool UploadItem::isFinished() const {
    return state == State::Done || state == State::Skipped || state == State::Failed ||
           state == State::Cancelled;
}

QString UploadItem::sampleImageUrl() const {
    return filePath.isEmpty() ? imageUrl.toString(QUrl::FullyEncoded) : assetUrl;
}

QJsonObject UploadItem::toJson() const {
    return QJsonObject{
        {"id"_L1, id},
        {"dataset"_L1, dataset},
        {"file_path"_L1, filePath},
        {"image_url"_L1, imageUrl.toString(QUrl::FullyEncoded)},
        {"sample_name"_L1, sampleName},
        {"metadata"_L1, metadata},
        {"priority"_L1, priority},
        {"labelset"_L1, labelset},
        {"bitmap_path"_L1, bitmapPath},
        {"label_attributes"_L1, labelAttributes},
        {"label_status"_L1, labelStatus},
        {"state"_L1, stateName(state)},
        {"error"_L1, error},
        {"bytes_sent"_L1, bytesSent},
        {"bytes_total"_L1, bytesTotal},
        {"asset_url"_L1, assetUrl},
        {"bitmap_url"_L1, bitmapUrl},
        {"sample_uuid"_L1, sampleUuid},
        {"attempts"_L1, attempts},
        {"create_sent"_L1, createSent},
        {"label_done"_L1, labelDone},
    };
}

UploadItem UploadItem::fromJson(const QJsonObject &o) {
    UploadItem item;
    item.id = o.value("id"_L1).toString();
    item.dataset = o.value("dataset"_L1).toString();
    item.filePath = o.value("file_path"_L1).toString();
    const QString url = o.value("image_url"_L1).toString();
    if (!url.isEmpty())
        item.imageUrl = QUrl(url, QUrl::StrictMode);
    item.sampleName = o.value("sample_name"_L1).toString();
    item.metadata = o.value("metadata"_L1).toObject();
    item.priority = o.value("priority"_L1).toDouble();
    item.labelset = o.value("labelset"_L1).toString();
    item.bitmapPath = o.value("bitmap_path"_L1).toString();
    item.labelAttributes = o.value("label_attributes"_L1).toObject();
    item.labelStatus = o.value("label_status"_L1).toString();
    item.state = stateFromName(o.value("state"_L1).toString());
    item.error = o.value("error"_L1).toString();
    item.bytesSent = qint64(o.value("bytes_sent"_L1).toDouble());
    item.bytesTotal = qint64(o.value("bytes_total"_L1).toDouble());
    item.assetUrl = o.value("asset_url"_L1).toString();
    item.bitmapUrl = o.value("bitmap_url"_L1).toString();
    item.sampleUuid = o.value("sample_uuid"_L1).toString();
    item.attempts = o.value("attempts"_L1).toInt();
    item.createSent = o.value("create_sent"_L1).toBool();
    item.labelDone = o.value("label_done"_L1).toBool();
    return item;
}

} // namespace segscope::upload
