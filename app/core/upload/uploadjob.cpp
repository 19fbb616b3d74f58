#include "uploadjob.h"
#include "uploadchecks.h"

#include "api/assetsapi.h"
#include "api/datasetsapi.h"
#include "api/labelsapi.h"
#include "api/samplesapi.h"
#include "wire/vocabulary.h"

#include <QFileInfo>
#include <QRandomGenerator>

#include <memory>

Q_LOGGING_CATEGORY(lcUpload, "segscope.upload", QtInfoMsg)

using namespace Qt::StringLiterals;
using segscope::api::ApiError;
using segscope::api::Result;
using State = segscope::upload::UploadItem::State;

namespace segscope::upload {

namespace {

const QString DefaultLabelStatus = u"PRELABELED"_s;

// Failures worth another attempt: nothing says the request itself was wrong.
bool isTransient(ApiError::Kind kind) {
    return kind == ApiError::Kind::Network || kind == ApiError::Kind::Timeout ||
           kind == ApiError::Kind::RateLimited || kind == ApiError::Kind::Server;
}

// docs/api-contract.md §2: a duplicate name is a 400 whose message contains "already exists".
bool isAlreadyExists(const ApiError &error) {
    if (error.kind != ApiError::Kind::Invalid)
        return false;
    const auto mentions = [](const QString &text) {
        return text.contains("already exists"_L1);
    };
    if (mentions(error.message))
        return true;
    for (const QStringList &messages : error.fieldErrors) {
        if (std::any_of(messages.cbegin(), messages.cend(), mentions))
            return true;
    }
    return false;
}

bool isDatasetName(const QString &name) {
    const QStringList parts = name.split(u'/');
    return parts.size() == 2 && !parts.at(0).isEmpty() && !parts.at(1).isEmpty();
}

} // namespace

UploadJob::UploadJob(api::ApiClient &client, UploadItem item, RetryPolicy policy, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_item(std::move(item))
    , m_policy(policy) {
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &UploadJob::next);
}

UploadJob::~UploadJob() {
    // Destroyed with its queue (a quit mid-run): the call stops, the item stays as last persisted.
    m_call.cancel();
}

void UploadJob::start() {
    next();
}

void UploadJob::cancel() {
    if (m_finished)
        return;
    m_call.cancel();
    m_retryTimer.stop();
    finish(State::Cancelled);
}

// Where the item stands follows from its persisted fields, so a resumed item continues after
// the last step that completed.
void UploadJob::next() {
    if (m_finished)
        return;
    if (!m_validated)
        return validate();
    if (m_item.sampleUuid.isEmpty()) {
        if (!m_nameChecked)
            return checkName(false);
        if (!m_item.filePath.isEmpty() && m_item.assetUrl.isEmpty())
            return createAsset(false);
        return createSample();
    }
    if (m_item.hasLabel() && !m_item.labelDone) {
        if (!m_item.bitmapPath.isEmpty() && m_item.bitmapUrl.isEmpty())
            return createAsset(true);
        return putLabel();
    }
    finish(State::Done);
}

void UploadJob::setState(State state) {
    if (m_item.state == state)
        return;
    m_item.state = state;
    qCDebug(lcUpload).noquote() << m_item.sampleName << stateName(state);
    emit changed();
}

void UploadJob::validate() {
    setState(State::CheckingName);
    if (!isDatasetName(m_item.dataset))
        return finish(State::Failed, u"not a dataset OWNER/NAME: \"%1\""_s.arg(m_item.dataset));
    if (m_item.filePath.isEmpty() && m_item.imageUrl.isEmpty())
        return finish(State::Failed, u"no image: neither a file nor a URL"_s);
    if (m_item.sampleName.trimmed().isEmpty())
        return finish(State::Failed, u"no sample name"_s);
    if (!m_item.filePath.isEmpty() && m_item.assetUrl.isEmpty()) {
        if (const QString problem = checkImageFile(m_item.filePath); !problem.isEmpty())
            return finish(State::Failed, problem);
    } else if (m_item.filePath.isEmpty()) {
        if (const QString problem = checkImageUrl(m_item.imageUrl); !problem.isEmpty())
            return finish(State::Failed, problem);
    }
    if (m_item.hasLabel() && !m_item.labelStatus.isEmpty() &&
        !wire::isLabelStatus(m_item.labelStatus))
        return finish(State::Failed, u"unknown label status \"%1\""_s.arg(m_item.labelStatus));
    if (m_item.hasLabel() && !m_item.labelDone && !m_item.bitmapPath.isEmpty() &&
        m_item.bitmapUrl.isEmpty()) {
        // The label is checked against the dataset's categories before anything is sent.
        m_call = api::getDataset(m_client, m_item.dataset, this, [this](Result<wire::Dataset> r) {
            if (!r.ok())
                return onError(r.error());
            validateLabel(r->taskAttributes.value_or(wire::TaskAttributes{}));
        });
        return;
    }
    m_validated = true;
    next();
}

void UploadJob::validateLabel(const wire::TaskAttributes &task) {
    const QSize imageSize = m_item.filePath.isEmpty() ? QSize() : imageFileSize(m_item.filePath);
    const QStringList problems =
        checkLabel(m_item.bitmapPath, m_item.labelAttributes, task, imageSize);
    if (!problems.isEmpty())
        return finish(State::Failed, u"label: "_s + problems.join(u"; "_s));
    m_validated = true;
    next();
}

void UploadJob::checkName(bool afterConflict) {
    setState(State::CheckingName);
    wire::SampleQuery query;
    query.nameContains = m_item.sampleName;
    query.perPage = 100;
    auto found = std::make_shared<std::optional<wire::Sample>>();
    const QString name = m_item.sampleName;
    auto onPage = [found, name](QList<wire::Sample> page, int) {
        for (wire::Sample &s : page) {
            if (s.name == name) { // name__contains is a substring match: only exact counts
                *found = std::move(s);
                return false;
            }
        }
        return true;
    };
    m_call = api::walkSamples(m_client, m_item.dataset, query, this, onPage,
                              [this, found, afterConflict](Result<api::Done> r) {
                                  if (!r.ok())
                                      return onError(r.error());
                                  if (!*found)
                                      return onNameChecked(std::nullopt, {}, afterConflict);
                                  onNameChecked((*found)->uuid, (*found)->imageUrl, afterConflict);
                              });
}

void UploadJob::onNameChecked(const std::optional<QString> &existingUuid,
                              const QString &existingUrl, bool afterConflict) {
    if (!existingUuid) {
        // A create answered "already exists" but the name is not listed: it is not ours.
        if (afterConflict)
            return finish(State::Skipped, u"already exists"_s);
        m_nameChecked = true;
        return next();
    }
    // Ours when it carries our image: the asset url is unique to this item; an image URL of
    // our own only counts once we sent a create with it.
    const bool ours =
        (!m_item.sampleUuid.isEmpty() && *existingUuid == m_item.sampleUuid) ||
        (!m_item.assetUrl.isEmpty() && existingUrl == m_item.assetUrl) ||
        (m_item.createSent && m_item.filePath.isEmpty() && existingUrl == m_item.sampleImageUrl());
    if (!ours)
        return finish(State::Skipped, u"already exists"_s);
    qCInfo(lcUpload).noquote() << m_item.sampleName
                               << "was already created (an earlier answer was lost):"
                               << *existingUuid;
    m_item.sampleUuid = *existingUuid;
    m_nameChecked = true;
    emit changed();
    next();
}

void UploadJob::createAsset(bool bitmap) {
    setState(bitmap ? State::UploadingBitmap : State::CreatingAsset);
    const QString path = bitmap ? m_item.bitmapPath : m_item.filePath;
    m_call = api::createAsset(m_client, QFileInfo(path).fileName(), this,
                              [this, bitmap](Result<wire::File> r) {
                                  if (!r.ok())
                                      return onError(r.error(), bitmap ? u"bitmap: "_s : QString());
                                  uploadFile(bitmap, r.value());
                              });
}

// A retried upload starts again from a new asset: the old presigned slot may already hold the
// bytes (a lost answer), and storage refuses a second post to the same key.
void UploadJob::uploadFile(bool bitmap, const wire::File &file) {
    const QString path = bitmap ? m_item.bitmapPath : m_item.filePath;
    if (!bitmap) {
        setState(State::Uploading);
        m_item.bytesSent = 0;
        m_item.bytesTotal = QFileInfo(path).size();
    }
    auto onProgress = [this, bitmap](qint64 sent, qint64 total) {
        if (bitmap)
            return;
        m_item.bytesSent = sent;
        m_item.bytesTotal = total;
        emit progress(sent, total);
    };
    m_call = api::uploadAsset(m_client, file, path, this, onProgress,
                              [this, bitmap, url = file.url](Result<api::Done> r) {
                                  if (!r.ok())
                                      return onError(r.error(), bitmap ? u"bitmap: "_s : QString());
                                  if (bitmap) {
                                      m_item.bitmapUrl = url;
                                  } else {
                                      m_item.assetUrl = url;
                                      m_item.bytesSent = m_item.bytesTotal;
                                  }
                                  emit changed();
                                  next();
                              });
}

void UploadJob::createSample() {
    api::NewSample sample;
    sample.name = m_item.sampleName;
    sample.attributes = api::NewSample::imageAttributes(m_item.sampleImageUrl());
    sample.metadata = m_item.metadata;
    sample.priority = m_item.priority;
    // Persisted before the request leaves, so a resumed item knows a create may have happened.
    m_item.createSent = true;
    m_item.state = State::CreatingSample;
    emit changed();
    m_call =
        api::createSample(m_client, m_item.dataset, sample, this, [this](Result<wire::Sample> r) {
            if (r.ok()) {
                m_item.sampleUuid = r->uuid;
                emit changed();
                return next();
            }
            // Our own earlier create whose answer was lost, or another
            // sample: the name check tells.
            if (isAlreadyExists(r.error()))
                return checkName(true);
            // Whatever the failure, a retry checks the name first.
            m_nameChecked = false;
            // A 2xx the client could not read may still have created
            // the sample: worth the name check of a retry.
            const bool unread = r.error().kind == ApiError::Kind::Parse;
            onError(r.error(), {}, unread);
        });
}

void UploadJob::putLabel() {
    setState(State::PuttingLabel);
    api::LabelInput label;
    label.attributes = m_item.labelAttributes;
    if (!m_item.bitmapPath.isEmpty())
        label.attributes.insert("segmentation_bitmap"_L1,
                                QJsonObject{{"url"_L1, m_item.bitmapUrl}});
    label.labelStatus = m_item.labelStatus.isEmpty() ? DefaultLabelStatus : m_item.labelStatus;
    // PUT replaces: repeating it after a lost answer is harmless.
    m_call = api::putLabel(m_client, m_item.sampleUuid, m_item.labelset, label, this,
                           [this](Result<wire::Label> r) {
                               if (!r.ok())
                                   return onError(r.error(), u"label: "_s);
                               m_item.labelDone = true;
                               next();
                           });
}

void UploadJob::onError(const ApiError &error, const QString &prefix, bool retryable) {
    const QString reason = (prefix + error.toString()).simplified();
    if (!retryable && !isTransient(error.kind))
        return finish(State::Failed, reason);
    if (m_item.attempts >= m_policy.maxRetries)
        return finish(State::Failed, u"%1 (after %2 retries)"_s.arg(reason).arg(m_item.attempts));
    if (error.retryAfter && *error.retryAfter > m_client.options().maxRetryAfterSeconds)
        return finish(State::Failed, reason);
    const std::chrono::milliseconds delay = retryDelay(error);
    ++m_item.attempts;
    qCInfo(lcUpload).noquote() << u"retrying %1 (%2) in %3 ms after: %4"_s.arg(
        m_item.sampleName, stateName(m_item.state), QString::number(delay.count()), reason);
    emit changed();
    m_retryTimer.start(delay);
}

std::chrono::milliseconds UploadJob::retryDelay(const ApiError &error) const {
    if (error.retryAfter)
        return m_client.options().retryAfterUnit * *error.retryAfter;
    // Exponential with "equal jitter", as the client does for its own retries.
    const qint64 base = m_policy.backoffBase.count();
    const qint64 exp =
        std::min<qint64>(m_policy.backoffMax.count(), base << std::min(m_item.attempts, 20));
    const qint64 half = exp / 2;
    const qint64 jitter =
        half > 0 ? qint64(QRandomGenerator::global()->bounded(quint64(half) + 1)) : 0;
    return std::chrono::milliseconds(std::max<qint64>(1, exp - half + jitter));
}

void UploadJob::finish(State state, const QString &error) {
    if (m_finished)
        return;
    m_finished = true;
    m_item.state = state;
    m_item.error = error.simplified();
    if (state == State::Done)
        m_item.labelDone = true;
    qCDebug(lcUpload).noquote() << m_item.sampleName << stateName(state) << m_item.error;
    emit finished();
}

} // namespace segscope::upload
