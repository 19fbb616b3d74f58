// The keychain for real: the program's own session bus with gnome-keyring-daemon serving an
// unlocked login keyring in the temporary HOME (support/testenvironment.h). A key stored by
// KeyStore or by the settings dialog is in the Secret Service (secret-tool reads it back), is
// read back by KeyStore, is what the client, the dialog's Test and `segscope datasets
// --profile` send in Authorization to segscope-server (behind a recording proxy), and is in no
// file under HOME: not the settings, not the caches, not anywhere.
#include "support/cliprocess.h"
#include "support/faultproxy.h"
#include "support/serverfixture.h"
#include "support/testmain.h"
#include "support/widgettest.h"

#include "api/apiclient.h"
#include "api/connectionprofile.h"
#include "api/keystore.h"
#include "api/usersapi.h"
#include "settings/connectionsettings.h"
#include "settings/settingsdialog.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace segscope;
using segscope::test::child;
using segscope::test::FaultProxy;
using segscope::test::ServerFixture;
using segscope::test::TestEnvironment;

namespace {

constexpr int Bound = 20000;
const QString NoAnswer = u"(no answer within the bound)"_s;

//! KeyStore::writeKey to its end: the error, empty on success.
QString writeKey(const QString &profile, const QString &key) {
    QObject context;
    std::optional<QString> error;
    api::KeyStore::writeKey(profile, key, &context, [&](const QString &e) { error = e; });
    return QTest::qWaitFor([&] { return error.has_value(); }, Bound) ? *error : NoAnswer;
}

//! KeyStore::deleteKey to its end: the error, empty on success.
QString deleteKey(const QString &profile) {
    QObject context;
    std::optional<QString> error;
    api::KeyStore::deleteKey(profile, &context, [&](const QString &e) { error = e; });
    return QTest::qWaitFor([&] { return error.has_value(); }, Bound) ? *error : NoAnswer;
}

//! KeyStore::readKey (or resolveKey) to its end: (key, error).
std::pair<QString, QString> readKey(const QString &profile, bool resolve = false) {
    QObject context;
    std::optional<std::pair<QString, QString>> result;
    const auto done = [&](const QString &key, const QString &e) {
        result = {key, e};
    };
    if (resolve)
        api::KeyStore::resolveKey(profile, &context, done);
    else
        api::KeyStore::readKey(profile, &context, done);
    return QTest::qWaitFor([&] { return result.has_value(); }, Bound)
               ? *result
               : std::pair<QString, QString>{QString(), NoAnswer};
}

//! The profile's key as any other Secret Service client finds it (QtKeychain's attributes:
//! `server` the service, `user` the profile); empty when there is none.
QString secretToolLookup(const QString &profile) {
    QProcess tool;
    tool.start(u"secret-tool"_s, {u"lookup"_s, u"server"_s, u"segscope"_s, u"user"_s, profile});
    // gnome-keyring-daemon is another process: blocking here holds up nothing it needs.
    if (!tool.waitForFinished(Bound) || tool.exitStatus() != QProcess::NormalExit)
        return NoAnswer;
    return QString::fromUtf8(tool.readAllStandardOutput()).trimmed();
}

} // namespace

class TestKeyStore : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void keyIsStoredReadBackAndDeleted();
    void resolvedKeyIsSentToTheServer();
    void settingsDialogStoresTheKeyAndTestSendsIt();
    void cliUsesTheProfilesKey();

private:
    //! Every file under the temporary HOME that holds `secret`.
    static QStringList filesHolding(const QString &secret) {
        return TestEnvironment::current()->filesHolding(secret.toUtf8());
    }
    //! The Authorization headers of the requests that reached the proxy.
    QByteArrayList authorizations() const;

    ServerFixture m_fixture;
    QString m_key; //!< the user demo's key on segscope-server
    std::unique_ptr<FaultProxy> m_proxy;
};

void TestKeyStore::initTestCase() {
    // The application's identity, so QSettings() is the app's own settings file.
    QApplication::setOrganizationName(u"Segscope"_s);
    QApplication::setApplicationName(u"segscope"_s);
    const QString home = TestEnvironment::current()->home();
    QVERIFY2(QSettings().fileName().startsWith(home), qPrintable(QSettings().fileName()));
    QVERIFY(qEnvironmentVariableIsEmpty("SEGMENTS_API_KEY"));
    // The keyring is the test's own, in the temporary HOME; its daemon puts its name on the
    // program's bus a moment after it started.
    QVERIFY(QFile::exists(qEnvironmentVariable("XDG_DATA_HOME") + u"/keyrings/login.keyring"_s));
    QDBusConnectionInterface *bus = QDBusConnection::sessionBus().interface();
    QVERIFY(bus);
    QTRY_VERIFY_WITH_TIMEOUT(bus->isServiceRegistered(u"org.freedesktop.secrets"_s).value(), Bound);

    QString error;
    QVERIFY2(m_fixture.start({}, &error), qPrintable(error));
    m_key = m_fixture.addUser(u"demo"_s);
    QVERIFY(!m_key.isEmpty());
}

void TestKeyStore::init() {
    m_proxy = std::make_unique<FaultProxy>(m_fixture.baseUrl());
    QVERIFY(m_proxy->listen());
}

void TestKeyStore::cleanup() {
    m_proxy.reset();
}

QByteArrayList TestKeyStore::authorizations() const {
    QByteArrayList headers;
    for (const test::RecordedRequest &request : m_proxy->requests())
        headers.append(request.header("Authorization"));
    return headers;
}

void TestKeyStore::keyIsStoredReadBackAndDeleted() {
    const QString secret = u"sk-keychain-STORED-3b8e41"_s;
    QCOMPARE(writeKey(u"stored"_s, secret), QString());
    // In the Secret Service itself, as another client reads it.
    QCOMPARE(secretToolLookup(u"stored"_s), secret);
    QCOMPARE(readKey(u"stored"_s), std::make_pair(secret, QString()));

    // Stored again: replaced, not added.
    const QString renewed = u"sk-keychain-RENEWED-77c0aa"_s;
    QCOMPARE(writeKey(u"stored"_s, renewed), QString());
    QCOMPARE(readKey(u"stored"_s), std::make_pair(renewed, QString()));
    QCOMPARE(secretToolLookup(u"stored"_s), renewed);

    // A profile without a key: said so, with the way out.
    const auto [none, why] = readKey(u"keyless"_s);
    QVERIFY(none.isEmpty());
    QVERIFY2(why.startsWith(u"no API key stored for profile \"keyless\": set SEGMENTS_API_KEY"_s),
             qPrintable(why));

    QCOMPARE(deleteKey(u"stored"_s), QString());
    QVERIFY(readKey(u"stored"_s).first.isEmpty());
    QCOMPARE(secretToolLookup(u"stored"_s), QString());
    QCOMPARE(filesHolding(secret), QStringList());
    QCOMPARE(filesHolding(renewed), QStringList());
}

void TestKeyStore::resolvedKeyIsSentToTheServer() {
    api::ProfileStore().save({u"client"_s, m_proxy->url()});
    QCOMPARE(writeKey(u"client"_s, m_key), QString());
    // What a session does: no SEGMENTS_API_KEY, so the profile's entry in the keychain.
    const auto [key, error] = readKey(u"client"_s, true);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(key, m_key);

    api::ClientOptions options;
    options.baseUrl = api::ProfileStore().find(u"client"_s)->baseUrl;
    options.apiKey = key;
    options.cacheDirectory = TestEnvironment::current()->home() + u"/cache/client"_s;
    api::ApiClient client(options);
    QObject context;
    std::optional<api::Result<wire::User>> me;
    api::getCurrentUser(client, &context, [&](api::Result<wire::User> r) { me = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(me.has_value(), Bound);
    QVERIFY2(me->ok(), qPrintable(me->error().toString()));
    QCOMPARE(me->value().username, u"demo"_s);
    QCOMPARE(m_proxy->countStatus("GET", u"/user"_s, 200), 1);
    QCOMPARE(authorizations(), QByteArrayList{"APIKey " + m_key.toUtf8()});

    // The settings file holds the profile, not its key; no other file does either.
    QVERIFY(QFile(QSettings().fileName()).exists());
    QCOMPARE(filesHolding(m_key), QStringList());
}

void TestKeyStore::settingsDialogStoresTheKeyAndTestSendsIt() {
    {
        ui::SettingsDialog dialog;
        child<QPushButton>(&dialog, u"addProfile"_s)->click();
        child<QLineEdit>(&dialog, u"profileName"_s)->setText(u"dialog"_s);
        child<QLineEdit>(&dialog, u"profileUrl"_s)->setText(m_proxy->url().toString());
        auto *key = child<QLineEdit>(&dialog, u"profileKey"_s);
        key->setText(m_key);
        child<QPushButton>(&dialog, u"saveProfile"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(&dialog, u"keyStatus"_s)->text(),
                                  u"The key is stored in the keychain."_s, Bound);
        QVERIFY(key->text().isEmpty()); // out of the field once it is in the keychain
    }
    QCOMPARE(secretToolLookup(u"dialog"_s), m_key);
    QVERIFY(api::ProfileStore().find(u"dialog"_s));

    // Shown again: the dialog finds a key in the keychain, keeps it out of the field, and Test
    // sends it.
    ui::SettingsDialog again;
    again.connections()->selectProfile(u"dialog"_s);
    auto *key = child<QLineEdit>(&again, u"profileKey"_s);
    QTRY_VERIFY_WITH_TIMEOUT(key->placeholderText().contains(u"stored in the keychain"_s), Bound);
    QVERIFY(key->text().isEmpty());
    auto *test = child<QPushButton>(&again, u"testProfile"_s);
    test->click();
    QTRY_VERIFY_WITH_TIMEOUT(test->isEnabled(), Bound);
    const QString result = child<QLabel>(&again, u"testResult"_s)->text();
    QVERIFY2(result.startsWith(u"Connected as demo"_s), qPrintable(result));
    QVERIFY(m_proxy->countStatus("GET", u"/user"_s, 200) >= 1);
    for (const QByteArray &header : authorizations())
        QCOMPARE(header, "APIKey " + m_key.toUtf8());

    QCOMPARE(filesHolding(m_key), QStringList());
}

void TestKeyStore::cliUsesTheProfilesKey() {
    // The command's own HOME, inside the test's (so the search below covers it); the bus, and
    // with it the keychain, is the test's.
    const QString home = TestEnvironment::current()->home() + u"/cli"_s;
    api::ProfileStore(home + u"/config/Segscope/segscope.conf"_s).save({u"cli"_s, m_proxy->url()});
    QCOMPARE(writeKey(u"cli"_s, m_key), QString());
    const test::CliRun run = test::runCli(QStringLiteral(SEGSCOPE_CLI_BINARY),
                                          {u"datasets"_s, u"--profile"_s, u"cli"_s, u"--json"_s},
                                          test::cliEnvironment(home, QString()), {}, Bound);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(QJsonDocument::fromJson(run.out).isArray(), run.out.constData());
    QVERIFY(!m_proxy->requests().isEmpty());
    for (const QByteArray &header : authorizations())
        QCOMPARE(header, "APIKey " + m_key.toUtf8());
    QVERIFY(!run.err.contains(m_key.toUtf8()));
    QCOMPARE(filesHolding(m_key), QStringList());
}

SEGSCOPE_GUI_TEST_MAIN_WITH_BUS(TestKeyStore, segscope::test::Bus::SecretService)
#include "tst_keystore.moc"
