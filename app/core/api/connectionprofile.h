#pragma once

#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace segscope::api {

//! A server to talk to. The API key is deliberately not part of it: keys live in the OS
//! keychain (KeyStore) or come from SEGMENTS_API_KEY, never in a settings file.
struct ConnectionProfile {
    QString name;
    QUrl baseUrl;
};

//! Profiles in QSettings (group `profiles`), without their keys.
class ProfileStore {
public:
    //! `settingsFile` empty: the application's default QSettings; else an INI file (tests).
    explicit ProfileStore(QString settingsFile = {});

    QList<ConnectionProfile> profiles() const;
    std::optional<ConnectionProfile> find(const QString &name) const;
    void save(const ConnectionProfile &profile);
    void remove(const QString &name);

private:
    QString m_settingsFile;
};

} // namespace segscope::api
