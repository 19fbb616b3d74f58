#pragma once

#include "api/apiclient.h" // QPointer<ApiClient>::data() in client() needs the whole type
#include "api/result.h"
#include "wire/issue.h"
#include "wire/label.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <deque>
#include <map>
#include <optional>

namespace segscope::review {

//! One sample's label to decide on: its uuid and the status shown for it before the decision
//! (what a refusal or an undo puts back; empty when not known, as on the command line).
struct ReviewTarget {
    QString sampleUuid;
    QString status;
};

//! Review decisions: setting the status of labels, optimistically and honestly. A decision shows
//! at once (statusShown) and is sent as one PATCH per label through the request layer (retried
//! as any idempotent call). Per label the PATCHes go one after another, so the server ends with
//! the last status asked for even when the user decides, undoes and decides again quickly. A
//! refusal (403 for a dataset the user may only read, 404 for a deleted sample or label, a
//! network failure after the retries) shows the label's last status the server confirmed again
//! and says why (refused); the refused label's later changes in the queue are dropped with it.
//! Each decide() is one undo step, however many samples it covers; undo() puts back the statuses
//! it replaced, newest step first, and closes the issues its comment opened. A comment becomes an
//! OPEN issue on each sample once its status has landed.
class ReviewDecisions : public QObject {
    Q_OBJECT

public:
    explicit ReviewDecisions(QObject *parent = nullptr);
    ~ReviewDecisions() override;

    //! The client decisions go through; another client (or nullptr) forgets the undo history
    //! and lets the changes in flight finish unseen.
    void setClient(api::ApiClient *client);
    api::ApiClient *client() const { return m_client; }

    //! Sets the status of each target's label in `labelset` to `status`. A target already shown
    //! with `status` is left out (no PATCH, not in the undo step); nothing left: no step.
    void decide(const QList<ReviewTarget> &targets, const QString &labelset, const QString &status,
                const QString &comment = {});
    //! Puts back what the newest step changed; false when there is nothing to undo.
    bool undo();
    bool canUndo() const { return !m_steps.empty(); }
    int undoDepth() const { return int(m_steps.size()); }
    //! PATCHes sent or queued and not answered yet.
    int pendingCount() const { return m_pending; }

    //! The status shown for the label when a decision of this session touched it (so a row read
    //! again, or a sample loaded from a prefetch made before the decision, shows the decision
    //! and not an older server answer); nullopt for a label no decision touched.
    std::optional<QString> shownStatus(const QString &sampleUuid, const QString &labelset) const;

    //! At most this many steps are kept for undo (the oldest are forgotten).
    static constexpr int MaxUndoSteps = 200;

signals:
    //! The status to show for the label now: a decision, an undo, or a refusal putting the last
    //! confirmed status back.
    void statusShown(const QString &sampleUuid, const QString &labelset, const QString &status);
    //! The server took a change; `label` as it answered (reviewed_by, reviewed_at).
    void landed(const QString &sampleUuid, const wire::Label &label);
    //! The server refused `status` for the label (statusShown with the old one came just
    //! before); `message` is one line saying why, for a status bar or a notice.
    void refused(const QString &sampleUuid, const QString &labelset, const QString &status,
                 const QString &message);
    //! A decision's comment is now an issue on the sample.
    void issueCreated(const wire::Issue &issue);
    //! An undo closed the issue its step's comment had opened; `issue` as the server answered.
    void issueClosed(const wire::Issue &issue);
    //! The status landed but its comment could not be stored as an issue (or an undo could not
    //! close it: then `sampleUuid` is empty).
    void issueFailed(const QString &sampleUuid, const QString &message);
    void undoAvailableChanged(bool available);
    void pendingChanged(int pending);

private:
    //! One label's state: what the server last confirmed, and the changes still to send.
    struct Change {
        QString status;
        QString comment;
        quint64 step = 0;
    };
    struct LabelState {
        QString confirmed; //!< empty when unknown (never shown as a status)
        QString shown;
        std::deque<Change> queue; //!< front: in flight
        bool sending = false;
    };
    struct StepEntry {
        QString sampleUuid;
        QString previous;
    };
    struct Step {
        quint64 id = 0;
        QString labelset;
        QString status;
        QList<StepEntry> entries;
        QStringList issueUuids; //!< issues its comment opened, closed again by undo
    };
    using Key = std::pair<QString, QString>; //!< sample uuid, labelset

    void enqueue(const Key &key, Change change);
    void sendNext(const Key &key);
    void onAnswer(const Key &key, const api::Result<wire::Label> &result);
    void createIssue(const Key &key, const Change &change);
    void closeIssue(const QString &issueUuid);
    void setPending(int pending);
    Step *stepById(quint64 id);

    QPointer<api::ApiClient> m_client;
    quint64 m_generation = 0; //!< a new client drops the answers of the old one
    quint64 m_nextStep = 1;
    int m_pending = 0;
    std::map<Key, LabelState> m_labels;
    std::deque<Step> m_steps; //!< back: newest
};

//! One line on why a status change was refused, from the request layer's error: "you may look
//! at this dataset but not change it", "the sample or its label no longer exists", "could not
//! reach the server: ...".
QString refusalMessage(const api::ApiError &error);

} // namespace segscope::review
