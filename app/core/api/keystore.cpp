#include "keystore.h"

#include <qt6keychain/keychain.h>

#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

Q_LOGGING_CATEGORY(lcKeys, "segscope.keys", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace segscope::api {

namespace {

const QString Service = u"segscope"_s;

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
        // Without a session bus or secret service QtKeychain reports a D-Bus failure here.
        if (job->errorString().contains("D-Bus"_L1, Qt::CaseInsensitive) ||
            job->errorString().contains("DBus"_L1, Qt::CaseInsensitive) ||
            job->errorString().contains("secret"_L1, Qt::CaseInsensitive) ||
            job->errorString().contains("wallet"_L1, Qt::CaseInsensitive))
            return KeyStore::noKeychainMessage() + u" ("_s + job->errorString() + u')';
        return u"keychain error: "_s + job->errorString();
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
        const QString error =
            fromEnv.isEmpty()
                ? u"no API key: set SEGMENTS_API_KEY or pass --profile NAME"_s
                : QString();
        QTimer::singleShot(0, context, [done = std::move(done), fromEnv, error] {
            done(fromEnv, error);
        });
        return;
    }
    readKey(profile, context, std::move(done));
}

} // namespace segscope::api
