#pragma once

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>

namespace segscope::server {

struct ServerOptions {
    QString dataDir;
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; //!< 0 picks a free port
    bool demo = false;
    int demoImages = 200;    //!< scenes in demo/street-scenes
    int demoSamples = 0;     //!< > 0 adds demo/scale-N
    bool logRequests = true; //!< one line per request on stderr
};

class ServerPrivate;

//! segscope-server: the Segments API (docs/api-contract.md) over SQLite and a file-system asset
//! store. Lives on the thread that created it; every request is answered on that thread.
class Server : public QObject {
    Q_OBJECT

public:
    explicit Server(ServerOptions options, QObject *parent = nullptr);
    ~Server() override;

    //! Opens (or creates and migrates) the database in the data folder; start() does it too.
    bool open(QString *error);
    //! Opens, generates the demo data when asked, and listens. False with a readable `error`
    //! when any of it fails.
    bool start(QString *error);
    //! With `demo`: a fresh key for the user `demo`, issued at this start (the previous one is
    //! revoked, since keys are stored hashed and cannot be shown again).
    QString demoKey() const;
    //! http://HOST:PORT with the port actually bound.
    QUrl baseUrl() const;

    //! Adds a user and returns a new API key for it (the only time the key is visible).
    QString addUser(const QString &username, QString *error);
    //! A new API key for an existing user.
    QString addApiKey(const QString &username, QString *error);

private:
    std::unique_ptr<ServerPrivate> d;
};

} // namespace segscope::server
