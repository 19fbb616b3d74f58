#include "shell/mainwindow.h"

#include "api/connectionprofile.h"
#include "api/datasetsapi.h"
#include "api/samplesapi.h"
#include "browse/datasetpane.h"
#include "browse/samplebrowser.h"
#include "compare/evaluationpanel.h"
#include "detail/detailpane.h"
#include "models/datasetlistmodel.h"
#include "review/issuespanel.h"
#include "review/reviewcontroller.h"
#include "review/reviewqueuebar.h"
#include "settings/appsettings.h"
#include "settings/settingsdialog.h"
#include "shell/activityindicator.h"
#include "shell/helpdialogs.h"
#include "shell/session.h"
#include "shell/workspace.h"
#include "upload/uploadcontroller.h"
#include "upload/uploadpanel.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QShortcut>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

MainWindow::MainWindow(const StartOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_session(new Session(this))
    , m_datasets(new models::DatasetListModel(this))
    , m_banner(new QLabel(this))
    , m_datasetPane(new DatasetPane(m_datasets, this))
    , m_center(new QStackedWidget(this))
    , m_browser(new SampleBrowser(this))
    , m_detail(new DetailPane(this))
    , m_workspace(new Workspace(m_datasetPane, m_center, m_detail, this))
    , m_review(new ReviewController(m_browser, m_detail, this))
    , m_uploads(new UploadController(this))
    , m_uploadPanel(new UploadPanel(this))
    , m_uploadDock(new QDockWidget(tr("Uploads"), this))
    , m_evaluation(new EvaluationPanel(this))
    , m_evaluationDock(new QDockWidget(tr("Evaluation"), this))
    , m_message(new QLabel(this))
    , m_connectionStatus(new QLabel(this))
    , m_countsStatus(new QLabel(this))
    , m_activity(new ActivityIndicator(this)) {
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Segscope"));

    m_banner->setObjectName(u"demoBanner"_s);
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::RichText);
    m_banner->setMargin(8);
    m_banner->setStyleSheet(u"QLabel#demoBanner { background: #fff4ce; color: #3b2f00; "
                            u"border-bottom: 1px solid #e0c870; }"_s);
    m_banner->setText(
        tr("<b>This is the Segscope demo</b>: a local server with generated street scenes. "
           "To browse your own datasets on Segments.ai, set <code>SEGMENTS_API_KEY</code> and run "
           "<code>segscope --server https://api.segments.ai</code>."));
    m_banner->hide();

    m_message->setObjectName(u"centerMessage"_s);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_center->addWidget(m_message);
    m_center->addWidget(m_browser);
    connect(m_browser, &SampleBrowser::countsChanged, m_countsStatus, &QLabel::setText);

    connect(m_browser, &SampleBrowser::currentSampleChanged, m_detail, &DetailPane::showSample);
    // Enter or a double click on a sample: the viewer takes the window (Esc gives it back).
    connect(m_browser, &SampleBrowser::sampleActivated, m_detail, [this](const QString &uuid) {
        m_detail->showSample(uuid);
        m_workspace->setFocusMode(true);
        m_detail->focusView();
    });
    connect(m_detail, &DetailPane::stepRequested, m_browser, &SampleBrowser::stepCurrent);
    m_detail->setNeighbourLookup([this](int delta) { return m_browser->uuidNear(delta); });

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_review->queueBar()); // over the viewer, which the queue's focus mode
                                             // gives the window
    layout->addWidget(m_workspace, 1);
    setCentralWidget(central);

    m_connectionStatus->setObjectName(u"connectionStatus"_s);
    m_countsStatus->setObjectName(u"countsStatus"_s);
    statusBar()->addWidget(m_connectionStatus);
    statusBar()->addPermanentWidget(m_activity);
    statusBar()->addPermanentWidget(m_countsStatus);

    m_uploadDock->setObjectName(u"uploadDock"_s);
    m_uploadDock->setWidget(m_uploadPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_uploadDock);
    m_uploadDock->hide();
    setAcceptDrops(true);
    connect(m_uploads, &UploadController::bulkStarted, this, [this] {
        m_uploadDock->show();
        // Sized to its rows, not to a quarter of the window.
        resizeDocks({m_uploadDock}, {m_uploadPanel->sizeHint().height()}, Qt::Vertical);
    });
    // The uploads' and the browser's passing messages, for a few seconds each.
    const auto showPassing = [this](const QString &text) {
        statusBar()->showMessage(text, 8000);
    };
    connect(m_uploads, &UploadController::message, statusBar(), showPassing);
    connect(m_uploads, &UploadController::sampleAdded, m_browser, &SampleBrowser::addSample);
    // The dataset list's counts follow what the server now holds.
    connect(m_browser, &SampleBrowser::datasetCountsChanged, this, [this](const QString &name) {
        if (m_session->isConnected())
            m_datasets->refresh(m_session->client(), name);
    });
    connect(m_browser, &SampleBrowser::statusMessage, statusBar(), showPassing);
    // One labelset choice for the window: the browser's statuses and thumbnails and the
    // viewer's label follow whichever the user changed.
    connect(m_browser, &SampleBrowser::labelsetChanged, m_detail, &DetailPane::setLabelset);
    connect(m_detail, &DetailPane::labelsetChanged, m_browser, &SampleBrowser::setLabelset);
    connect(m_workspace, &Workspace::focusModeChanged, m_browser, &SampleBrowser::setFilmstrip);

    buildEvaluationDock();
    wireReview();
    buildMenus();
    restoreLayout();

    connect(m_session, &Session::connecting, this, [this](const QString &what) {
        m_connectionStatus->setText(what);
        showMessage(what);
    });
    connect(m_session, &Session::connected, this, &MainWindow::onConnected);
    connect(m_session, &Session::clientChanging, this, [this] {
        m_datasetCall.cancel();
        m_activity->watch(nullptr, nullptr);
        m_review->setClient(nullptr);
        m_browser->setClient(nullptr);
        m_detail->setClient(nullptr);
        m_uploadPanel->setQueue(nullptr);
        m_evaluation->setClient(nullptr);
        m_uploads->setClient(nullptr, {});
        m_datasets->clear();
        m_countsStatus->clear();
    });
    connect(m_session, &Session::failed, this, [this](const QString &message) {
        m_connectionStatus->setText(tr("Not connected"));
        showMessage(tr("Could not connect: %1").arg(message));
    });
    connect(m_datasets, &models::DatasetListModel::failed, this, [this](const QString &message) {
        showMessage(tr("Could not list datasets: %1").arg(message));
    });
    connect(m_datasets, &models::DatasetListModel::loaded, this, [this] {
        m_countsStatus->setText(tr("%n dataset(s)", nullptr, m_datasets->rowCount()));
        m_workspace->fitDatasetList(m_datasetPane->fittingHeight(6));
        const QString wanted = !m_currentDataset.isEmpty() ? m_currentDataset : m_options.dataset;
        if (!wanted.isEmpty()) {
            m_datasetPane->select(wanted);
            openDataset(wanted);
        }
    });
    connect(m_datasetPane, &DatasetPane::datasetActivated, this, &MainWindow::openDataset);

    if (m_options.server.isValid() && !m_options.demo)
        m_session->connectServer(m_options.server, m_options.profile);
    else
        m_session->connectDemo();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Add Sample…"), QKeySequence::New, this,
                    [this] { m_uploads->openDialog(this); });
    file->addSeparator();
    file->addAction(tr("&Settings…"), QKeySequence(u"Ctrl+,"_s), this, &MainWindow::openSettings);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_review->undoAction());
    edit->addSeparator();
    edit->addAction(tr("&Paste Image as Sample"), QKeySequence::Paste, this,
                    &MainWindow::pasteImage);
    QMenu *connection = menuBar()->addMenu(tr("&Connection"));
    connect(connection, &QMenu::aboutToShow, this,
            [this, connection] { fillConnectionMenu(connection); });
    fillConnectionMenu(connection);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Find &Dataset"), QKeySequence(u"Ctrl+K"_s), this, [this] {
        m_workspace->setFocusMode(false);
        m_datasetPane->focusFilter();
    });
    view->addAction(tr("&Search Samples"), QKeySequence::Find, this, [this] {
        m_workspace->setFocusMode(false);
        m_browser->focusSearch();
    });
    view->addSeparator();
    QAction *focus = view->addAction(tr("&Focus Mode"));
    focus->setObjectName(u"focusModeAction"_s);
    focus->setCheckable(true);
    focus->setShortcut(QKeySequence(u"Ctrl+Return"_s));
    focus->setToolTip(tr("The viewer takes the window, the samples run under it as a filmstrip "
                         "(Enter or a double click on a sample; Esc returns)"));
    connect(focus, &QAction::toggled, m_workspace, &Workspace::setFocusMode);
    connect(m_workspace, &Workspace::focusModeChanged, focus, &QAction::setChecked);
    focus->setChecked(m_workspace->focusMode());
    auto *leaveFocus = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    leaveFocus->setObjectName(u"leaveFocusMode"_s);
    leaveFocus->setEnabled(m_workspace->focusMode());
    connect(leaveFocus, &QShortcut::activated, this, [this] {
        m_workspace->setFocusMode(false);
        m_browser->setFocus(Qt::ShortcutFocusReason);
    });
    connect(m_workspace, &Workspace::focusModeChanged, leaveFocus, &QShortcut::setEnabled);
    view->addAction(m_uploadDock->toggleViewAction());
    view->addAction(m_evaluationDock->toggleViewAction());
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    QAction *evaluate =
        tools->addAction(tr("&Evaluate Labelsets…"), QKeySequence(u"Ctrl+Shift+E"_s), this,
                         &MainWindow::showEvaluation);
    evaluate->setObjectName(u"evaluateAction"_s);
    tools->addAction(m_review->queueAction());
    buildReviewMenu();
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), QKeySequence::HelpContents, this,
                    [this] { showShortcutsSheet(this); });
    help->addSeparator();
    help->addAction(tr("&About Segscope"), this, [this] { showAbout(this); });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildReviewMenu() {
    QMenu *review = menuBar()->addMenu(tr("&Review"));
    review->setObjectName(u"reviewMenu"_s);
    review->addAction(m_review->acceptAction());
    review->addAction(m_review->rejectAction());
    review->addAction(m_review->rejectWithCommentAction());
    review->addMenu(m_review->statusMenu());
    review->addSeparator();
    review->addAction(m_review->undoAction());
    review->addSeparator();
    review->addAction(m_review->queueAction());
}

void MainWindow::wireReview() {
    const auto showPassing = [this](const QString &text) {
        statusBar()->showMessage(text, 8000);
    };
    connect(m_review, &ReviewController::message, statusBar(), showPassing);
    connect(m_browser, &SampleBrowser::contextMenuRequested, m_review,
            &ReviewController::addToContextMenu);
    connect(m_review->decisions(), &review::ReviewDecisions::issueCreated, m_detail->issuesPanel(),
            &IssuesPanel::onIssueChanged);
    connect(m_review->decisions(), &review::ReviewDecisions::issueClosed, m_detail->issuesPanel(),
            &IssuesPanel::onIssueChanged);
    // The queue is the viewer's: it takes the window while the queue runs, and leaving focus
    // mode (Esc) stops the queue.
    connect(m_review, &ReviewController::queueRunningChanged, this, [this](bool running) {
        m_workspace->setFocusMode(running);
        if (running)
            m_detail->focusView();
        else
            m_browser->setFocus(Qt::OtherFocusReason);
    });
    connect(m_workspace, &Workspace::focusModeChanged, m_review, [this](bool on) {
        if (!on)
            m_review->stopQueue();
    });
}

void MainWindow::fillConnectionMenu(QMenu *menu) {
    menu->clear();
    menu->addAction(tr("Demo (local)"), this, [this] {
        m_currentDataset.clear();
        m_options.dataset.clear();
        m_session->connectDemo();
    });
    const QUrl segments(u"https://api.segments.ai"_s);
    QAction *env =
        menu->addAction(tr("Segments.ai (key from SEGMENTS_API_KEY)"), this, [this, segments] {
            m_currentDataset.clear();
            m_session->connectServer(segments, QString());
        });
    env->setEnabled(qEnvironmentVariableIsSet("SEGMENTS_API_KEY"));
    const QList<api::ConnectionProfile> profiles = api::ProfileStore().profiles();
    if (!profiles.isEmpty())
        menu->addSection(tr("Profiles"));
    for (const api::ConnectionProfile &p : profiles) {
        menu->addAction(p.name + u" — "_s + p.baseUrl.host(), this, [this, p] {
            m_currentDataset.clear();
            m_session->connectServer(p.baseUrl, p.name);
        });
    }
}

void MainWindow::onConnected() {
    const bool demo = m_session->kind() == Session::Kind::Demo;
    m_banner->setVisible(demo);
    if (demo && takeFirstRunHint()) {
        auto *hint = new QMessageBox(QMessageBox::Information, tr("Welcome to Segscope"),
                                     demoFirstRunHint(), QMessageBox::Ok, this);
        hint->setObjectName(u"firstRunHint"_s);
        hint->setTextFormat(Qt::RichText);
        hint->setAttribute(Qt::WA_DeleteOnClose);
        hint->setWindowModality(Qt::NonModal);
        hint->show();
    }
    m_connectionStatus->setText(tr("Connected: %1").arg(m_session->description()));
    if (demo && m_options.dataset.isEmpty())
        m_options.dataset = u"demo/street-scenes"_s;
    showMessage(tr("Loading datasets…"));
    m_browser->setClient(&m_session->client());
    m_detail->setClient(&m_session->client());
    m_review->setClient(&m_session->client());
    m_uploads->setClient(&m_session->client(), m_session->client().baseUrl());
    m_uploadPanel->setQueue(m_uploads->queue());
    m_evaluation->setClient(&m_session->client());
    m_activity->watch(&m_session->client(), m_browser->thumbnails());
    if (m_options.sample.isEmpty())
        return m_datasets->load(m_session->client());
    // Opening at a sample: its dataset is what opens, then the sample in the detail pane.
    const QString uuid = std::exchange(m_options.sample, QString());
    api::getSample(
        m_session->client(), uuid, QString(), this, [this, uuid](api::Result<wire::Sample> result) {
            // segscope-server and the SDK's model name the dataset; the API documentation's
            // example does not, and then --dataset does.
            if (result.ok() && !result->datasetFullName.isEmpty())
                m_options.dataset = result->datasetFullName;
            if (result.ok() && !m_options.dataset.isEmpty()) {
                m_pendingSample = uuid;
            } else {
                statusBar()->showMessage(
                    tr("Could not open sample %1: %2")
                        .arg(uuid, result.ok() ? tr("the server does not say its dataset; give "
                                                    "it with --dataset OWNER/NAME")
                                               : result.error().toString()),
                    15000);
            }
            m_datasets->load(m_session->client());
        });
}

void MainWindow::openDataset(const QString &fullName) {
    if (fullName.isEmpty() || !m_session->isConnected())
        return;
    if (fullName == m_browser->dataset().fullName && m_center->currentWidget() == m_browser)
        return;
    m_currentDataset = fullName;
    settings::LastDataset.set(fullName);
    showMessage(tr("Opening %1…").arg(fullName));
    m_datasetCall.cancel();
    // The full dataset (labelsets, categories, samples_count) sizes and configures the list.
    m_datasetCall = api::getDataset(
        m_session->client(), fullName, this, [this, fullName](api::Result<wire::Dataset> result) {
            if (!result.ok()) {
                showMessage(tr("Could not open %1: %2").arg(fullName, result.error().toString()));
                return;
            }
            setWindowTitle(tr("%1 — Segscope").arg(fullName));
            m_datasetPane->select(fullName);
            m_detail->setDataset(result.value());
            m_uploads->setDataset(result.value());
            m_evaluation->setDataset(result.value());
            const QString sample = std::exchange(m_pendingSample, QString());
            m_browser->showDataset(result.value(), sample.isEmpty());
            // The browser keeps each dataset's filter, its labelset with it: the viewer opens
            // on the same one.
            m_detail->setLabelset(m_browser->labelset());
            if (!sample.isEmpty()) {
                m_browser->selectWhenListed(sample);
                m_detail->showSample(sample);
                m_detail->focusView();
            }
            m_center->setCurrentWidget(m_browser);
        });
}

void MainWindow::buildEvaluationDock() {
    m_evaluationDock->setObjectName(u"evaluationDock"_s);
    m_evaluationDock->setWidget(m_evaluation);
    addDockWidget(Qt::RightDockWidgetArea, m_evaluationDock);
    m_evaluationDock->hide();
    // "The listed samples" are the browser's: its filter at the moment the run starts.
    m_evaluation->setFilterSource([this] { return m_browser->model()->filter(); });
    m_evaluation->setCacheDirectory(
        QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/evaluations"_s);
    connect(m_evaluation, &EvaluationPanel::scoresChanged, m_browser,
            &SampleBrowser::setSampleScores);
    // The panel's list drives the viewer as the grid does (a sample not listed in the grid is
    // shown all the same).
    connect(m_evaluation, &EvaluationPanel::sampleSelected, this, [this](const QString &uuid) {
        if (!m_browser->selectIfListed(uuid))
            m_detail->showSample(uuid);
    });
    connect(m_evaluation, &EvaluationPanel::sampleActivated, m_browser,
            &SampleBrowser::selectIfListed);
    connect(m_evaluation, &EvaluationPanel::sampleActivated, m_browser,
            &SampleBrowser::sampleActivated);
}

void MainWindow::showEvaluation() {
    const bool wasHidden = m_evaluationDock->isHidden();
    m_evaluationDock->show();
    m_evaluationDock->raise();
    // Under a third of the window: the heat map has room, and the viewer keeps most of its.
    if (wasHidden)
        resizeDocks({m_evaluationDock}, {std::clamp(width() * 3 / 10, 380, 620)}, Qt::Horizontal);
}

void MainWindow::showMessage(const QString &message) {
    m_message->setText(message);
    m_center->setCurrentWidget(m_message);
}

void MainWindow::restoreLayout() {
    // Never larger than the screen: a geometry saved on a larger monitor is shrunk onto this
    // one, and a first start on a small screen opens maximized.
    const QScreen *screen = QGuiApplication::primaryScreen();
    const QRect available = screen ? screen->availableGeometry() : QRect(0, 0, 1500, 900);
    const QSize preferred(1500, 900);
    if (restoreGeometry(settings::WindowGeometry.value())) {
        const QRect frame = frameGeometry();
        if (!available.contains(frame)) {
            const QSize margins = frame.size() - size();
            const QSize fits = size().boundedTo(available.size() - margins);
            resize(fits);
            QRect moved(frame.topLeft(), fits + margins);
            moved.moveLeft(std::clamp(moved.left(), available.left(),
                                      available.left() + available.width() - moved.width()));
            moved.moveTop(std::clamp(moved.top(), available.top(),
                                     available.top() + available.height() - moved.height()));
            move(moved.topLeft());
        }
    } else if (available.width() < preferred.width() + 40 ||
               available.height() < preferred.height() + 40) {
        // Maximized when shown (the window manager then fits the frame too), unless whoever
        // opens the window sizes it first (as the tests do).
        resize(available.size());
        m_maximizeOnShow = size();
    } else {
        resize(preferred);
    }
    m_workspace->restore(size());
    if (m_options.dataset.isEmpty() && !m_options.demo)
        m_options.dataset = settings::LastDataset.value();
}

void MainWindow::saveLayout() {
    settings::WindowGeometry.set(saveGeometry());
    m_workspace->save();
}

void MainWindow::openSettings() {
    if (auto *open = findChild<SettingsDialog *>(QString(), Qt::FindDirectChildrenOnly)) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new SettingsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::cacheCleared, this,
            [this] { statusBar()->showMessage(tr("Cache cleared"), 5000); });
    dialog->show();
}

void MainWindow::pasteImage() {
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (mime && m_uploads->canAccept(mime))
        m_uploads->acceptDrop(this, mime);
    else
        statusBar()->showMessage(tr("The clipboard holds no image"), 5000);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event) {
    if (m_uploads->canAccept(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event) {
    m_uploads->acceptDrop(this, event->mimeData());
    event->acceptProposedAction();
}

void MainWindow::showEvent(QShowEvent *event) {
    // (Showing lays the window out, which may have grown it to its minimum size.)
    if (m_maximizeOnShow.isValid() && size() == m_maximizeOnShow.expandedTo(minimumSize()))
        setWindowState(windowState() | Qt::WindowMaximized);
    m_maximizeOnShow = QSize();
    QMainWindow::showEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event) {
    saveLayout();
    event->accept();
}

} // namespace segscope::ui
