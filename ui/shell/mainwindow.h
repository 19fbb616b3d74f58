#pragma once

#include "api/result.h"

#include <QMainWindow>
#include <QSize>
#include <QUrl>

class QLabel;
class QStackedWidget;

namespace segscope::models {
class DatasetListModel;
}

namespace segscope::ui {

class ActivityIndicator;
class DatasetPane;
class DetailPane;
class EvaluationPanel;
class ReviewController;
class SampleBrowser;
class Session;
class UploadController;
class UploadPanel;
class Workspace;

//! What the window opens on, from the command line.
struct StartOptions {
    bool demo = false;
    QUrl server;
    QString profile;
    QString dataset; //!< owner/name to open once connected
    QString sample;  //!< a sample uuid to open at (its dataset is opened with it)
};

//! Composes the panes and wires them together; owns no business logic.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(const StartOptions &options, QWidget *parent = nullptr);
    ~MainWindow() override;

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    void buildReviewMenu();
    void wireReview();
    void fillConnectionMenu(class QMenu *menu);
    void onConnected();
    void openDataset(const QString &fullName);
    void showMessage(const QString &message);
    void pasteImage();
    void openSettings();
    void buildEvaluationDock();
    void showEvaluation();
    void restoreLayout();
    void saveLayout();

    StartOptions m_options;
    Session *m_session;
    models::DatasetListModel *m_datasets;
    QLabel *m_banner;
    DatasetPane *m_datasetPane;
    QStackedWidget *m_center;
    SampleBrowser *m_browser;
    DetailPane *m_detail;
    Workspace *m_workspace;
    ReviewController *m_review;
    UploadController *m_uploads;
    UploadPanel *m_uploadPanel;
    class QDockWidget *m_uploadDock;
    EvaluationPanel *m_evaluation;
    class QDockWidget *m_evaluationDock;
    QLabel *m_message;
    QLabel *m_connectionStatus;
    QLabel *m_countsStatus;
    ActivityIndicator *m_activity;
    QString m_currentDataset;
    QString m_pendingSample; //!< shown in the detail pane once its dataset is open
    api::CallHandle m_datasetCall;
    QSize m_maximizeOnShow; //!< the size a first start on a small screen opens maximized from
};

} // namespace segscope::ui
