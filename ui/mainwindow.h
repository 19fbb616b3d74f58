#pragma once

#include "api/result.h"

#include <QMainWindow>
#include <QUrl>

class QLabel;
class QSplitter;
class QStackedWidget;

namespace segscope::items {
class DatasetListModel;
}

namespace segscope::ui {

class ActivityIndicator;
class DatasetPane;
class DetailPane;
class SampleBrowser;
class Session;

//! What the window opens on, from the command line.
struct StartOptions {
    bool demo = false;
    QUrl server;
    QString profile;
    QString dataset; //!< owner/name to open once connected
};

//! Composes the panes and wires them together; owns no business logic.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(const StartOptions &options, QWidget *parent = nullptr);
    ~MainWindow() override;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void fillConnectionMenu(class QMenu *menu);
    void onConnected();
    void openDataset(const QString &fullName);
    void showMessage(const QString &message);
    void restoreLayout();
    void saveLayout();

    StartOptions m_options;
    Session *m_session;
    items::DatasetListModel *m_datasets;
    QLabel *m_banner;
    QSplitter *m_splitter;
    DatasetPane *m_datasetPane;
    QStackedWidget *m_center;
    SampleBrowser *m_browser;
    DetailPane *m_detail;
    QLabel *m_message;
    QLabel *m_connectionStatus;
    QLabel *m_countsStatus;
    ActivityIndicator *m_activity;
    QString m_currentDataset;
    api::CallHandle m_datasetCall;
};

} // namespace segscope::ui
