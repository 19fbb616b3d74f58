#pragma once

#include "api/apiclient.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace segscope::ui {

class DemoServerProcess;

//! Where the window is connected: the embedded demo, a saved profile, or a URL given on the
//! command line. Owns the one ApiClient the panes share.
class Session : public QObject {
    Q_OBJECT

public:
    enum class Kind { None, Demo, Server };

    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    //! Starts the embedded demo server and connects to it.
    void connectDemo();
    //! Connects to `baseUrl` with the key from SEGMENTS_API_KEY or the keychain entry of
    //! `profile` (empty: the environment only).
    void connectServer(const QUrl &baseUrl, const QString &profile);

    Kind kind() const { return m_kind; }
    bool isConnected() const { return m_client != nullptr; }
    api::ApiClient &client() { return *m_client; }
    //! "Demo (local)", "api.segments.ai (work)", ...
    QString description() const { return m_description; }

signals:
    //! The client is about to be replaced: drop every pointer to it now.
    void clientChanging();
    void connecting(const QString &what);
    void connected();
    void failed(const QString &message);

private:
    void useClient(const QUrl &baseUrl, const QString &key);
    void dropClient();

    Kind m_kind = Kind::None;
    QString m_description;
    std::unique_ptr<api::ApiClient> m_client;
    DemoServerProcess *m_demo = nullptr;
};

} // namespace segscope::ui
