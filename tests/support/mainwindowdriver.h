#pragma once

#include "shell/mainwindow.h"

#include <memory>

namespace segscope::ui {
class DetailPane;
class ImageCanvas;
class SampleBrowser;
} // namespace segscope::ui

namespace segscope::test {

//! The real main window in this process, opened as the `segscope` command line would open it
//! (with the application's identity, so it reads the settings the app reads), shown and made the
//! active window so that its shortcuts answer key presses. The key comes from SEGMENTS_API_KEY.
class MainWindowDriver {
public:
    MainWindowDriver();
    ~MainWindowDriver();

    //! Opens a window on `options`; false when it was not shown and activated in time.
    bool open(const ui::StartOptions &options, QSize size = QSize(1400, 900));
    //! Closes and destroys the window, as quitting the app does.
    void close();
    //! Forgets every setting (filters, layout, last dataset), so a test starts from a new user.
    static void clearSettings();

    //! Waits until `fullName` is the open dataset and its first page is listed.
    bool waitForDataset(const QString &fullName, int timeoutMs = 20000);
    //! Waits until the detail pane shows `uuid`.
    bool waitForShown(const QString &uuid, int timeoutMs = 20000);

    ui::MainWindow *window() const { return m_window.get(); }
    ui::SampleBrowser *browser() const;
    ui::DetailPane *detail() const;
    ui::ImageCanvas *canvas() const;

private:
    std::unique_ptr<ui::MainWindow> m_window;
};

} // namespace segscope::test
