#include "mainwindowdriver.h"

#include "application.h"
#include "browse/samplebrowser.h"
#include "detail/detailpane.h"
#include "detail/imagecanvas.h"

#include <QSettings>
#include <QTest>

using namespace Qt::StringLiterals;

namespace segscope::test {

MainWindowDriver::MainWindowDriver() {
    setApplicationIdentity();
}

MainWindowDriver::~MainWindowDriver() {
    close();
}

bool MainWindowDriver::open(const ui::StartOptions &options, QSize size) {
    close();
    m_window = std::make_unique<ui::MainWindow>(options);
    m_window->resize(size);
    m_window->show();
    m_window->activateWindow();
    return QTest::qWaitForWindowExposed(m_window.get()) &&
           QTest::qWaitForWindowActive(m_window.get());
}

void MainWindowDriver::close() {
    if (!m_window)
        return;
    m_window->close();
    m_window.reset();
}

void MainWindowDriver::clearSettings() {
    QSettings settings;
    settings.clear();
    settings.sync();
}

ui::SampleBrowser *MainWindowDriver::browser() const {
    return m_window ? m_window->findChild<ui::SampleBrowser *>(u"sampleBrowser"_s) : nullptr;
}

ui::DetailPane *MainWindowDriver::detail() const {
    return m_window ? m_window->findChild<ui::DetailPane *>(u"detailPane"_s) : nullptr;
}

ui::ImageCanvas *MainWindowDriver::canvas() const {
    return m_window ? m_window->findChild<ui::ImageCanvas *>(u"imageCanvas"_s) : nullptr;
}

bool MainWindowDriver::waitForDataset(const QString &fullName, int timeoutMs) {
    ui::SampleBrowser *b = browser();
    if (!b)
        return false;
    const auto listed = [&] {
        return b->dataset().fullName == fullName && b->isVisible() &&
               (b->model()->rowCount() == 0 || b->model()->row(0) != nullptr);
    };
    return QTest::qWaitFor(listed, timeoutMs);
}

bool MainWindowDriver::waitForShown(const QString &uuid, int timeoutMs) {
    ui::DetailPane *d = detail();
    if (!d)
        return false;
    const auto shown = [&] {
        return d->loadedSample() && d->loadedSample()->sample.uuid == uuid &&
               d->currentUuid() == uuid;
    };
    return QTest::qWaitFor(shown, timeoutMs);
}

} // namespace segscope::test
