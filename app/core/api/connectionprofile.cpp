#include "connectionprofile.h"

#include "settings/appsettings.h"

#include <QSettings>

#include <memory>

namespace segscope::api {

namespace {
std::unique_ptr<QSettings> openSettings(const QString &file) {
    if (file.isEmpty())
        return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(file, QSettings::IniFormat);
}

void writeAll(QSettings &settings, const QList<ConnectionProfile> &all) {
    settings.remove(settings::ProfilesArray);
    settings.beginWriteArray(settings::ProfilesArray, int(all.size()));
    for (int i = 0; i < all.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(settings::ProfileName, all.at(i).name);
        settings.setValue(settings::ProfileBaseUrl, all.at(i).baseUrl.toString());
    }
    settings.endArray();
}
} // namespace

ProfileStore::ProfileStore(QString settingsFile)
    : m_settingsFile(std::move(settingsFile)) {}

QList<ConnectionProfile> ProfileStore::profiles() const {
    auto settings = openSettings(m_settingsFile);
    QList<ConnectionProfile> out;
    const int n = settings->beginReadArray(settings::ProfilesArray);
    for (int i = 0; i < n; ++i) {
        settings->setArrayIndex(i);
        out.append({settings->value(settings::ProfileName).toString(),
                    QUrl(settings->value(settings::ProfileBaseUrl).toString())});
    }
    settings->endArray();
    return out;
}

std::optional<ConnectionProfile> ProfileStore::find(const QString &name) const {
    const QList<ConnectionProfile> all = profiles();
    for (const ConnectionProfile &p : all) {
        if (p.name == name)
            return p;
    }
    return std::nullopt;
}

void ProfileStore::save(const ConnectionProfile &profile) {
    QList<ConnectionProfile> all = profiles();
    bool replaced = false;
    for (ConnectionProfile &p : all) {
        if (p.name == profile.name) {
            p = profile;
            replaced = true;
        }
    }
    if (!replaced)
        all.append(profile);
    writeAll(*openSettings(m_settingsFile), all);
}

void ProfileStore::remove(const QString &name) {
    QList<ConnectionProfile> all = profiles();
    all.removeIf([&](const ConnectionProfile &p) { return p.name == name; });
    writeAll(*openSettings(m_settingsFile), all);
}

} // namespace segscope::api
