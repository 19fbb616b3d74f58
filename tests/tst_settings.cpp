// The settings dialog and the help windows, offscreen: the connection Test against
// segscope-server in-process (right key, wrong key), a closed port and the fault server (a
// plain HTTP server, HTML, JSON of the wrong shape); keys without a keychain; the theme; the
// cache's Clear; the shortcuts sheet, About and the first-run hint.
//
// Every location is a fresh temporary folder (XDG_CONFIG_HOME, XDG_CACHE_HOME, ...), and the
// session bus is the program's own with no keychain service on it, so no keychain answers and
// nothing of the user's is touched (support/testenvironment.h).
// SEGSCOPE_SCREENSHOT_DIR=/some/dir saves each tab in the light and the dark theme there.
#include "support/faultserver.h"
#include "support/serverfixture.h"
#include "support/testmain.h"
#include "support/widgettest.h"

#include "api/connectionprofile.h"
#include "api/keystore.h"
#include "settings/cachesettings.h"
#include "settings/connectionsettings.h"
#include "settings/connectiontest.h"
#include "settings/settingsdialog.h"
#include "shell/helpdialogs.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace segscope;
using segscope::test::answerNextMessageBox;
using segscope::test::child;
using segscope::test::Fault;
using segscope::test::FaultServer;
using segscope::test::ServerFixture;

namespace {

constexpr int Bound = 20000;

void writeFile(const QString &path, qint64 bytes) {
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(bytes, 'x'));
}

} // namespace

class TestSettings : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void testConnectsWithTheRightKey();
    void testRefusesAWrongKey();
    void testNoAnswerFromAClosedPort();
    void testPlainHttpServerIsNotSegments();
    void testWrongShapesAreNotSegments();
    void testWordingOfOtherFailures();
    void testSavingAKeyNeedsTheKeychain();
    void testRemoveProfile();
    void testThemes();
    void testCacheClear();
    void testCacheMaximum();
    void testShortcutsSheet();
    void testAbout();
    void testFirstRunHint();
    void screenshots();

private:
    //! Fills a new profile in `dialog` and presses Test; returns the result label's text.
    QString runTest(ui::SettingsDialog &dialog, const QUrl &url, const QString &key);

    QString m_home;
    ServerFixture m_fixture;
    QString m_key;
    FaultServer m_faults;
    QColor m_systemWindow;
    QString m_systemStyle;
};

void TestSettings::initTestCase() {
    // The application's identity, so QSettings() and the cache folder are the app's own.
    QApplication::setOrganizationName(u"Segscope"_s);
    QApplication::setApplicationName(u"segscope"_s);
    QApplication::setApplicationVersion(QStringLiteral(SEGSCOPE_VERSION));
    m_home = test::TestEnvironment::current()->home();
    m_systemWindow = QApplication::palette().color(QPalette::Window);
    m_systemStyle = QApplication::style()->name();
    // Nothing of the user's: every location is under the temporary home.
    QVERIFY2(ui::CacheSettings::directory().startsWith(m_home),
             qPrintable(ui::CacheSettings::directory()));
    QVERIFY2(QSettings().fileName().startsWith(m_home), qPrintable(QSettings().fileName()));
    QString error;
    QVERIFY2(m_fixture.start({}, &error), qPrintable(error));
    m_key = m_fixture.addUser(u"demo"_s);
    QVERIFY(!m_key.isEmpty());
    QVERIFY(m_faults.listen());
}

QString TestSettings::runTest(ui::SettingsDialog &dialog, const QUrl &url, const QString &key) {
    child<QPushButton>(&dialog, u"addProfile"_s)->click();
    child<QLineEdit>(&dialog, u"profileUrl"_s)->setText(url.toString());
    child<QLineEdit>(&dialog, u"profileKey"_s)->setText(key);
    auto *test = child<QPushButton>(&dialog, u"testProfile"_s);
    auto *result = child<QLabel>(&dialog, u"testResult"_s);
    test->click();
    if (!QTest::qWaitFor([&] { return test->isEnabled(); }, Bound))
        return u"(no answer within the bound; label: %1)"_s.arg(result->text());
    return result->text();
}

void TestSettings::testConnectsWithTheRightKey() {
    ui::SettingsDialog dialog;
    const QString text = runTest(dialog, m_fixture.baseUrl(), m_key);
    QVERIFY2(text.startsWith(u"Connected as demo"_s), qPrintable(text));
}

void TestSettings::testRefusesAWrongKey() {
    ui::SettingsDialog dialog;
    const QString text = runTest(dialog, m_fixture.baseUrl(), u"not-the-key"_s);
    QVERIFY2(text.startsWith(u"The server refused the key: Invalid API key."_s), qPrintable(text));

    // No key at all: the server is reached, and the message asks for one.
    const QString none = runTest(dialog, m_fixture.baseUrl(), QString());
    QVERIFY2(none.endsWith(u"needs an API key: type one above (none was typed and none is "
                           u"stored)."_s),
             qPrintable(none));
}

void TestSettings::testNoAnswerFromAClosedPort() {
    ui::SettingsDialog dialog;
    const QString text = runTest(dialog, QUrl(u"http://127.0.0.1:1"_s), m_key);
    QVERIFY2(text.startsWith(u"No answer from 127.0.0.1:1: Connection refused"_s),
             qPrintable(text));
}

void TestSettings::testPlainHttpServerIsNotSegments() {
    // A web server that knows nothing of the API: an HTML 404 for every path.
    Fault notFound = Fault::withContentType(404, "text/html; charset=utf-8",
                                            "<html><body><h1>Not Found</h1></body></html>");
    notFound.reason = "Not Found";
    m_faults.setFallback(notFound);
    ui::SettingsDialog dialog;
    const QString text = runTest(dialog, m_faults.url(), m_key);
    const QString host = ui::ConnectionTest::hostOf(m_faults.url());
    QVERIFY2(text.startsWith(host + u" answered, but it is not a Segments API (HTTP 404 on "
                                    u"/api_status/)"_s),
             qPrintable(text));
    QVERIFY(m_faults.requests().last().target.startsWith("/api_status/"));
}

void TestSettings::testWrongShapesAreNotSegments() {
    ui::SettingsDialog dialog;
    const QString host = ui::ConnectionTest::hostOf(m_faults.url());
    const QString notSegments = host + u" answered, but it is not a Segments API ("_s;

    // A 200 with an HTML page (a captive portal, a web site's front page).
    m_faults.setFallback(Fault::withContentType(200, "text/html", "<html><body>Hi</body></html>"));
    QString text = runTest(dialog, m_faults.url(), m_key);
    QVERIFY2(text.startsWith(notSegments + u"expected a JSON response, got text/html on "
                                           u"/api_status/)"_s),
             qPrintable(text));

    // JSON everywhere, but not a User on /user.
    m_faults.setFallback(Fault::json(200, R"({"status": "ok"})"));
    text = runTest(dialog, m_faults.url(), m_key);
    QVERIFY2(text.startsWith(notSegments + u"unexpected response: "_s), qPrintable(text));
    QVERIFY2(text.contains(u" on /user)"_s), qPrintable(text));
    QCOMPARE(m_faults.requests().last().target, QByteArray("/user"));
    // The key went where it was asked to go.
    QCOMPARE(m_faults.requests().last().header("Authorization"), "APIKey " + m_key.toUtf8());
}

void TestSettings::testWordingOfOtherFailures() {
    using Kind = api::ApiError::Kind;
    using Step = ui::ConnectionTest::Step;
    api::ApiError e;
    e.kind = Kind::Timeout;
    e.message = u"the transfer stalled"_s;
    QVERIFY(ui::ConnectionTest::describe(e, u"h"_s, Step::Status, true)
                .startsWith(u"h did not answer within 15 seconds"_s));
    e.kind = Kind::Server;
    e.httpStatus = 502;
    e.message = u"HTTP 502 Bad Gateway"_s;
    QVERIFY(ui::ConnectionTest::describe(e, u"h"_s, Step::Status, true)
                .startsWith(u"h answered with a server error: "_s));
    e.httpStatus = 301;
    e.message = u"unexpected redirect (HTTP 301) to https://x/"_s;
    QVERIFY(ui::ConnectionTest::describe(e, u"h"_s, Step::Status, true)
                .startsWith(u"h answered, but it is not a Segments API (unexpected redirect"_s));
    e.kind = Kind::RateLimited;
    e.httpStatus = 429;
    e.retryAfter = 7;
    QVERIFY(ui::ConnectionTest::describe(e, u"h"_s, Step::User, true)
                .contains(u"try again in 7 seconds"_s));
}

void TestSettings::testSavingAKeyNeedsTheKeychain() {
    const QString secret = u"sk-test-4f1c9e0a7b2d"_s;
    ui::SettingsDialog dialog;
    QSignalSpy changed(&dialog, &ui::SettingsDialog::profilesChanged);
    child<QPushButton>(&dialog, u"addProfile"_s)->click();
    child<QLineEdit>(&dialog, u"profileName"_s)->setText(u"work"_s);
    child<QLineEdit>(&dialog, u"profileUrl"_s)->setText(m_fixture.baseUrl().toString());
    auto *key = child<QLineEdit>(&dialog, u"profileKey"_s);
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    key->setText(secret);
    child<QPushButton>(&dialog, u"saveProfile"_s)->click();

    auto *keyStatus = child<QLabel>(&dialog, u"keyStatus"_s);
    QTRY_COMPARE_WITH_TIMEOUT(keyStatus->text(), api::KeyStore::noKeychainMessage(), Bound);
    auto *result = child<QLabel>(&dialog, u"testResult"_s);
    QVERIFY2(result->text().contains(api::KeyStore::noKeychainMessage()),
             qPrintable(result->text()));
    QCOMPARE(changed.count(), 1);

    // The profile is saved, without its key; and the key is in no file at all.
    const auto saved = api::ProfileStore().find(u"work"_s);
    QVERIFY(saved);
    QCOMPARE(saved->baseUrl, m_fixture.baseUrl());
    QCOMPARE(test::TestEnvironment::current()->filesHolding(secret.toUtf8()), QStringList());
    auto *list = child<QListWidget>(&dialog, u"profileList"_s);
    QCOMPARE(list->currentItem()->text(), u"work"_s);

    // Not stored, but still typed: Test uses it.
    QCOMPARE(key->text(), secret);
    key->setText(m_key);
    auto *test = child<QPushButton>(&dialog, u"testProfile"_s);
    test->click();
    QTRY_VERIFY_WITH_TIMEOUT(test->isEnabled(), Bound);
    QVERIFY2(result->text().startsWith(u"Connected as demo"_s), qPrintable(result->text()));

    // Shown again, the field is empty (a key is never read back into it).
    ui::SettingsDialog again;
    QCOMPARE(child<QListWidget>(&again, u"profileList"_s)->currentItem()->text(), u"work"_s);
    QVERIFY(child<QLineEdit>(&again, u"profileKey"_s)->text().isEmpty());
    QCOMPARE(child<QLineEdit>(&again, u"profileUrl"_s)->text(), m_fixture.baseUrl().toString());
    // Test with nothing typed asks the keychain, which is not there: said, and no key is sent.
    auto *testAgain = child<QPushButton>(&again, u"testProfile"_s);
    testAgain->click();
    QTRY_VERIFY_WITH_TIMEOUT(testAgain->isEnabled(), Bound);
    const QString text = child<QLabel>(&again, u"testResult"_s)->text();
    QVERIFY2(
        text.contains(u"needs an API key: type one above ("_s + api::KeyStore::noKeychainMessage()),
        qPrintable(text));
}

void TestSettings::testRemoveProfile() {
    api::ProfileStore().save({u"old"_s, QUrl(u"https://old.example"_s)});
    ui::SettingsDialog dialog;
    QSignalSpy changed(&dialog, &ui::SettingsDialog::profilesChanged);
    dialog.connections()->selectProfile(u"old"_s);
    QCOMPARE(child<QLineEdit>(&dialog, u"profileName"_s)->text(), u"old"_s);

    answerNextMessageBox(QMessageBox::No);
    child<QPushButton>(&dialog, u"removeProfile"_s)->click();
    QVERIFY(api::ProfileStore().find(u"old"_s));
    QCOMPARE(changed.count(), 0);

    answerNextMessageBox(QMessageBox::Yes);
    child<QPushButton>(&dialog, u"removeProfile"_s)->click();
    QVERIFY(!api::ProfileStore().find(u"old"_s));
    QCOMPARE(changed.count(), 1);
    const auto *list = child<QListWidget>(&dialog, u"profileList"_s);
    QVERIFY(list->findItems(u"old"_s, Qt::MatchExactly).isEmpty());
}

void TestSettings::testThemes() {
    ui::SettingsDialog::applyTheme(u"Dark"_s);
    const QPalette dark = QApplication::palette();
    QVERIFY2(dark.color(QPalette::Window).lightness() < 80,
             qPrintable(dark.color(QPalette::Window).name()));
    QVERIFY(dark.color(QPalette::Base).lightness() < 80);
    QVERIFY(dark.color(QPalette::WindowText).lightness() > 180);
    QVERIFY(dark.color(QPalette::Disabled, QPalette::Text) != dark.color(QPalette::Text));
    QVERIFY(dark.color(QPalette::PlaceholderText) != dark.color(QPalette::Text));
    QCOMPARE(QApplication::style()->name().toLower(), u"fusion"_s);
    // A window made now is dark too, and an open one follows the next change at once.
    QWidget window;
    auto *inner = new QLabel(u"text"_s, &window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(inner->palette().color(QPalette::Window).lightness() < 80);

    ui::SettingsDialog::applyTheme(u"Light"_s);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
    QTRY_VERIFY(inner->palette().color(QPalette::Window).lightness() > 200);
    QVERIFY(inner->palette().color(QPalette::WindowText).lightness() < 60);

    ui::SettingsDialog::applyTheme(u"System"_s);
    QCOMPARE(QApplication::palette().color(QPalette::Window), m_systemWindow);
    QCOMPARE(QApplication::style()->name(), m_systemStyle);

    // Through the dialog: applied at once, stored, announced.
    ui::SettingsDialog dialog;
    QSignalSpy changed(&dialog, &ui::SettingsDialog::themeChanged);
    auto *box = child<QComboBox>(&dialog, u"themeBox"_s);
    QCOMPARE(box->currentData().toString(), u"System"_s);
    box->setCurrentIndex(box->findData(u"Dark"_s));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toString(), u"Dark"_s);
    QCOMPARE(QSettings().value(u"appearance/theme"_s).toString(), u"Dark"_s);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    QCOMPARE(ui::SettingsDialog::storedTheme(), u"Dark"_s);
    box->setCurrentIndex(box->findData(u"System"_s));
    QCOMPARE(QApplication::palette().color(QPalette::Window), m_systemWindow);
}

void TestSettings::testCacheClear() {
    const QString dir = ui::CacheSettings::directory();
    writeFile(dir + u"/assets/data8/a/0123.d"_s, 300000);
    writeFile(dir + u"/assets/data8/b/4567.d"_s, 200000);
    writeFile(dir + u"/thumbnails/ab/cd.jpg"_s, 40000);
    writeFile(dir + u"/pasted/waiting.png"_s, 1000); // an upload waits for it: kept

    ui::SettingsDialog dialog;
    ui::CacheSettings *cache = dialog.cache();
    QSignalSpy measured(cache, &ui::CacheSettings::sizeChanged);
    QVERIFY(measured.wait(Bound));
    QCOMPARE(cache->usage().assets, 500000);
    QCOMPARE(cache->usage().thumbnails, 40000);
    QCOMPARE(cache->usage().total, 541000);
    auto *size = child<QLabel>(&dialog, u"cacheSize"_s);
    QVERIFY2(size->text().contains(u"528"_s), qPrintable(size->text())); // 541000 B = 528.3 KB
    QCOMPARE(child<QLabel>(&dialog, u"cacheLocation"_s)->text(), QDir::toNativeSeparators(dir));

    auto *clear = child<QPushButton>(&dialog, u"clearCache"_s);
    QVERIFY(clear->isEnabled());
    QSignalSpy cleared(&dialog, &ui::SettingsDialog::cacheCleared);
    answerNextMessageBox(QMessageBox::Yes);
    clear->click();
    QVERIFY(cleared.wait(Bound));
    QCOMPARE(cache->usage().assets, 0);
    QCOMPARE(cache->usage().thumbnails, 0);
    QCOMPARE(cache->usage().total, 1000);
    QVERIFY(!QFile::exists(dir + u"/assets/data8/a/0123.d"_s));
    QVERIFY(!QFile::exists(dir + u"/thumbnails/ab/cd.jpg"_s));
    QVERIFY(QFile::exists(dir + u"/pasted/waiting.png"_s));
    QVERIFY(QDir(dir + u"/assets/data8/a"_s).exists()); // a live disk cache keeps its folders
    QVERIFY(!clear->isEnabled());
    QVERIFY2(!size->text().contains(u"528"_s), qPrintable(size->text()));
}

void TestSettings::testCacheMaximum() {
    constexpr qint64 MB = 1024 * 1024;
    QCOMPARE(ui::SettingsDialog::cacheMaxBytes() + ui::SettingsDialog::thumbnailCacheMaxBytes(),
             1024 * MB);
    QCOMPARE(ui::SettingsDialog::thumbnailCacheMaxBytes(), 256 * MB);
    ui::SettingsDialog dialog;
    auto *max = child<QSpinBox>(&dialog, u"cacheMaxMegabytes"_s);
    QCOMPARE(max->value(), 1024);
    max->setValue(200);
    QCOMPARE(QSettings().value(u"cache/maxMegabytes"_s).toInt(), 200);
    QCOMPARE(ui::SettingsDialog::thumbnailCacheMaxBytes(), 50 * MB);
    QCOMPARE(ui::SettingsDialog::cacheMaxBytes(), 150 * MB);
    QSettings().remove(u"cache/maxMegabytes"_s);
}

void TestSettings::testShortcutsSheet() {
    QWidget window;
    ui::showShortcutsSheet(&window);
    auto *sheet = window.findChild<QDialog *>(u"shortcutsSheet"_s);
    QVERIFY(sheet);
    QVERIFY(sheet->isVisible());
    QVERIFY(!sheet->isModal());
    const QList<QTableWidget *> tables = sheet->findChildren<QTableWidget *>(u"shortcutsTable"_s);
    QCOMPARE(tables.size(), 2);
    QHash<QString, QString> actions; // keys -> action
    for (const QTableWidget *table : tables) {
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->item(r, 1))
                actions.insert(table->item(r, 0)->text(), table->item(r, 1)->text());
        }
    }
    QVERIFY2(actions.value(u"Ctrl+F"_s).contains(u"Search"_s),
             qPrintable(actions.keys().join(u", ")));
    QVERIFY(actions.value(u"L"_s).contains(u"labels"_s));
    QVERIFY(actions.value(u"Ctrl+K"_s).contains(u"dataset"_s));
    QVERIFY(actions.value(u"Ctrl+Shift+C"_s).contains(u"Copy the image"_s));
    QVERIFY(actions.contains(u"F / 0"_s));
    // Group headings span the table.
    QCOMPARE(tables.first()->item(0, 0)->text(), u"Window"_s);
    QCOMPARE(tables.first()->columnSpan(0, 0), 2);
    QCOMPARE(tables.last()->item(0, 0)->text(), u"Detail view"_s);

    // Asking again raises the open one.
    ui::showShortcutsSheet(&window);
    QCOMPARE(window.findChildren<QDialog *>(u"shortcutsSheet"_s).size(), 1);
}

void TestSettings::testAbout() {
    QWidget window;
    ui::showAbout(&window);
    auto *about = window.findChild<QDialog *>(u"aboutDialog"_s);
    QVERIFY(about);
    QVERIFY(about->isVisible());
    const QString versions = child<QLabel>(about, u"aboutVersions"_s)->text();
    QVERIFY2(versions.contains(QCoreApplication::applicationVersion()), qPrintable(versions));
    QVERIFY(versions.contains(QString::fromLatin1(qVersion())));
    QVERIFY(versions.contains(QStringLiteral(QT_VERSION_STR)));
    QVERIFY(versions.contains(QSysInfo::prettyProductName().toHtmlEscaped()));
}

void TestSettings::testFirstRunHint() {
    QVERIFY(ui::takeFirstRunHint());
    QVERIFY(!ui::takeFirstRunHint());
    QVERIFY(!ui::takeFirstRunHint());
    const QString hint = ui::demoFirstRunHint();
    QVERIFY(hint.contains(u"Legend"_s));
    QVERIFY(hint.contains(u"<b>L</b>"_s));
}

void TestSettings::screenshots() {
    // Every screen renders in both themes; with SEGSCOPE_SCREENSHOT_DIR set, the grabs are
    // saved there to be looked at.
    const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QDir().mkpath(dir);
    const auto keep = [&dir](const QPixmap &grab, const QString &name) {
        return !grab.isNull() && (dir.isEmpty() || grab.save(dir + u'/' + name));
    };
    writeFile(ui::CacheSettings::directory() + u"/assets/data8/a/shot.d"_s, 3 << 20);
    api::ProfileStore().save({u"segments.ai"_s, QUrl(u"https://api.segments.ai"_s)});
    api::ProfileStore().save({u"local"_s, m_fixture.baseUrl()});
    const QStringList tabs{u"connections"_s, u"cache"_s, u"appearance"_s};
    for (const QString &themeName : {u"Light"_s, u"Dark"_s}) {
        QSettings().setValue(u"appearance/theme"_s, themeName);
        ui::SettingsDialog::applyTheme(themeName);
        ui::SettingsDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.connections()->selectProfile(u"local"_s);
        child<QLineEdit>(&dialog, u"profileKey"_s)->setText(m_key);
        child<QPushButton>(&dialog, u"testProfile"_s)->click();
        auto *test = child<QPushButton>(&dialog, u"testProfile"_s);
        QTRY_VERIFY_WITH_TIMEOUT(test->isEnabled(), Bound);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.cache()->usage().total > 0, Bound);
        auto *tabWidget = dialog.findChild<QTabWidget *>();
        for (int i = 0; i < tabs.size(); ++i) {
            dialog.showTab(ui::SettingsDialog::Tab(i));
            QCOMPARE(tabWidget->currentIndex(), i);
            QTRY_VERIFY(tabWidget->currentWidget()->isVisible());
            // The switch posts the page's layout; run it before the grab.
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            QVERIFY(
                keep(dialog.grab(), u"settings-%1-%2.png"_s.arg(tabs.at(i), themeName.toLower())));
        }
        QWidget window;
        ui::showShortcutsSheet(&window);
        auto *sheet = window.findChild<QDialog *>(u"shortcutsSheet"_s);
        QVERIFY(QTest::qWaitForWindowExposed(sheet));
        QVERIFY(keep(sheet->grab(), u"settings-shortcuts-%1.png"_s.arg(themeName.toLower())));
        ui::showAbout(&window);
        auto *about = window.findChild<QDialog *>(u"aboutDialog"_s);
        QVERIFY(QTest::qWaitForWindowExposed(about));
        QVERIFY(keep(about->grab(), u"settings-about-%1.png"_s.arg(themeName.toLower())));
    }
    QSettings().remove(u"appearance/theme"_s);
    ui::SettingsDialog::applyTheme(u"System"_s);
}

// A private session bus with no keychain service on it: the keychain-less path.
SEGSCOPE_GUI_TEST_MAIN_WITH_BUS(TestSettings, segscope::test::Bus::Private)
#include "tst_settings.moc"
