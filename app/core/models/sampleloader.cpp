#include "sampleloader.h"

#include "api/assetsapi.h"
#include "api/labelsapi.h"
#include "api/samplesapi.h"
#include "threading.h"

#include <QThreadPool>
#include <QUrl>

#include <atomic>

using namespace Qt::StringLiterals;

namespace segscope::models {

struct SampleLoader::Job {
    QString uuid;
    QString labelset;
    std::shared_ptr<LoadedSample> result = std::make_shared<LoadedSample>();
    //! Set when a candidate labelset was asked for; becomes result->comparison when done.
    std::shared_ptr<LoadedComparison> comparison;
    api::CallHandle sampleCall, labelCall, imageCall, bitmapCall;
    api::CallHandle candidateLabelCall, candidateBitmapCall;
    int pending = 0; //!< parts (sample, label, image, bitmap) not finished yet
    bool sampleFailed = false;
    //! Read by pool tasks: a decode that has not started is skipped once set.
    std::shared_ptr<std::atomic_bool> cancelled = std::make_shared<std::atomic_bool>(false);

    void cancel() {
        cancelled->store(true);
        sampleCall.cancel();
        labelCall.cancel();
        imageCall.cancel();
        bitmapCall.cancel();
        candidateLabelCall.cancel();
        candidateBitmapCall.cancel();
    }
};

SampleLoader::SampleLoader(QObject *parent)
    : QObject(parent)
    , m_mailbox(std::make_shared<Mailbox>(this)) {}

SampleLoader::~SampleLoader() {
    m_mailbox->close();
    for (const auto &job : std::as_const(m_jobs))
        job->cancel();
}

void SampleLoader::setClient(api::ApiClient *client) {
    for (const auto &job : std::as_const(m_jobs))
        job->cancel();
    m_jobs.clear();
    m_cache.clear();
    m_frameCache.clear();
    m_current.clear();
    m_prefetch.clear();
    m_frameCurrent.clear();
    m_framePrefetch.clear();
    m_client = client;
}

void SampleLoader::setTask(const wire::TaskAttributes &task) {
    for (const auto &job : std::as_const(m_jobs))
        job->cancel();
    m_jobs.clear();
    m_task = task;
    clear();
}

void SampleLoader::clear() {
    m_cache.clear();
    m_frameCache.clear();
}

QString SampleLoader::keyOf(const QString &uuid, const QString &labelset,
                            const QString &candidate) {
    // A tab before the candidate: a sample key keeps its one newline (frame keys add "\n#").
    const QString key = uuid + u'\n' + labelset;
    return candidate.isEmpty() || candidate == labelset ? key : key + u'\t' + candidate;
}

bool SampleLoader::isCached(const QString &uuid, const QString &labelset,
                            const QString &candidate) const {
    const QString key = keyOf(uuid, labelset, candidate);
    return std::any_of(m_cache.begin(), m_cache.end(),
                       [&key](const auto &entry) { return entry.first == key; });
}

void SampleLoader::load(const QString &uuid, const QString &labelset, const QString &candidate) {
    const QString key = keyOf(uuid, labelset, candidate);
    m_current = key;
    if (!m_frameCurrent.startsWith(keyOf(uuid, labelset) + u'\n')) {
        // Another sample: its frames are no longer wanted.
        m_frameCurrent.clear();
        m_framePrefetch.clear();
        m_frameCache.clear();
    }
    cancelJobsExcept(key, m_prefetch);
    if (!deliverCached(m_cache, key, &SampleLoader::m_current, &SampleLoader::loaded) &&
        !m_jobs.contains(key))
        start(uuid, labelset, candidate);
}

bool SampleLoader::deliverCached(
    const Cache &cache, const QString &key, const QString SampleLoader::*current,
    void (SampleLoader::*signal)(std::shared_ptr<const LoadedSample>)) {
    for (const auto &[cachedKey, cached] : cache) {
        if (cachedKey != key)
            continue;
        std::shared_ptr<const LoadedSample> found = cached;
        QMetaObject::invokeMethod(
            this,
            [this, key, found, current, signal] {
                if (this->*current == key)
                    emit(this->*signal)(found);
            },
            Qt::QueuedConnection);
        return true;
    }
    return false;
}

void SampleLoader::prefetch(const QStringList &uuids, const QString &labelset,
                            const QString &candidate) {
    const qsizetype most = std::max(1, m_cacheSize - 2);
    QStringList wanted; // the uuids whose keys are in m_prefetch, in the same order
    m_prefetch.clear();
    for (const QString &uuid : uuids) {
        const QString key = keyOf(uuid, labelset, candidate);
        if (key == m_current || m_prefetch.contains(key) || m_prefetch.size() >= most)
            continue;
        m_prefetch.append(key);
        wanted.append(uuid);
    }
    cancelJobsExcept(m_current, m_prefetch);
    for (qsizetype i = 0; i < m_prefetch.size(); ++i) {
        const QString &key = m_prefetch.at(i);
        const bool cached = std::any_of(m_cache.begin(), m_cache.end(),
                                        [&key](const auto &entry) { return entry.first == key; });
        if (!cached && !m_jobs.contains(key))
            start(wanted.at(i), labelset, candidate);
    }
}

void SampleLoader::cancelJobsExcept(const QString &keep, const QStringList &alsoKeep) {
    for (auto it = m_jobs.begin(); it != m_jobs.end();) {
        if (it.key() == keep || alsoKeep.contains(it.key()) || it.key() == m_frameCurrent ||
            it.key() == m_framePrefetch) {
            ++it;
            continue;
        }
        it.value()->cancel();
        it = m_jobs.erase(it);
    }
}

void SampleLoader::start(const QString &uuid, const QString &labelset, const QString &candidate) {
    if (!m_client)
        return;
    const QString key = keyOf(uuid, labelset, candidate);
    auto job = std::make_shared<Job>();
    job->uuid = uuid;
    job->labelset = labelset;
    job->result->labelset = labelset;
    job->pending = 2;
    m_jobs.insert(key, job);
    emit progress(uuid, tr("Loading the sample…"));
    job->sampleCall =
        api::getSample(*m_client, uuid, labelset, this,
                       [this, key](api::Result<wire::Sample> r) { onSample(key, std::move(r)); });
    job->labelCall =
        api::getLabel(*m_client, uuid, labelset, this,
                      [this, key](api::Result<wire::Label> r) { onLabel(key, std::move(r)); });
    if (key.contains(u'\t')) {
        job->comparison = std::make_shared<LoadedComparison>();
        job->comparison->candidateLabelset = candidate;
        ++job->pending;
        job->candidateLabelCall = api::getLabel(
            *m_client, uuid, candidate, this,
            [this, key](api::Result<wire::Label> r) { onCandidateLabel(key, std::move(r)); });
    }
}

void SampleLoader::onCandidateLabel(const QString &key, api::Result<wire::Label> result) {
    const auto job = m_jobs.value(key);
    if (!job)
        return;
    LoadedComparison &c = *job->comparison;
    if (!result.ok()) {
        if (result.error().kind != api::ApiError::Kind::NotFound)
            c.candidateLabelError = result.error().toString();
        return finishPart(key);
    }
    c.candidateLabel = std::move(result.value());
    const wire::LabelAttributes &attributes = firstFrameOf(*c.candidateLabel);
    if (!attributes.bitmapUrl.isEmpty()) {
        ++job->pending;
        job->candidateBitmapCall = api::downloadAsset(
            *m_client, QUrl(attributes.bitmapUrl), this,
            [this, key](api::Result<QByteArray> r) { onCandidateBitmapBytes(key, std::move(r)); });
    } else if (attributes.hasBitmapField) {
        c.candidateBitmapError = tr("the label has no segmentation bitmap (status %1)")
                                     .arg(c.candidateLabel->labelStatus);
    }
    finishPart(key);
}

void SampleLoader::onCandidateBitmapBytes(const QString &key, api::Result<QByteArray> result) {
    const auto job = m_jobs.value(key);
    if (!job)
        return;
    decodeBitmap(
        key, std::move(result), firstFrameOf(*job->comparison->candidateLabel),
        [](Job &done, std::shared_ptr<const labels::LabelOverlay> overlay, const QString &error) {
            done.comparison->candidate = std::move(overlay);
            done.comparison->candidateBitmapError = error;
        });
}

void SampleLoader::decodeBitmap(const QString &key, api::Result<QByteArray> result,
                                wire::LabelAttributes attributes, StoreOverlay store) {
    if (!result.ok()) {
        const auto job = m_jobs.value(key);
        store(*job, nullptr,
              tr("the label bitmap could not be downloaded: %1").arg(result.error().toString()));
        return finishPart(key);
    }
    threading::detailPool()->start(
        [mailbox = m_mailbox, key, cancelled = m_jobs.value(key)->cancelled, task = m_task,
         attributes = std::move(attributes), store, bytes = std::move(result.value())]() mutable {
            if (cancelled->load())
                return;
            auto [overlay, error] =
                decodeLabelOverlay(bytes, std::move(attributes), std::move(task));
            mailbox->post([key, overlay, error, store](SampleLoader *loader) {
                const auto waiting = loader->m_jobs.value(key);
                if (!waiting)
                    return;
                store(*waiting, overlay, error);
                loader->finishPart(key);
            });
        });
}

void SampleLoader::onSample(const QString &key, api::Result<wire::Sample> result) {
    const auto job = m_jobs.value(key);
    if (!job)
        return;
    if (!result.ok()) {
        job->sampleFailed = true;
        job->cancel();
        m_jobs.remove(key);
        if (key == m_current)
            emit failed(job->uuid, result.error().toString());
        return;
    }
    job->result->sample = std::move(result.value());
    const QString url = job->result->sample.displayImageUrl();
    if (url.isEmpty() && !wire::isDrawnKind(job->result->sample.kind())) {
        // A point cloud, text, ...: no image by nature, which is no defect.
    } else if (url.isEmpty()) {
        job->result->imageError = tr("the sample has no image");
    } else {
        ++job->pending;
        emit progress(job->uuid, tr("Downloading the image…"));
        job->imageCall =
            api::downloadAsset(*m_client, QUrl(url), this, [this, key](api::Result<QByteArray> r) {
                onImageBytes(key, std::move(r));
            });
    }
    finishPart(key);
}

void SampleLoader::onLabel(const QString &key, api::Result<wire::Label> result) {
    const auto job = m_jobs.value(key);
    if (!job)
        return;
    if (!result.ok()) {
        if (result.error().kind != api::ApiError::Kind::NotFound)
            job->result->labelError = result.error().toString();
        return finishPart(key);
    }
    job->result->label = std::move(result.value());
    startBitmap(key);
    finishPart(key);
}

void SampleLoader::startBitmap(const QString &key) {
    const auto job = m_jobs.value(key);
    // A sequence label's bitmap is the shown frame's (the first, for the sample's own load).
    const wire::LabelAttributes &attributes = job->result->shownLabel();
    if (!attributes.bitmapUrl.isEmpty()) {
        ++job->pending;
        emit progress(job->uuid, tr("Downloading the label bitmap…"));
        job->bitmapCall = api::downloadAsset(
            *m_client, QUrl(attributes.bitmapUrl), this,
            [this, key](api::Result<QByteArray> r) { onBitmapBytes(key, std::move(r)); });
    } else if (attributes.hasBitmapField && !wire::isDrawnKind(job->result->sample.kind())) {
        // A point cloud or text sample in a segmentation dataset: no bitmap to draw, no defect.
    } else if (attributes.hasBitmapField) {
        job->result->bitmapError = tr("the label has no segmentation bitmap (status %1)")
                                       .arg(job->result->label->labelStatus);
    }
}

void SampleLoader::onImageBytes(const QString &key, api::Result<QByteArray> result) {
    const auto job = m_jobs.value(key);
    if (!job)
        return;
    if (!result.ok()) {
        job->result->imageError =
            tr("the image could not be downloaded: %1").arg(result.error().toString());
        return finishPart(key);
    }
    threading::detailPool()->start(
        [mailbox = m_mailbox, key, cancelled = job->cancelled, bytes = std::move(result.value())] {
            if (cancelled->load())
                return;
            auto decoded = decodeSampleImage(bytes);
            mailbox->post([key, decoded = std::move(decoded)](SampleLoader *loader) {
                const auto waiting = loader->m_jobs.value(key);
                if (!waiting)
                    return;
                waiting->result->image = decoded.first;
                waiting->result->imageError = decoded.second;
                loader->finishPart(key);
            });
        });
}

void SampleLoader::onBitmapBytes(const QString &key, api::Result<QByteArray> result) {
    const auto job = m_jobs.value(key);
    if (!job)
        return;
    decodeBitmap(
        key, std::move(result), job->result->shownLabel(),
        [](Job &done, std::shared_ptr<const labels::LabelOverlay> overlay, const QString &error) {
            done.result->overlay = std::move(overlay);
            done.result->bitmapError = error;
        });
}

void SampleLoader::finishPart(const QString &key) {
    const auto job = m_jobs.value(key);
    if (!job || --job->pending > 0)
        return;
    // The facts need the image's size and the bitmap both, so they start when the last part is
    // in. From here on only this task touches the result, until it is posted back.
    threading::detailPool()->start([mailbox = m_mailbox, key, cancelled = job->cancelled,
                                    result = job->result, comparison = job->comparison,
                                    task = m_task] {
        if (cancelled->load())
            return;
        finishLoadedSample(*result, comparison, task);
        mailbox->post([key, result](SampleLoader *loader) { loader->deliver(key, result); });
    });
}

void SampleLoader::deliver(const QString &key, const std::shared_ptr<LoadedSample> &result) {
    const auto job = m_jobs.value(key);
    if (!job || job->result != result)
        return; // cancelled meanwhile, maybe started again: that load delivers its own
    m_jobs.remove(key);
    std::shared_ptr<const LoadedSample> done = result;
    if (key.contains(u"\n#"_s)) {
        remember(m_frameCache, m_cacheSize + 1, key, done);
        if (key == m_frameCurrent)
            emit frameLoaded(done);
        return;
    }
    remember(m_cache, m_cacheSize, key, done);
    if (key == m_current)
        emit loaded(done);
}

void SampleLoader::remember(QList<std::pair<QString, std::shared_ptr<const LoadedSample>>> &cache,
                            int size, const QString &key,
                            std::shared_ptr<const LoadedSample> sample) {
    cache.removeIf([&key](const auto &entry) { return entry.first == key; });
    cache.append({key, std::move(sample)});
    while (cache.size() > size)
        cache.removeFirst();
}

QString SampleLoader::frameKeyOf(const LoadedSample &sequence, int frame) {
    // A sample key has one newline (between uuid and labelset); a frame key adds "\n#frame".
    return keyOf(sequence.sample.uuid, sequence.labelset) + u"\n#"_s + QString::number(frame);
}

void SampleLoader::loadFrame(const std::shared_ptr<const LoadedSample> &sequence, int frame) {
    if (!sequence)
        return;
    const QString key = frameKeyOf(*sequence, frame);
    m_frameCurrent = key;
    cancelJobsExcept(m_current, m_prefetch);
    if (!deliverCached(m_frameCache, key, &SampleLoader::m_frameCurrent,
                       &SampleLoader::frameLoaded) &&
        !m_jobs.contains(key))
        startFrame(sequence, frame);
}

void SampleLoader::prefetchFrame(const std::shared_ptr<const LoadedSample> &sequence, int frame) {
    if (!sequence || frame < 0 || frame >= sequence->frameCount())
        return;
    const QString key = frameKeyOf(*sequence, frame);
    if (key == m_frameCurrent)
        return;
    m_framePrefetch = key;
    cancelJobsExcept(m_current, m_prefetch);
    for (const auto &entry : std::as_const(m_frameCache)) {
        if (entry.first == key)
            return;
    }
    if (!m_jobs.contains(key))
        startFrame(sequence, frame);
}

void SampleLoader::startFrame(const std::shared_ptr<const LoadedSample> &sequence, int frame) {
    if (!m_client)
        return;
    const QString key = frameKeyOf(*sequence, frame);
    auto job = std::make_shared<Job>();
    job->uuid = sequence->sample.uuid;
    job->labelset = sequence->labelset;
    LoadedSample &r = *job->result;
    r.sample = sequence->sample;
    r.labelset = sequence->labelset;
    r.label = sequence->label;
    r.labelError = sequence->labelError;
    r.frame = frame;
    job->pending = 1; // this function's own part, so nothing is delivered before all started
    m_jobs.insert(key, job);
    const QString url = frame >= 0 && frame < r.sample.frames.size()
                            ? r.sample.frames.at(frame).imageUrl
                            : QString();
    if (url.isEmpty()) {
        r.imageError = tr("frame %1 has no image").arg(frame + 1);
    } else {
        ++job->pending;
        job->imageCall =
            api::downloadAsset(*m_client, QUrl(url), this, [this, key](api::Result<QByteArray> b) {
                onImageBytes(key, std::move(b));
            });
    }
    if (r.label)
        startBitmap(key);
    finishPart(key);
}

} // namespace segscope::models
