#pragma once

#include "review/reviewdecisions.h"

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace segscope::api {
class ApiClient;
}

namespace segscope::ui {

class DetailPane;
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
    int decidedCount() const { return m_decided; }

signals:
    //! A line for the status bar: a refusal and why, a comment that could not be stored.
    void message(const QString &text);
    void queueRunningChanged(bool running);
    //! decided / left changed (the progress line).
    void progressChanged(int decided, int left);

private:
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
    bool m_queueRunning = false;
    int m_decided = 0;
};

} // namespace segscope::ui
