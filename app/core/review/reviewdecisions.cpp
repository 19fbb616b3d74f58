#include "reviewdecisions.h"

#include "api/apiclient.h"
#include "api/issuesapi.h"
#include "api/labelsapi.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace segscope::review {

QString refusalMessage(const api::ApiError &error) {
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("ReviewDecisions", text);
    };
    using Kind = api::ApiError::Kind;
    switch (error.kind) {
    case Kind::Forbidden:
        return tr("you may look at this dataset but not change its labels (%1)")
            .arg(error.toString());
    case Kind::NotFound:
        return tr("the sample or its label no longer exists (%1)").arg(error.toString());
    case Kind::Unauthorized:
        return tr("the server did not accept the API key (%1)").arg(error.toString());
    case Kind::Network:
    case Kind::Timeout:
    case Kind::Cancelled:
        return tr("could not reach the server: %1").arg(error.toString());
    case Kind::RateLimited:
        return tr("the server is busy; try again shortly (%1)").arg(error.toString());
    default:
        return error.toString();
    }
}

ReviewDecisions::ReviewDecisions(QObject *parent)
    : QObject(parent) {}

ReviewDecisions::~ReviewDecisions() = default;

void ReviewDecisions::setClient(api::ApiClient *client) {
    if (client == m_client)
        return;
    const bool hadSteps = canUndo();
    m_client = client;
    ++m_generation;
    m_labels.clear();
    m_steps.clear();
    setPending(0);
    if (hadSteps)
        emit undoAvailableChanged(false);
}

void ReviewDecisions::decide(const QList<ReviewTarget> &targets, const QString &labelset,
                             const QString &status, const QString &comment) {
    if (!m_client || status.isEmpty())
        return;
    Step step;
    step.id = m_nextStep++;
    step.labelset = labelset;
    step.status = status;
    for (const ReviewTarget &t : targets) {
        const Key key{t.sampleUuid, labelset};
        auto [it, added] = m_labels.try_emplace(key);
        LabelState &s = it->second;
        if (added) {
            s.confirmed = t.status;
            s.shown = t.status;
        }
        if (s.shown == status)
            continue;
        step.entries.append({t.sampleUuid, s.shown});
        s.shown = status;
        emit statusShown(t.sampleUuid, labelset, status);
        enqueue(key, {status, comment, step.id});
    }
    if (step.entries.isEmpty())
        return;
    const bool wasEmpty = m_steps.empty();
    m_steps.push_back(std::move(step));
    while (int(m_steps.size()) > MaxUndoSteps)
        m_steps.pop_front();
    if (wasEmpty)
        emit undoAvailableChanged(true);
}

bool ReviewDecisions::undo() {
    if (m_steps.empty() || !m_client)
        return false;
    const Step step = std::move(m_steps.back());
    m_steps.pop_back();
    for (const StepEntry &entry : step.entries) {
        const Key key{entry.sampleUuid, step.labelset};
        LabelState &s = m_labels[key];
        // Unknown before (the command line), or already back there (the change was refused).
        if (entry.previous.isEmpty() || s.shown == entry.previous)
            continue;
        s.shown = entry.previous;
        emit statusShown(entry.sampleUuid, step.labelset, entry.previous);
        enqueue(key, {entry.previous, QString(), 0});
    }
    for (const QString &issue : step.issueUuids)
        closeIssue(issue);
    if (m_steps.empty())
        emit undoAvailableChanged(false);
    return true;
}

std::optional<QString> ReviewDecisions::shownStatus(const QString &sampleUuid,
                                                    const QString &labelset) const {
    const auto it = m_labels.find(Key{sampleUuid, labelset});
    if (it == m_labels.end() || it->second.shown.isEmpty())
        return std::nullopt;
    return it->second.shown;
}

void ReviewDecisions::enqueue(const Key &key, Change change) {
    LabelState &s = m_labels[key];
    s.queue.push_back(std::move(change));
    setPending(m_pending + 1);
    if (!s.sending)
        sendNext(key);
}

void ReviewDecisions::sendNext(const Key &key) {
    LabelState &s = m_labels[key];
    if (s.queue.empty() || !m_client) {
        s.sending = false;
        return;
    }
    s.sending = true;
    const quint64 generation = m_generation;
    api::setLabelStatus(*m_client, key.first, key.second, s.queue.front().status, this,
                        [this, key, generation](const api::Result<wire::Label> &result) {
                            if (generation == m_generation)
                                onAnswer(key, result);
                        });
}

void ReviewDecisions::onAnswer(const Key &key, const api::Result<wire::Label> &result) {
    LabelState &s = m_labels[key];
    if (s.queue.empty())
        return;
    const Change change = s.queue.front();
    s.queue.pop_front();
    if (result.ok()) {
        setPending(m_pending - 1);
        s.confirmed = result->labelStatus.isEmpty() ? change.status : result->labelStatus;
        emit landed(key.first, result.value());
        if (!change.comment.isEmpty())
            createIssue(key, change);
        sendNext(key);
        return;
    }
    // Refused: the label shows what the server last confirmed, and the changes queued after
    // this one go with it (each was relative to a status the server never took).
    setPending(m_pending - 1 - int(s.queue.size()));
    s.queue.clear();
    s.sending = false;
    s.shown = s.confirmed;
    if (!s.confirmed.isEmpty())
        emit statusShown(key.first, key.second, s.confirmed);
    emit refused(key.first, key.second, change.status, refusalMessage(result.error()));
}

void ReviewDecisions::createIssue(const Key &key, const Change &change) {
    const quint64 generation = m_generation;
    const quint64 stepId = change.step;
    const QString uuid = key.first;
    api::createIssue(*m_client, uuid, change.comment, this,
                     [this, generation, stepId, uuid](const api::Result<wire::Issue> &result) {
                         if (generation != m_generation)
                             return;
                         if (!result.ok()) {
                             emit issueFailed(uuid, tr("The comment was not stored as an issue: %1")
                                                        .arg(result.error().toString()));
                             return;
                         }
                         if (Step *step = stepById(stepId)) {
                             step->issueUuids.append(result->uuid);
                         } else if (m_client) {
                             // Its decision was undone while the issue was on its way: close it
                             // too.
                             api::updateIssue(*m_client, result->uuid, QString(), u"CLOSED"_s, this,
                                              [](const api::Result<wire::Issue> &) {});
                         }
                         emit issueCreated(result.value());
                     });
}

void ReviewDecisions::closeIssue(const QString &issueUuid) {
    if (!m_client)
        return;
    const quint64 generation = m_generation;
    api::updateIssue(*m_client, issueUuid, QString(), u"CLOSED"_s, this,
                     [this, generation](const api::Result<wire::Issue> &result) {
                         if (generation != m_generation)
                             return;
                         if (result.ok())
                             emit issueClosed(result.value());
                         else
                             emit issueFailed(QString(),
                                              tr("The issue of an undone rejection is still "
                                                 "open: %1")
                                                  .arg(result.error().toString()));
                     });
}

void ReviewDecisions::setPending(int pending) {
    if (pending == m_pending)
        return;
    m_pending = pending;
    emit pendingChanged(pending);
}

ReviewDecisions::Step *ReviewDecisions::stepById(quint64 id) {
    for (Step &step : m_steps) {
        if (step.id == id)
            return &step;
    }
    return nullptr;
}

} // namespace segscope::review
