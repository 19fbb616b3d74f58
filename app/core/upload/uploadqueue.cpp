#include "uploadqueue.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;
using State = segscope::upload::UploadItem::State;

namespace segscope::upload {

namespace {

constexpr int StateFileVersion = 1;

QString defaultName(const UploadItem &item) {
    if (!item.filePath.isEmpty())
        return QFileInfo(item.filePath).fileName();
    return item.imageUrl.fileName();
}

} // namespace

UploadQueue::UploadQueue(api::ApiClient &client, const QString &stateFile, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_stateFile(stateFile) {
    qRegisterMetaType<UploadSummary>(); // idle() across queued connections and QSignalSpy
    load();
}

UploadQueue::~UploadQueue() {
    // Like a kill: the calls in flight stop, the state file keeps the last completed steps.
    const QList<UploadJob *> jobs = m_jobs.values();
    for (UploadJob *job : jobs) {
        job->disconnect(this);
        delete job;
    }
}

void UploadQueue::setConcurrency(int n) {
    m_concurrency = std::max(1, n);
    schedule();
}

QString UploadQueue::enqueue(UploadItem item) {
    item.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (item.sampleName.isEmpty())
        item.sampleName = defaultName(item);
    item.state = State::Queued;
    item.error.clear();
    item.bytesSent = 0;
    item.bytesTotal = item.filePath.isEmpty() ? 0 : QFileInfo(item.filePath).size();
    item.assetUrl.clear();
    item.bitmapUrl.clear();
    item.sampleUuid.clear();
    item.attempts = 0;
    item.createSent = false;
    item.labelDone = false;
    m_items.append(item);
    persist();
    emit itemChanged(item.id);
    if (m_started) {
        m_busy = true;
        schedule();
    }
    return item.id;
}

void UploadQueue::start() {
    m_started = true;
    m_busy = true;
    // Asynchronous, so a caller connects to idle() after start() and still hears it.
    QTimer::singleShot(0, this, &UploadQueue::schedule);
}

void UploadQueue::cancel(const QString &id) {
    if (UploadJob *job = m_jobs.value(id)) {
        job->cancel(); // finished() -> onJobFinished
        return;
    }
    const qsizetype i = indexOf(id);
    if (i < 0 || m_items.at(i).isFinished())
        return;
    m_items[i].state = State::Cancelled;
    persist();
    emit itemChanged(id);
    schedule();
}

void UploadQueue::cancelAll() {
    // The waiting ones first, so no slot freed by a cancelled job starts one of them.
    QStringList changed;
    for (UploadItem &item : m_items) {
        if (item.state == State::Queued && !m_jobs.contains(item.id)) {
            item.state = State::Cancelled;
            changed.append(item.id);
        }
    }
    if (!changed.isEmpty())
        persist();
    for (const QString &id : std::as_const(changed))
        emit itemChanged(id);
    const QList<UploadJob *> jobs = m_jobs.values();
    for (UploadJob *job : jobs)
        job->cancel();
    schedule();
}

void UploadQueue::remove(const QString &id) {
    if (UploadJob *job = m_jobs.take(id))
        stopJob(job);
    const qsizetype i = indexOf(id);
    if (i < 0)
        return;
    m_items.removeAt(i);
    persist();
    emit itemChanged(id);
    schedule();
}

void UploadQueue::clearFinished() {
    QStringList removed;
    m_items.removeIf([&removed](const UploadItem &item) {
        if (item.isFinished())
            removed.append(item.id);
        return item.isFinished();
    });
    if (removed.isEmpty())
        return;
    persist();
    for (const QString &id : std::as_const(removed))
        emit itemChanged(id);
}

std::optional<UploadItem> UploadQueue::item(const QString &id) const {
    const qsizetype i = indexOf(id);
    if (i < 0)
        return std::nullopt;
    return m_items.at(i);
}

UploadSummary UploadQueue::summary() const {
    UploadSummary s;
    for (const UploadItem &item : m_items) {
        switch (item.state) {
        case State::Done:
            ++s.added;
            break;
        case State::Skipped:
            ++s.skipped;
            break;
        case State::Failed:
            ++s.failed;
            s.failures.append(item.sampleName + u": "_s + item.error);
            break;
        case State::Cancelled:
            ++s.cancelled;
            break;
        default:
            break;
        }
    }
    return s;
}

bool UploadQueue::isIdle() const {
    return std::all_of(m_items.cbegin(), m_items.cend(),
                       [](const UploadItem &item) { return item.isFinished(); });
}

void UploadQueue::schedule() {
    if (!m_started)
        return;
    // In queue order: the first items waiting get the free slots.
    for (qsizetype i = 0; i < m_items.size() && m_jobs.size() < m_concurrency; ++i) {
        if (m_items.at(i).state == State::Queued && !m_jobs.contains(m_items.at(i).id))
            startJob(m_items.at(i));
    }
    if (m_jobs.isEmpty() && m_busy && isIdle()) {
        m_busy = false;
        emit idle(summary());
    }
}

void UploadQueue::startJob(const UploadItem &item) {
    auto *job = new UploadJob(m_client, item, m_policy, this);
    m_jobs.insert(item.id, job);
    connect(job, &UploadJob::changed, this, [this, job] { onJobChanged(job); });
    connect(job, &UploadJob::finished, this, [this, job] { onJobFinished(job); });
    connect(job, &UploadJob::progress, this, [this, job](qint64 sent, qint64 total) {
        const QString id = job->item().id;
        const qsizetype i = indexOf(id);
        if (i >= 0) {
            m_items[i].bytesSent = sent;
            m_items[i].bytesTotal = total;
        }
        emit progress(id, sent, total);
    });
    // Started from the event loop: a job that ends at once (a bad file) never re-enters here.
    QMetaObject::invokeMethod(job, &UploadJob::start, Qt::QueuedConnection);
}

void UploadQueue::onJobChanged(UploadJob *job) {
    const qsizetype i = indexOf(job->item().id);
    if (i < 0)
        return;
    m_items[i] = job->item();
    persist();
    emit itemChanged(job->item().id);
}

void UploadQueue::onJobFinished(UploadJob *job) {
    const QString id = job->item().id;
    m_jobs.remove(id);
    const qsizetype i = indexOf(id);
    if (i >= 0)
        m_items[i] = job->item();
    job->disconnect(this);
    job->deleteLater();
    persist();
    emit itemChanged(id);
    schedule();
}

void UploadQueue::stopJob(UploadJob *job) {
    job->disconnect(this);
    job->cancel();
    job->deleteLater();
}

qsizetype UploadQueue::indexOf(const QString &id) const {
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).id == id)
            return i;
    }
    return -1;
}

void UploadQueue::load() {
    if (m_stateFile.isEmpty())
        return;
    QFile file(m_stateFile);
    if (!file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcUpload).noquote()
            << "cannot read the upload queue" << m_stateFile << ":" << file.errorString();
        return;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        qCWarning(lcUpload).noquote() << "ignoring the unreadable upload queue" << m_stateFile;
        return;
    }
    const QJsonArray items = doc.object().value("items"_L1).toArray();
    for (const QJsonValue &v : items) {
        UploadItem item = UploadItem::fromJson(v.toObject());
        if (item.id.isEmpty())
            item.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!item.isFinished()) {
            // Interrupted midway: it resumes after its last completed step (see UploadJob).
            item.state = State::Queued;
            if (item.assetUrl.isEmpty())
                item.bytesSent = 0;
        }
        m_items.append(item);
    }
    qCDebug(lcUpload) << "loaded" << m_items.size() << "items from" << m_stateFile;
}

void UploadQueue::persist() {
    if (m_stateFile.isEmpty())
        return;
    QJsonArray items;
    for (const UploadItem &item : std::as_const(m_items))
        items.append(item.toJson());
    const QJsonObject root{{"version"_L1, StateFileVersion}, {"items"_L1, items}};
    QDir().mkpath(QFileInfo(m_stateFile).absolutePath());
    QSaveFile file(m_stateFile);
    if (file.open(QIODevice::WriteOnly) &&
        file.write(QJsonDocument(root).toJson(QJsonDocument::Compact)) >= 0 && file.commit()) {
        m_persistWarned = false;
        return;
    }
    if (!m_persistWarned) {
        qCWarning(lcUpload).noquote()
            << "cannot save the upload queue to" << m_stateFile << ":" << file.errorString();
        m_persistWarned = true;
    }
}

} // namespace segscope::upload
