#include "keystore.h"

#include <qt6keychain/keychain.h>

#include <QLoggingCategory>
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#endif
#include <QPointer>
#include <QTimer>

Q_LOGGING_CATEGORY(lcKeys, "segscope.keys", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace segscope::api {

namespace {

const QString Service = u"segscope"_s;

// On Linux the keychain is a D-Bus service (Secret Service or KWallet). QtKeychain reports its
// absence as a vague "Unknown error", so ask the bus directly.
bool keychainServiceRunning() {
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    const QStringList names = bus.interface()->registeredServiceNames().value();
    const QStringList activatable = bus.interface()->activatableServiceNames().value();
    for (const char *service :
         {"org.freedesktop.secrets", "org.kde.kwalletd5", "org.kde.kwalletd6"}) {
        const QString name = QLatin1StringView(service);
        if (names.contains(name) || activatable.contains(name))
            return true;
    }
    return false;
#else
    return true;
#endif
}

QString describe(QKeychain::Job *job, const QString &profile) {
    switch (job->error()) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        return u"no API key stored for profile \"%1\": set SEGMENTS_API_KEY or store one in "
               u"the keychain"_s.arg(profile);
    case QKeychain::NoBackendAvailable:
        return KeyStore::noKeychainMessage();
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return u"access to the keychain was denied"_s;
    default:
        if (!keychainServiceRunning())
            return KeyStore::noKeychainMessage();
        return u"keychain error: %1 (set SEGMENTS_API_KEY to bypass the keychain)"_s.arg(
            job->errorString());
    }
}

template <class JobT> JobT *makeJob(const QString &profile) {
    auto *job = new JobT(Service);
    job->setKey(profile);
    job->setAutoDelete(true);
    // Never let QtKeychain store the key in a plain-text settings file.
    job->setInsecureFallback(false);
    return job;
}

} // namespace

QString KeyStore::noKeychainMessage() {
    return u"No keychain service is running: set SEGMENTS_API_KEY or start a Secret Service "
           u"provider (gnome-keyring, KWallet) to store API keys"_s;
}

void KeyStore::readKey(const QString &profile, QObject *context, KeyCallback done) {
    auto *job = makeJob<QKeychain::ReadPasswordJob>(profile);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [job, profile, done = std::move(done)] {
                         const QString error = describe(job, profile);
                         qCDebug(lcKeys) << "read key of profile" << profile
                                         << (error.isEmpty() ? "ok" : "failed");
                         done(error.isEmpty() ? job->textData() : QString(), error);
                     });
    job->start();
}

void KeyStore::writeKey(const QString &profile, const QString &key, QObject *context,
                        DoneCallback done) {
    auto *job = makeJob<QKeychain::WritePasswordJob>(profile);
    job->setTextData(key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [job, profile, done = std::move(done)] { done(describe(job, profile)); });
    job->start();
}

void KeyStore::deleteKey(const QString &profile, QObject *context, DoneCallback done) {
    auto *job = makeJob<QKeychain::DeletePasswordJob>(profile);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [job, profile, done = std::move(done)] { done(describe(job, profile)); });
    job->start();
}

void KeyStore::resolveKey(const QString &profile, QObject *context, KeyCallback done) {
    const QString fromEnv = qEnvironmentVariable("SEGMENTS_API_KEY");
    if (!fromEnv.isEmpty() || profile.isEmpty()) {
        const QString error = fromEnv.isEmpty()
                                  ? u"no API key: set SEGMENTS_API_KEY or pass --profile NAME"_s
                                  : QString();
        QTimer::singleShot(0, context,
                           [done = std::move(done), fromEnv, error] { done(fromEnv, error); });
        return;
    }
    readKey(profile, context, std::move(done));
}

} // namespace segscope::api
