#include "connectionprofile.h"

#include <QSettings>

#include <memory>

using namespace Qt::StringLiterals;

namespace segscope::api {

namespace {
std::unique_ptr<QSettings> openSettings(const QString &file) {
    if (file.isEmpty())
        return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(file, QSettings::IniFormat);
}
} // namespace

ProfileStore::ProfileStore(QString settingsFile)
    : m_settingsFile(std::move(settingsFile)) {}

QList<ConnectionProfile> ProfileStore::profiles() const {
    auto settings = openSettings(m_settingsFile);
    QList<ConnectionProfile> out;
    const int n = settings->beginReadArray(u"profiles"_s);
    for (int i = 0; i < n; ++i) {
        settings->setArrayIndex(i);
        out.append({settings->value(u"name"_s).toString(),
                    QUrl(settings->value(u"baseUrl"_s).toString())});
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
    auto settings = openSettings(m_settingsFile);
    settings->remove(u"profiles"_s);
    settings->beginWriteArray(u"profiles"_s, int(all.size()));
    for (int i = 0; i < all.size(); ++i) {
        settings->setArrayIndex(i);
        settings->setValue(u"name"_s, all.at(i).name);
        settings->setValue(u"baseUrl"_s, all.at(i).baseUrl.toString());
    }
    settings->endArray();
}

void ProfileStore::remove(const QString &name) {
    QList<ConnectionProfile> all = profiles();
    all.removeIf([&](const ConnectionProfile &p) { return p.name == name; });
    auto settings = openSettings(m_settingsFile);
    settings->remove(u"profiles"_s);
    settings->beginWriteArray(u"profiles"_s, int(all.size()));
    for (int i = 0; i < all.size(); ++i) {
        settings->setArrayIndex(i);
        settings->setValue(u"name"_s, all.at(i).name);
        settings->setValue(u"baseUrl"_s, all.at(i).baseUrl.toString());
    }
    settings->endArray();
}

} // namespace segscope::api
