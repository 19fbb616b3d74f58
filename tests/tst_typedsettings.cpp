// The application's settings, each declared once with its key and default (settings/): a
// setting's default when nothing is stored, a set value read back, the keys earlier versions
// stored (so users keep their settings), and what a hand-edited value falls back to.
#include "support/testmain.h"

#include "settings/appsettings.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
namespace settings = segscope::settings;

class TestTypedSettings : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void defaultWhenUnset();
    void setValueRoundTrips();
    void resetForgets();
    void keysStayTheSame_data();
    void keysStayTheSame();
    void readsWhatEarlierVersionsStored();
    void unreadableValueGivesTheDefault();
    void otherSettingsFile();
};

void TestTypedSettings::initTestCase() {
    QCoreApplication::setOrganizationName(u"Segscope"_s);
    QCoreApplication::setApplicationName(u"segscope-tst-typedsettings"_s);
    // Its settings under the program's temporary HOME, never the user's.
    const QString home = segscope::test::TestEnvironment::current()->home();
    QVERIFY2(QSettings().fileName().startsWith(home), qPrintable(QSettings().fileName()));
}

void TestTypedSettings::init() {
    QSettings().clear();
}

void TestTypedSettings::defaultWhenUnset() {
    QVERIFY(!settings::CacheMaxMegabytes.isSet());
    QCOMPARE(settings::CacheMaxMegabytes.value(), 1024);
    QCOMPARE(settings::DetailOpacity.value(), 50);
    QCOMPARE(settings::Theme.value(), u"System"_s);
    QCOMPARE(settings::DemoHintShown.value(), false);
    QCOMPARE(settings::LastDataset.value(), QString());
    QCOMPARE(settings::WindowGeometry.value(), QByteArray());
    QCOMPARE(settings::DatasetTableMode(u"ann/photos"_s).value(), false);
    // A default is a default, not a value: nothing was written by reading.
    QVERIFY(QSettings().allKeys().isEmpty());
}

void TestTypedSettings::setValueRoundTrips() {
    settings::CacheMaxMegabytes.set(300);
    QVERIFY(settings::CacheMaxMegabytes.isSet());
    QCOMPARE(settings::CacheMaxMegabytes.value(), 300);
    settings::Theme.set(u"Dark"_s);
    QCOMPARE(settings::Theme.value(), u"Dark"_s);
    settings::DemoHintShown.set(true);
    QCOMPARE(settings::DemoHintShown.value(), true);
    const QByteArray state("\x00\x01\xff geometry", 12);
    settings::WindowGeometry.set(state);
    QCOMPARE(settings::WindowGeometry.value(), state);
    settings::DatasetFilter(u"ann/photos"_s).set(R"({"name":"cat"})");
    QCOMPARE(settings::DatasetFilter(u"ann/photos"_s).value(), QByteArray(R"({"name":"cat"})"));
    // Per name: another dataset keeps its default.
    QCOMPARE(settings::DatasetFilter(u"ann/other"_s).value(), QByteArray());
    // Written where QSettings reads it, in the stored form earlier versions used.
    QSettings().sync();
    QCOMPARE(QSettings().value(u"cache/maxMegabytes"_s).toInt(), 300);
    QCOMPARE(QSettings().value(u"datasets/ann|photos/filter"_s).toByteArray(),
             QByteArray(R"({"name":"cat"})"));
}

void TestTypedSettings::resetForgets() {
    settings::DetailMode.set(2);
    QCOMPARE(settings::DetailMode.value(), 2);
    settings::DetailMode.reset();
    QVERIFY(!settings::DetailMode.isSet());
    QCOMPARE(settings::DetailMode.value(), 0);
}

void TestTypedSettings::keysStayTheSame_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("stored");
    QTest::newRow("geometry") << settings::WindowGeometry.key() << u"window/geometry"_s;
    QTest::newRow("workspace") << settings::WorkspaceSplitter.key() << u"window/workspace"_s;
    QTest::newRow("workspace left")
        << settings::WorkspaceLeftSplitter.key() << u"window/workspaceLeft"_s;
    QTest::newRow("focus splitter")
        << settings::WorkspaceFocusSplitter.key() << u"window/workspaceFocus"_s;
    QTest::newRow("focus mode") << settings::WorkspaceFocusMode.key() << u"window/focusMode"_s;
    QTest::newRow("last dataset") << settings::LastDataset.key() << u"window/lastDataset"_s;
    QTest::newRow("demo hint") << settings::DemoHintShown.key() << u"hints/demoShown"_s;
    QTest::newRow("theme") << settings::Theme.key() << u"appearance/theme"_s;
    QTest::newRow("cache") << settings::CacheMaxMegabytes.key() << u"cache/maxMegabytes"_s;
    QTest::newRow("colour by") << settings::DetailColorBy.key() << u"detail/colorBy"_s;
    QTest::newRow("mode") << settings::DetailMode.key() << u"detail/mode"_s;
    QTest::newRow("opacity") << settings::DetailOpacity.key() << u"detail/opacity"_s;
    QTest::newRow("labelset") << settings::DetailLabelset(u"demo/street-scenes"_s).key()
                              << u"detail/labelset/demo/street-scenes"_s;
    QTest::newRow("filter") << settings::DatasetFilter(u"demo/street-scenes"_s).key()
                            << u"datasets/demo|street-scenes/filter"_s;
    QTest::newRow("table") << settings::DatasetTableMode(u"demo/street-scenes"_s).key()
                           << u"datasets/demo|street-scenes/table"_s;
    QTest::newRow("labels") << settings::DatasetLabelOverlay(u"demo/street-scenes"_s).key()
                            << u"datasets/demo|street-scenes/labels"_s;
    QTest::newRow("profiles") << settings::ProfilesArray << u"profiles"_s;
}

void TestTypedSettings::keysStayTheSame() {
    QFETCH(QString, key);
    QFETCH(QString, stored);
    QCOMPARE(key, stored);
}

// Values as an earlier version wrote them with QSettings directly.
void TestTypedSettings::readsWhatEarlierVersionsStored() {
    QSettings old;
    old.setValue(u"datasets/demo|scale-1050/labels"_s, true);
    old.setValue(u"detail/labelset/demo/street-scenes"_s, u"predictions"_s);
    old.setValue(u"detail/opacity"_s, 80);
    old.setValue(u"appearance/theme"_s, u"Light"_s);
    old.sync();
    QCOMPARE(settings::DatasetLabelOverlay(u"demo/scale-1050"_s).value(), true);
    QCOMPARE(settings::DetailLabelset(u"demo/street-scenes"_s).value(), u"predictions"_s);
    QCOMPARE(settings::DetailOpacity.value(), 80);
    QCOMPARE(settings::Theme.value(), u"Light"_s);
}

void TestTypedSettings::unreadableValueGivesTheDefault() {
    QSettings().setValue(u"cache/maxMegabytes"_s, u"lots"_s);
    QCOMPARE(settings::CacheMaxMegabytes.value(), 1024);
    QSettings().setValue(u"detail/opacity"_s, u"75"_s); // as an INI file holds every number
    QCOMPARE(settings::DetailOpacity.value(), 75);
}

// The overloads for a settings file of its own (ProfileStore's tests) or an open group.
void TestTypedSettings::otherSettingsFile() {
    QTemporaryDir dir;
    QSettings file(dir.filePath(u"other.ini"_s), QSettings::IniFormat);
    QCOMPARE(settings::LastDataset.value(file), QString());
    settings::LastDataset.set(file, u"ann/photos"_s);
    QCOMPARE(settings::LastDataset.value(file), u"ann/photos"_s);
    QVERIFY(!settings::LastDataset.isSet()); // the application's settings untouched
    file.sync();
    QSettings reopened(dir.filePath(u"other.ini"_s), QSettings::IniFormat);
    QCOMPARE(settings::LastDataset.value(reopened), u"ann/photos"_s);
}

SEGSCOPE_TEST_MAIN(TestTypedSettings)
#include "tst_typedsettings.moc"
