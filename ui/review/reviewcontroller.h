#pragma once

#include "review/reviewdecisions.h"

#include <QObject>
#include <QSet>

class QAction;
class QMenu;
class QWidget;

namespace segscope::api {
class ApiClient;
}

namespace segscope::ui {

class DetailPane;
class ReviewQueueBar;
class SampleBrowser;

//! Review from the keyboard: accept (REVIEWED), reject (REJECTED, with an optional comment that
//! becomes an issue on the sample) and any other writable status, for the sample in the viewer or
//! the samples selected in the grid or the table; undo; and the review queue, which steps through
//! the listed samples, moving on at once after each decision. Holds the window's ReviewDecisions
//! and keeps the browser's rows and the viewer's badge showing what it decided; a refusal puts the
//! old status back and says why (message). Owned by MainWindow, which puts its actions in the
//! menus; the actions work wherever the window has focus, on the viewer's sample when the viewer
//! has the focus or the queue runs, else on the browser's selection.
class ReviewController : public QObject {
    Q_OBJECT

public:
    ReviewController(SampleBrowser *browser, DetailPane *detail, QWidget *window);
    ~ReviewController() override;

    void setClient(api::ApiClient *client);
    review::ReviewDecisions *decisions() const { return m_decisions; }

    QAction *acceptAction() const { return m_accept; }                       //!< A
    QAction *rejectAction() const { return m_reject; }                       //!< R
    QAction *rejectWithCommentAction() const { return m_rejectWithComment; } //!< Shift+R
    QAction *undoAction() const { return m_undo; }                           //!< Ctrl+Z
    QAction *queueAction() const { return m_queue; } //!< review the listed samples
    //! Every status the API lets a client write, one action each (the "Set Status" menu; M
    //! opens it at the viewer).
    QMenu *statusMenu() const { return m_statusMenu; }
    //! M: pops the "Set Status" menu up at the viewer.
    QAction *statusMenuAction() const { return m_popStatusMenu; }
    //! The queue's line (decided / left, the keys, Stop): the window puts it over the viewer;
    //! shown while the queue runs.
    ReviewQueueBar *queueBar() const { return m_queueBar; }
    //! Adds the review actions for `uuids` (the clicked sample, or the selection it is part of)
    //! to a context menu.
    void addToContextMenu(QMenu *menu, const QStringList &uuids);

    //! Sets `status` on the labels of `uuids` in the window's labelset, with `comment` as an
    //! issue on each; in the queue, moves to the next sample at once.
    void decide(const QStringList &uuids, const QString &status, const QString &comment = {});
    //! The samples the actions apply to now: the viewer's, or the browser's selection.
    QStringList targets() const;

    //! The review queue: the listed samples from the current one on.
    void startQueue();
    void stopQueue();
    bool queueRunning() const { return m_queueRunning; }
    int decidedCount() const { return int(m_decidedRows.size()); }
    //! The labelset decisions apply to: the window's one choice (the browser's).
    QString labelset() const;
    //! Asks for a comment in a popup over the viewer, then rejects `uuids` with it.
    void rejectWithComment(const QStringList &uuids);

signals:
    //! A line for the status bar: a refusal and why, a comment that could not be stored.
    void message(const QString &text);
    void queueRunningChanged(bool running);
    //! decided / left changed (the progress line).
    void progressChanged(int decided, int left);

private:
    //! The status shown for `uuid`'s label: a decision of this session, else the listed row's,
    //! else the viewer's; empty when unknown.
    QString statusOf(const QString &uuid) const;
    //! The sample's name where the list or the viewer has it, else its uuid.
    QString nameOf(const QString &uuid) const;
    bool viewerHasFocus() const;
    void onStatusShown(const QString &uuid, const QString &labelset, const QString &status);
    void onRefused(const QString &uuid, const QString &labelset, const QString &status,
                   const QString &why);
    //! Shows the decisions over listed rows that were (re)read from the server before the
    //! decisions landed.
    void reapplyShown(int first, int last);
    void undo();
    void updateUndoText();
    //! In the queue: the next sample, or the end.
    void advance();
    void updateProgress();
    //! The browser's current row, -1 when none.
    int currentRow() const;
    void popStatusMenu();
    void showCanvasMenu(const QPoint &pos);
    //! "3 samples", or the one sample's name.
    QString describe(const QStringList &uuids) const;
    static QString verbOf(const QString &status);

    SampleBrowser *m_browser;
    DetailPane *m_detail;
    QWidget *m_window;
    review::ReviewDecisions *m_decisions;
    QAction *m_accept = nullptr;
    QAction *m_reject = nullptr;
    QAction *m_rejectWithComment = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_queue = nullptr;
    QMenu *m_statusMenu = nullptr;
    QAction *m_popStatusMenu = nullptr;
    ReviewQueueBar *m_queueBar = nullptr;
    bool m_queueRunning = false;
    bool m_advanceWhenListed = false; //!< the queue waits for the next page of a filtered list
    //! The queue's rows decided (a sample decided twice counts once; undo takes it out).
    QSet<int> m_decidedRows;
    //! What each undo step did (its status and how many labels), newest last, for the undo
    //! action's text.
    QList<std::pair<QString, int>> m_undoSteps;
};

} // namespace segscope::ui
