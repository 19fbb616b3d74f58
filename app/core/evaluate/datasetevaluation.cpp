#include "datasetevaluation.h"
#include "evaluationcache.h"
#include "samplecomparison.h"

#include "api/assetsapi.h"
#include "api/datasetsapi.h"
#include "api/labelsapi.h"
#include "api/samplesapi.h"
#include "models/mailbox.h"
#include "threading.h"

#include <QThreadPool>
#include <QUrl>

#include <atomic>
#include <deque>
#include <map>

using namespace Qt::StringLiterals;

namespace segscope::evaluate {

namespace {

//! Samples between listed and reported: their labels, bitmaps and decoded id maps are what the
//! evaluation holds in memory, so this bounds it however long the dataset.
constexpr int MaxInFlight = 4;
//! Samples per listing page. The next page is asked for once fewer than half a page wait, so
//! the walk never stalls on a listing and never holds more than a page and a half listed ahead.
constexpr int PageSize = 50;

} // namespace

labels::ConfusionMatrix SampleEvaluation::matrix(const labels::CompareClasses &classes) const {
    labels::ConfusionMatrix m;
    m.classes = classes;
    std::vector<std::array<int, 2>> slotPairs;
    slotPairs.reserve(confusion.size());
    for (const ConfusionEntry &e : confusion)
        slotPairs.push_back({m.classes.slotOf(e.reference), m.classes.slotOf(e.candidate)});
    const int n = m.classes.count();
    m.counts.assign(size_t(n) * size_t(n), 0);
    for (size_t i = 0; i < confusion.size(); ++i)
        m.counts[size_t(slotPairs[i][0]) * size_t(n) + size_t(slotPairs[i][1])] +=
            confusion[i].pixels;
    return m;
}

//! One sample from its listing to its result.
struct SampleJob {
    wire::Sample sample; //!< as listed, with the reference label
    std::optional<wire::Label> candidate;
    EvaluationCacheKey key;
    SampleInputs inputs;
    api::CallHandle labelCall;
    std::vector<api::CallHandle> downloads;
    int pendingDownloads = 0;
    std::optional<SampleEvaluation> result; //!< set when done, waiting for its turn
    bool fromCache = false;

    void cancel() {
        labelCall.cancel();
        for (const api::CallHandle &d : downloads)
            d.cancel();
    }
};

struct DatasetEvaluation::Run {
    DatasetEvaluation *owner = nullptr;
    api::ApiClient *client = nullptr;
    std::shared_ptr<std::atomic_bool> cancelled = std::make_shared<std::atomic_bool>(false);
    std::shared_ptr<models::Mailbox<DatasetEvaluation>> mailbox;
    std::unique_ptr<EvaluationCache> cache;
    QString server;
    api::CallHandle datasetCall;
    api::CallHandle pageCall;
    std::deque<wire::Sample> queue; //!< listed, not started
    int nextPage = 1;
    bool listed = false; //!< every page is in
    int listedCount = 0;
    int started = 0;  //!< the listing position of the next sample started
    int reported = 0; //!< the listing position of the next sample reported
    std::map<int, std::unique_ptr<SampleJob>> jobs; //!< started, not reported

    void cancel() {
        cancelled->store(true);
        mailbox->close();
        datasetCall.cancel();
        pageCall.cancel();
        for (auto &[order, job] : jobs)
            job->cancel();
    }
    bool isCurrent() const { return owner->m_run.get() == this; }

    void onDataset(api::Result<wire::Dataset> r);
    void fetchPage();
    void onPage(api::Result<QList<wire::Sample>> r, int perPage);
    void pump();
    void startJob(wire::Sample sample);
    void onCandidate(int order, api::Result<wire::Label> r);
    void download(int order, const QString &url, int frame, QByteArray FramePair::*target);
    void onDownloaded(int order, api::Result<QByteArray> r, int frame,
                      QByteArray FramePair::*target);
    void compare(int order);
    void complete(int order, SampleEvaluation result, bool fromCache);
    void reportReady();
    void fail(const api::ApiError &error);
};

DatasetEvaluation::DatasetEvaluation(QObject *parent)
    : QObject(parent) {}

DatasetEvaluation::~DatasetEvaluation() {
    cancel();
}

void DatasetEvaluation::start(api::ApiClient &client, const EvaluationSpec &spec) {
    cancel();
    m_spec = spec;
    m_task = {};
    m_matrix = {};
    m_samples.clear();
    m_cached = 0;
    auto run = std::make_shared<Run>();
    run->owner = this;
    run->client = &client;
    run->mailbox = std::make_shared<models::Mailbox<DatasetEvaluation>>(this);
    if (!spec.cacheDirectory.isEmpty())
        run->cache = std::make_unique<EvaluationCache>(spec.cacheDirectory);
    // The key of cached results: the server without user info (never a secret in a file).
    run->server = client.baseUrl().toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    m_run = run;
    Run *r = run.get();
    run->datasetCall = api::getDataset(client, spec.dataset, this,
                                       [r](api::Result<wire::Dataset> d) { r->onDataset(d); });
}

void DatasetEvaluation::cancel() {
    if (!m_run)
        return;
    const std::shared_ptr<Run> run = std::move(m_run);
    run->cancel();
}

bool DatasetEvaluation::isRunning() const {
    return m_run != nullptr;
}

std::array<int, 5> DatasetEvaluation::presenceCounts() const {
    std::array<int, 5> counts{};
    for (const SampleEvaluation &s : m_samples)
        ++counts[size_t(s.presence)];
    return counts;
}

// Every callback below was bound to the owner and is dropped when the run is cancelled (its
// calls are cancelled, its mailbox closed), so `this` is alive whenever one runs.

void DatasetEvaluation::Run::onDataset(api::Result<wire::Dataset> r) {
    if (!r.ok())
        return fail(r.error());
    owner->m_task = r->taskAttributes.value_or(wire::TaskAttributes{});
    owner->m_matrix.classes = labels::CompareClasses(owner->m_task);
    const int n = owner->m_matrix.classes.count();
    owner->m_matrix.counts.assign(size_t(n) * size_t(n), 0);
    fetchPage();
}

void DatasetEvaluation::Run::fetchPage() {
    wire::SampleQuery query = owner->m_spec.query;
    query.labelset = owner->m_spec.reference;
    query.includeFullLabel = true;
    query.page = nextPage;
    query.perPage = PageSize;
    const int perPage = query.perPage;
    pageCall = api::listSamples(
        *client, owner->m_spec.dataset, query, owner,
        [this, perPage](api::Result<QList<wire::Sample>> r) { onPage(std::move(r), perPage); });
}

void DatasetEvaluation::Run::onPage(api::Result<QList<wire::Sample>> r, int perPage) {
    const std::shared_ptr<Run> self = owner->m_run; // a slot of progress() may cancel
    pageCall = {};
    if (!r.ok()) {
        // Past the end when the count is a multiple of the page size (docs/api-contract.md §5).
        if (r.error().isInvalidPage() && nextPage > 1) {
            listed = true;
            return pump();
        }
        return fail(r.error());
    }
    QList<wire::Sample> page = std::move(r.value());
    listedCount += int(page.size());
    listed = page.size() < perPage;
    ++nextPage;
    for (wire::Sample &s : page)
        queue.push_back(std::move(s));
    emit owner->progress(reported, listedCount);
    if (isCurrent())
        pump();
}

void DatasetEvaluation::Run::pump() {
    while (int(jobs.size()) < MaxInFlight && !queue.empty()) {
        wire::Sample sample = std::move(queue.front());
        queue.pop_front();
        startJob(std::move(sample));
    }
    if (!listed && !pageCall.isActive() && int(queue.size()) < PageSize / 2)
        fetchPage();
    if (listed && queue.empty() && jobs.empty()) {
        const std::shared_ptr<Run> self = std::move(owner->m_run); // the run ends here
        emit owner->finished();
    }
}

void DatasetEvaluation::Run::startJob(wire::Sample sample) {
    const int order = started++;
    auto job = std::make_unique<SampleJob>();
    job->sample = std::move(sample);
    const QString uuid = job->sample.uuid;
    SampleJob *j = job.get();
    jobs.emplace(order, std::move(job));
    j->labelCall =
        api::getLabel(*client, uuid, owner->m_spec.candidate, owner,
                      [this, order](api::Result<wire::Label> r) { onCandidate(order, r); });
}

void DatasetEvaluation::Run::onCandidate(int order, api::Result<wire::Label> r) {
    SampleJob &job = *jobs.at(order);
    job.labelCall = {};
    const auto finishFailed = [&](const QString &error) {
        SampleEvaluation failed;
        failed.presence = SampleEvaluation::Presence::Failed;
        failed.error = error;
        complete(order, std::move(failed), false);
    };
    if (r.ok())
        job.candidate = std::move(r.value());
    else if (r.error().kind != api::ApiError::Kind::NotFound)
        return finishFailed(u"the candidate label could not be fetched: "_s + r.error().toString());

    const EvaluationSpec &spec = owner->m_spec;
    std::optional<wire::Label> reference = job.sample.fullLabel;
    job.key = {server,
               spec.dataset,
               spec.reference,
               spec.candidate,
               job.sample.uuid,
               reference ? reference->updatedAt : QDateTime(),
               job.candidate ? job.candidate->updatedAt : QDateTime()};
    if (cache) {
        if (std::optional<SampleEvaluation> hit = cache->find(job.key))
            return complete(order, std::move(*hit), true);
    }

    job.inputs.task = owner->m_task;
    job.inputs.reference = std::move(reference);
    job.inputs.candidate = job.candidate;
    if (presenceOf(labelUse(job.inputs.reference), labelUse(job.inputs.candidate)) !=
        SampleEvaluation::Presence::Both)
        return compare(order); // nothing to download
    planFrames(job.inputs, job.sample);
    if (!job.inputs.error.isEmpty())
        return compare(order); // compareSample() reports why
    for (int f = 0; f < job.inputs.frames.size(); ++f) {
        const FramePair &pair = job.inputs.frames.at(f);
        if (attributesUse(pair.reference) == LabelUse::Bitmap)
            download(order, pair.reference.bitmapUrl, f, &FramePair::referencePng);
        if (attributesUse(pair.candidate) == LabelUse::Bitmap)
            download(order, pair.candidate.bitmapUrl, f, &FramePair::candidatePng);
        if (attributesUse(pair.reference) == LabelUse::Vector &&
            attributesUse(pair.candidate) == LabelUse::Vector) {
            // Two shape labels and no bitmap to take the size from: the image's header gives
            // it. The whole image is downloaded (through the client's asset cache), only its
            // header read.
            download(order, pair.imageUrl, f, &FramePair::image);
        }
    }
    if (job.pendingDownloads == 0)
        compare(order); // every frame left out: compareSample() says so
}

void DatasetEvaluation::Run::download(int order, const QString &url, int frame,
                                      QByteArray FramePair::*target) {
    SampleJob &job = *jobs.at(order);
    ++job.pendingDownloads;
    job.downloads.push_back(api::downloadAsset(
        *client, QUrl(url), owner, [this, order, frame, target](api::Result<QByteArray> r) {
            onDownloaded(order, std::move(r), frame, target);
        }));
}

void DatasetEvaluation::Run::onDownloaded(int order, api::Result<QByteArray> r, int frame,
                                          QByteArray FramePair::*target) {
    const auto it = jobs.find(order);
    if (it == jobs.end() || it->second->result)
        return; // another download of this sample failed already
    SampleJob &job = *it->second;
    if (!r.ok()) {
        for (const api::CallHandle &d : job.downloads)
            d.cancel();
        SampleEvaluation failed;
        failed.presence = SampleEvaluation::Presence::Failed;
        failed.error = u"a download failed: "_s + r.error().toString();
        return complete(order, std::move(failed), false);
    }
    job.inputs.frames[frame].*target = std::move(r.value());
    if (--job.pendingDownloads == 0)
        compare(order);
}

void DatasetEvaluation::Run::compare(int order) {
    SampleJob &job = *jobs.at(order);
    job.downloads.clear();
    threading::backgroundPool()->start(
        [mailbox = mailbox, cancelled = cancelled, order, inputs = std::move(job.inputs)] {
            if (cancelled->load())
                return;
            SampleEvaluation result = compareSample(inputs);
            mailbox->post([cancelled, order, result = std::move(result)](DatasetEvaluation *e) {
                if (!cancelled->load() && e->m_run)
                    e->m_run->complete(order, result, false);
            });
        });
}

void DatasetEvaluation::Run::complete(int order, SampleEvaluation result, bool fromCache) {
    SampleJob &job = *jobs.at(order);
    result.uuid = job.sample.uuid;
    result.name = job.sample.name;
    result.referenceUpdatedAt = job.key.referenceUpdatedAt;
    result.candidateUpdatedAt = job.key.candidateUpdatedAt;
    if (cache && !fromCache)
        cache->store(job.key, result);
    job.fromCache = fromCache;
    job.result = std::move(result);
    job.inputs = {};
    reportReady();
}

void DatasetEvaluation::Run::reportReady() {
    // In listing order: a sample done early waits (at most MaxInFlight - 1 of them) for those
    // listed before it, so samples() and sampleEvaluated() follow the listing.
    const std::shared_ptr<Run> self = owner->m_run; // a slot may cancel
    while (!jobs.empty() && jobs.begin()->first == reported && jobs.begin()->second->result) {
        const std::unique_ptr<SampleJob> job = std::move(jobs.begin()->second);
        jobs.erase(jobs.begin());
        ++reported;
        if (job->fromCache)
            ++owner->m_cached;
        if (job->result->presence == SampleEvaluation::Presence::Both)
            owner->m_matrix.add(job->result->matrix(owner->m_matrix.classes));
        owner->m_samples.push_back(std::move(*job->result));
        emit owner->sampleEvaluated(owner->m_samples.back());
        if (!isCurrent())
            return;
        emit owner->progress(reported, listedCount);
        if (!isCurrent())
            return;
    }
    pump();
}

void DatasetEvaluation::Run::fail(const api::ApiError &error) {
    DatasetEvaluation *evaluation = owner;
    evaluation->cancel();
    emit evaluation->failed(error);
}

} // namespace segscope::evaluate
