#include "review/reviewcontroller.h"

#include "api/apiclient.h"

#include "browse/samplebrowser.h"
#include "browse/sampledelegate.h"
#include "detail/detailpane.h"
#include "detail/imagecanvas.h"
#include "models/samplelistmodel.h"
#include "review/rejectcommentpopup.h"
#include "review/reviewqueuebar.h"
#include "wire/vocabulary.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMenu>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

//! "1 sample", "3 samples" (the app has no translations that would pick a plural form).
QString samplesText(int n) {
    return n == 1 ? ReviewController::tr("1 sample") : ReviewController::tr("%1 samples").arg(n);
}

const QString Reviewed = u"REVIEWED"_s;
const QString Rejected = u"REJECTED"_s;
const QString Unlabeled = u"UNLABELED"_s;

} // namespace

ReviewController::ReviewController(SampleBrowser *browser, DetailPane *detail, QWidget *window)
    : QObject(window)
    , m_browser(browser)
    , m_detail(detail)
    , m_window(window)
    , m_decisions(new review::ReviewDecisions(this))
    , m_queueBar(new ReviewQueueBar(window)) {
    setObjectName(u"reviewController"_s);
    m_queueBar->hide();
    // Window-wide keys: a line edit with the focus (the search box, the comment popup) takes
    // plain letters and Ctrl+Z before any shortcut (its ShortcutOverride), so they type there.
    const auto action = [this](const QString &name, const QString &text, const QKeySequence &key) {
        auto *a = new QAction(text, m_window);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        m_window->addAction(a);
        return a;
    };
    m_accept = action(u"acceptAction"_s, tr("&Accept"), QKeySequence(Qt::Key_A));
    m_accept->setToolTip(tr("The label becomes REVIEWED (A)"));
    connect(m_accept, &QAction::triggered, this, [this] { decide(targets(), Reviewed); });
    m_reject = action(u"rejectAction"_s, tr("&Reject"), QKeySequence(Qt::Key_R));
    m_reject->setToolTip(tr("The label becomes REJECTED (R)"));
    connect(m_reject, &QAction::triggered, this, [this] { decide(targets(), Rejected); });
    m_rejectWithComment = action(u"rejectWithCommentAction"_s, tr("Reject with &Comment…"),
                                 QKeySequence(Qt::SHIFT | Qt::Key_R));
    connect(m_rejectWithComment, &QAction::triggered, this,
            [this] { rejectWithComment(targets()); });
    m_undo = action(u"undoReviewAction"_s, tr("&Undo Review Decision"), QKeySequence::Undo);
    connect(m_undo, &QAction::triggered, this, &ReviewController::undo);
    m_queue = action(u"reviewQueueAction"_s, tr("Review &Listed Samples"),
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_queue->setToolTip(tr("Step through the listed samples from the current one, moving on "
                           "after each decision"));
    connect(m_queue, &QAction::triggered, this, &ReviewController::startQueue);

    m_statusMenu = new QMenu(tr("Set &Status (M)"), m_window);
    m_statusMenu->setObjectName(u"reviewStatusMenu"_s);
    for (const QString &status : wire::labelStatuses()) {
        if (status == Unlabeled) // the API never takes it: a label is deleted instead
            continue;
        QAction *set = m_statusMenu->addAction(SampleDelegate::statusText(status));
        set->setObjectName(u"setStatus_"_s + status);
        set->setToolTip(status);
        connect(set, &QAction::triggered, this, [this, status] { decide(targets(), status); });
    }
    m_popStatusMenu = action(u"statusMenuAction"_s, tr("Set Status…"), QKeySequence(Qt::Key_M));
    connect(m_popStatusMenu, &QAction::triggered, this, &ReviewController::popStatusMenu);

    connect(m_queueBar, &ReviewQueueBar::stopRequested, this, &ReviewController::stopQueue);

    connect(m_decisions, &review::ReviewDecisions::statusShown, this,
            &ReviewController::onStatusShown);
    connect(m_decisions, &review::ReviewDecisions::refused, this, &ReviewController::onRefused);
    // The row read again: the server's label (reviewed_by, the dataset's counts) replaces the
    // guess; the browser tells the dataset list its counts are stale.
    connect(m_decisions, &review::ReviewDecisions::landed, m_browser,
            [this](const QString &uuid, const wire::Label &label) {
                m_browser->refreshSample(uuid);
                m_detail->showLandedLabel(uuid, label);
            });
    connect(m_decisions, &review::ReviewDecisions::issueFailed, this,
            [this](const QString &, const QString &why) { emit message(why); });
    connect(m_decisions, &review::ReviewDecisions::undoAvailableChanged, this,
            &ReviewController::updateUndoText);

    models::SampleListModel *model = m_browser->model();
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                reapplyShown(topLeft.row(), bottomRight.row());
            });
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                reapplyShown(first, last);
                if (std::exchange(m_advanceWhenListed, false))
                    advance();
            });
    connect(model, &models::SampleListModel::countsChanged, this, [this] {
        if (m_queueRunning)
            updateProgress();
    });
    // → skips (and ← goes back) in the queue: what is left follows the current sample.
    connect(m_browser, &SampleBrowser::currentSampleChanged, this, [this] {
        if (m_queueRunning)
            updateProgress();
    });
    // A sample loaded from a prefetch made before a decision shows the decision.
    connect(m_detail, &DetailPane::sampleShown, this, [this](const QString &uuid) {
        if (auto shown = m_decisions->shownStatus(uuid, m_detail->labelset()))
            m_detail->showLabelStatus(uuid, m_detail->labelset(), *shown);
    });

    ImageCanvas *canvas = m_detail->canvas();
    canvas->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(canvas, &QWidget::customContextMenuRequested, this, &ReviewController::showCanvasMenu);
    updateUndoText();
}

ReviewController::~ReviewController() = default;

void ReviewController::setClient(api::ApiClient *client) {
    stopQueue();
    m_undoSteps.clear();
    m_touched.clear();
    m_decisions->setClient(client);
    updateUndoText();
}

QString ReviewController::labelset() const {
    return m_browser->labelset();
}

bool ReviewController::viewerHasFocus() const {
    const QWidget *focus = QApplication::focusWidget();
    return focus && (focus == m_detail || m_detail->isAncestorOf(focus));
}

QStringList ReviewController::targets() const {
    if (m_queueRunning || viewerHasFocus()) {
        const QString shown =
            !m_detail->currentUuid().isEmpty() ? m_detail->currentUuid() : m_browser->currentUuid();
        return shown.isEmpty() ? QStringList() : QStringList{shown};
    }
    QStringList selected = m_browser->selectedUuids();
    if (selected.isEmpty() && !m_browser->currentUuid().isEmpty())
        selected.append(m_browser->currentUuid());
    return selected;
}

QString ReviewController::statusOf(const QString &uuid) const {
    if (auto shown = m_decisions->shownStatus(uuid, labelset()))
        return *shown;
    const models::SampleListModel *model = m_browser->model();
    if (const models::SampleRow *row = model->row(model->rowOfUuid(uuid)))
        return row->labelStatus;
    const auto loaded = m_detail->loadedSample();
    if (loaded && loaded->sample.uuid == uuid && loaded->labelset == labelset())
        return loaded->label ? loaded->label->labelStatus : QString();
    return {};
}

QString ReviewController::nameOf(const QString &uuid) const {
    const models::SampleListModel *model = m_browser->model();
    if (const models::SampleRow *row = model->row(model->rowOfUuid(uuid)))
        return row->name;
    const auto loaded = m_detail->loadedSample();
    if (loaded && loaded->sample.uuid == uuid)
        return loaded->sample.name;
    return uuid;
}

QString ReviewController::describe(const QStringList &uuids) const {
    return uuids.size() == 1 ? nameOf(uuids.first()) : samplesText(int(uuids.size()));
}

QString ReviewController::verbOf(const QString &status) {
    if (status == Reviewed)
        return tr("Accept");
    if (status == Rejected)
        return tr("Reject");
    return tr("Set %1").arg(SampleDelegate::statusText(status));
}

void ReviewController::decide(const QStringList &uuids, const QString &status,
                              const QString &comment) {
    if (uuids.isEmpty() || status.isEmpty())
        return;
    if (m_queueRunning && m_advanceWhenListed) {
        // The sample shown was decided; the next is still being listed.
        emit message(tr("The next samples are on their way"));
        return;
    }
    const QString set = labelset();
    QList<review::ReviewTarget> targets;
    QStringList unlabeled;
    int changes = 0;
    // Many samples (Ctrl+A): the listed rows' statuses read once, not a search of the list
    // for each sample.
    QHash<QString, QString> listed;
    if (uuids.size() > 16) {
        const models::SampleListModel *model = m_browser->model();
        for (int r = 0; r < model->rowCount(); ++r) {
            if (const models::SampleRow *row = model->row(r))
                listed.insert(row->uuid, row->labelStatus);
        }
    }
    for (const QString &uuid : uuids) {
        const auto shown = m_decisions->shownStatus(uuid, set);
        const QString current = shown                   ? *shown
                                : listed.contains(uuid) ? listed.value(uuid)
                                                        : statusOf(uuid);
        // No label in the labelset: nothing to review (a status is set on a label, and
        // creating one is the labeling tool's job).
        if (current.isEmpty() || current == Unlabeled) {
            unlabeled.append(uuid);
            continue;
        }
        targets.append({uuid, current});
        if (current != status)
            ++changes;
    }
    if (!unlabeled.isEmpty()) {
        emit message(
            unlabeled.size() == 1 && uuids.size() == 1
                ? tr("%1 has no label in %2: nothing to review").arg(nameOf(unlabeled.first()), set)
                : tr("Skipped %1 without a label in %2")
                      .arg(samplesText(int(unlabeled.size())), set));
    }
    const int depth = m_decisions->undoDepth();
    m_decisions->decide(targets, set, status, comment);
    if (m_decisions->undoDepth() > depth ||
        (depth == review::ReviewDecisions::MaxUndoSteps && changes > 0)) {
        m_undoSteps.append({status, changes});
        while (m_undoSteps.size() > m_decisions->undoDepth())
            m_undoSteps.removeFirst();
    }
    updateUndoText();
    if (!m_queueRunning)
        return;
    if (!targets.isEmpty())
        m_decidedRows.insert(currentRow());
    advance();
}

void ReviewController::rejectWithComment(const QStringList &uuids) {
    if (uuids.isEmpty())
        return;
    auto *popup = new RejectCommentPopup(describe(uuids), m_window);
    connect(popup, &RejectCommentPopup::accepted, this,
            [this, uuids](const QString &comment) { decide(uuids, Rejected, comment); });
    QWidget *over = m_detail->isVisible() ? static_cast<QWidget *>(m_detail->canvas()) : m_browser;
    popup->popup(over->mapToGlobal(over->rect().center()));
}

void ReviewController::undo() {
    if (!m_decisions->canUndo())
        return;
    const std::pair<QString, int> step =
        m_undoSteps.isEmpty() ? std::pair<QString, int>() : m_undoSteps.takeLast();
    m_decisions->undo();
    updateUndoText();
    // In the queue the sample undone comes back to be decided again.
    if (m_queueRunning && step.second == 1 && !m_decidedRows.isEmpty()) {
        const int row = *std::max_element(m_decidedRows.begin(), m_decidedRows.end());
        m_decidedRows.remove(row);
        m_browser->stepCurrent(row - currentRow());
        updateProgress();
    }
}

void ReviewController::updateUndoText() {
    const bool can = m_decisions->canUndo();
    m_undo->setEnabled(can);
    if (!can || m_undoSteps.isEmpty()) {
        m_undo->setText(tr("&Undo Review Decision"));
        return;
    }
    const auto &[status, count] = m_undoSteps.last();
    m_undo->setText(tr("&Undo %1 of %2").arg(verbOf(status), samplesText(count)));
}

void ReviewController::onStatusShown(const QString &uuid, const QString &labelset,
                                     const QString &status) {
    m_touched.insert(uuid);
    if (labelset == this->labelset())
        m_browser->model()->setLabelStatus(uuid, status);
    m_detail->showLabelStatus(uuid, labelset, status);
}

void ReviewController::onRefused(const QString &uuid, const QString &, const QString &status,
                                 const QString &why) {
    const QString text = tr("%1 of %2 refused: %3").arg(verbOf(status), nameOf(uuid), why);
    emit message(text);
    m_detail->showNotice(uuid, text);
}

void ReviewController::reapplyShown(int first, int last) {
    if (m_touched.isEmpty())
        return;
    const models::SampleListModel *model = m_browser->model();
    const QString set = labelset();
    for (int r = std::max(0, first); r <= last; ++r) {
        const models::SampleRow *row = model->row(r);
        if (!row || !m_touched.contains(row->uuid))
            continue;
        const auto shown = m_decisions->shownStatus(row->uuid, set);
        if (shown && *shown != row->labelStatus)
            m_browser->model()->setLabelStatus(row->uuid, *shown);
    }
}

void ReviewController::startQueue() {
    if (m_browser->model()->rowCount() == 0) {
        emit message(tr("No samples listed to review"));
        return;
    }
    if (m_browser->currentUuid().isEmpty())
        m_browser->stepCurrent(0);
    m_decidedRows.clear();
    m_advanceWhenListed = false;
    const bool was = m_queueRunning;
    m_queueRunning = true;
    m_queueBar->show();
    updateProgress();
    if (!was)
        emit queueRunningChanged(true);
}

void ReviewController::stopQueue() {
    m_advanceWhenListed = false;
    if (!m_queueRunning)
        return;
    m_queueRunning = false;
    m_queueBar->hide();
    emit queueRunningChanged(false);
}

void ReviewController::advance() {
    models::SampleListModel *model = m_browser->model();
    const int row = currentRow();
    if (row >= 0 && row + 1 < model->rowCount()) {
        m_browser->stepCurrent(1);
        updateProgress();
        return;
    }
    if (model->canFetchMore({})) {
        // A filtered list not listed to its end: the next page, then the next sample.
        m_advanceWhenListed = true;
        model->fetchMore({});
        updateProgress();
        return;
    }
    emit message(tr("All %n decided", nullptr, decidedCount()));
    stopQueue();
}

int ReviewController::currentRow() const {
    return m_browser->model()->rowOfUuid(m_browser->currentUuid());
}

void ReviewController::updateProgress() {
    const models::SampleListModel *model = m_browser->model();
    // Left: the rows from the current one on, less those decided already (after stepping back).
    const int row = std::max(0, currentRow());
    const int ahead = int(std::count_if(m_decidedRows.begin(), m_decidedRows.end(),
                                        [row](int decided) { return decided >= row; }));
    const int left = std::max(0, model->rowCount() - row - ahead);
    m_queueBar->setProgress(labelset(), decidedCount(), left, !model->isExhaustive());
    emit progressChanged(decidedCount(), left);
}

void ReviewController::addToContextMenu(QMenu *menu, const QStringList &uuids) {
    if (uuids.isEmpty())
        return;
    const int n = int(uuids.size());
    // The keys as hints after a tab (the menu's shortcut column); the keys themselves are the
    // window's actions.
    const auto add = [&](const QString &text, const QKeySequence &key, auto slot) {
        QAction *a = menu->addAction(text + u'\t' + key.toString(QKeySequence::NativeText));
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    menu->addSeparator();
    add(n == 1 ? tr("Accept") : tr("Accept %1").arg(samplesText(n)), m_accept->shortcut(),
        [this, uuids] { decide(uuids, Reviewed); })
        ->setObjectName(u"contextAccept"_s);
    add(n == 1 ? tr("Reject") : tr("Reject %1").arg(samplesText(n)), m_reject->shortcut(),
        [this, uuids] { decide(uuids, Rejected); })
        ->setObjectName(u"contextReject"_s);
    add(tr("Reject with Comment…"), m_rejectWithComment->shortcut(), [this, uuids] {
        rejectWithComment(uuids);
    })->setObjectName(u"contextRejectWithComment"_s);
    QMenu *statuses = menu->addMenu(tr("Set Status"));
    statuses->setObjectName(u"contextStatusMenu"_s);
    for (QAction *status : m_statusMenu->actions()) {
        const QString value = status->toolTip();
        QAction *a = statuses->addAction(status->text());
        a->setObjectName(status->objectName());
        connect(a, &QAction::triggered, this, [this, uuids, value] { decide(uuids, value); });
    }
}

void ReviewController::popStatusMenu() {
    QWidget *at = m_detail->isVisible() ? static_cast<QWidget *>(m_detail->canvas()) : m_browser;
    m_statusMenu->popup(at->mapToGlobal(at->rect().center()));
}

void ReviewController::showCanvasMenu(const QPoint &pos) {
    const QString uuid = m_detail->currentUuid();
    if (uuid.isEmpty())
        return;
    QMenu menu(m_detail);
    menu.setObjectName(u"canvasContextMenu"_s);
    menu.addAction(tr("Copy UUID"), this, [uuid] { QGuiApplication::clipboard()->setText(uuid); });
    addToContextMenu(&menu, {uuid});
    menu.exec(m_detail->canvas()->viewport()->mapToGlobal(pos));
}

} // namespace segscope::ui
