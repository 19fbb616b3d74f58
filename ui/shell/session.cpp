#include "shell/session.h"
#include "settings/settingsdialog.h"

#include "api/keystore.h"
#include "api/usersapi.h"
#include "shell/demoserverprocess.h"

using namespace Qt::StringLiterals;

namespace segscope::ui {

Session::Session(QObject *parent)
    : QObject(parent) {}

Session::~Session() = default;

void Session::useClient(const QUrl &baseUrl, const QString &key) {
    api::ClientOptions options;
    options.baseUrl = baseUrl;
    options.apiKey = key;
    options.cacheMaxBytes = SettingsDialog::cacheMaxBytes();
    emit clientChanging();
    dropClient();
    m_client = std::make_unique<api::ApiClient>(options);
    // A key that does not work is said at once, before any pane asks for data.
    api::getCurrentUser(*m_client, this, [this](api::Result<wire::User> user) {
        if (user.ok()) {
            emit connected();
        } else {
            emit clientChanging();
            dropClient();
            emit failed(user.error().toString());
        }
    });
}

void Session::dropClient() {
    // Later, not now: this may run inside one of the client's own callbacks.
    if (m_client)
        m_client.release()->deleteLater();
}

void Session::connectDemo() {
    m_kind = Kind::Demo;
    m_description = tr("Demo (local)");
    if (!m_demo) {
        m_demo = new DemoServerProcess(this);
        connect(m_demo, &DemoServerProcess::ready, this,
                [this](const QUrl &url, const QString &key) { useClient(url, key); });
        connect(m_demo, &DemoServerProcess::failed, this, &Session::failed);
    }
    emit connecting(tr("Starting the demo server (the first start draws the demo scenes, "
                       "about 15 seconds)…"));
    m_demo->start();
}

void Session::connectServer(const QUrl &baseUrl, const QString &profile) {
    m_kind = Kind::Server;
    m_description = profile.isEmpty() ? baseUrl.host() : baseUrl.host() + u" ("_s + profile + u')';
    emit connecting(tr("Connecting to %1…").arg(baseUrl.host()));
    api::KeyStore::resolveKey(profile, this,
                              [this, baseUrl](const QString &key, const QString &error) {
                                  if (key.isEmpty()) {
                                      emit failed(error);
                                      return;
                                  }
                                  useClient(baseUrl, key);
                              });
}

} // namespace segscope::ui
