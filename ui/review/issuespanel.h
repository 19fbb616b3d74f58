#pragma once

#include "api/result.h"
#include "wire/issue.h"

#include <QDateTime>
#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QScrollArea;
class QToolButton;
class QVBoxLayout;

namespace segscope::api {
class ApiClient;
}

namespace segscope::ui {

//! The issues raised on the sample in the viewer (the detail pane's Issues tab): open ones
//! first, each with its description, who raised it and when, its status and a Close or Reopen
//! button; or why there are none to show (none, loading, the failure). Also the header's chip
//! ("2 open issues", hidden when none are open) that asks for the tab.
//!
//! The issues come from GET /samples/{uuid}/issues/. The real service may not answer that path
//! (the SDK reads a sample's issues from the sample's `issues` field): when it answers 404 or
//! 405, the panel reads the dataset's list instead, filters it by sample, and keeps it for the
//! session (updated by what the panel and the review decisions change), so stepping through
//! samples costs no further call. An answer for a sample the user has left is dropped.
class IssuesPanel : public QWidget {
    Q_OBJECT

public:
    //! What the panel shows.
    enum class State { NoSample, Loading, Issues, NoIssues, Failed };

    explicit IssuesPanel(QWidget *parent = nullptr);
    ~IssuesPanel() override;

    //! Forgets the issues, the dataset lists kept and what the server was found to answer.
    void setClient(api::ApiClient *client);
    //! The dataset ("owner/name") whose list is the fallback for the samples shown next.
    void setDataset(const QString &fullName);
    //! Shows the issues of `uuid` (empty: nothing); the same uuid again does nothing.
    void showSample(const QString &uuid);
    QString currentUuid() const { return m_uuid; }
    //! Reads the shown sample's issues again, keeping the cards shown until the answer.
    void reload();

    State state() const { return m_state; }
    //! The shown sample's issues in the order shown: open first, then newest first.
    const QList<wire::Issue> &issues() const { return m_issues; }
    int openCount() const;
    //! "Issues", or "Issues (2)" with open ones: the tab's title.
    QString title() const;
    //! The header's chip: "2 open issues", hidden when none are open; a click emits
    //! showRequested(). Owned by the panel, laid out by the pane.
    QToolButton *chip() const { return m_chip; }

    //! "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the local date.
    static QString whenText(const QDateTime &at, const QDateTime &now);

public slots:
    //! A decision's comment became `issue`, or an undo closed it: kept in the dataset's list,
    //! and shown when it is on the sample in view.
    void onIssueChanged(const wire::Issue &issue);

signals:
    //! The shown sample's count of open issues changed (title() and the chip follow).
    void openCountChanged(int open);
    //! The chip was clicked: show the tab.
    void showRequested();
    //! The issues of `sampleUuid` are on screen (after every answer, the empty list included).
    void issuesShown(const QString &sampleUuid, int count);

private:
    void load(bool keepShown);
    void loadFromDataset();
    void onSampleAnswer(const api::Result<QList<wire::Issue>> &result);
    //! Shows the cached dataset list's issues of the shown sample.
    void showFromCache();
    void setIssues(QList<wire::Issue> issues);
    void setFailed(const QString &message);
    void setMessage(State state, const QString &text);
    void rebuildCards();
    QWidget *makeCard(const wire::Issue &issue);
    void setIssueStatus(const QString &issueUuid, const QString &status);
    //! Puts `issue` in the dataset list kept for its sample's dataset, when one is kept.
    void remember(const QString &dataset, const wire::Issue &issue);
    void updateCount();

    QPointer<api::ApiClient> m_client;
    QString m_dataset;
    QString m_uuid;
    State m_state = State::NoSample;
    QList<wire::Issue> m_issues;
    int m_openShown = -1;
    quint64 m_generation = 0; //!< the load whose answer is wanted
    api::CallHandle m_call;
    api::CallHandle m_datasetCall;
    QString m_datasetLoading; //!< the dataset whose list m_datasetCall reads
    //! The server did not answer a sample's issues (404/405): the dataset lists stand in.
    bool m_sampleRouteMissing = false;
    QHash<QString, QList<wire::Issue>> m_datasetIssues; //!< dataset -> its issues, this session
    QStringList m_busy;                                 //!< issues being closed or reopened

    QLabel *m_message;
    QLabel *m_actionError;
    QScrollArea *m_scroll;
    QWidget *m_cards;
    QVBoxLayout *m_cardsLayout;
    QToolButton *m_chip;
};

} // namespace segscope::ui
