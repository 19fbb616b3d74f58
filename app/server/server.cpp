#include "server.h"

#include "demo/demodata.h"
#include "http/httperror.h"
#include "http/httpfrontend.h"
#include "routes/routes.h"
#include "store/stores.h"

#include <QDir>
#include <QTcpServer>

using namespace Qt::StringLiterals;

namespace segscope::server {

class ServerPrivate {
public:
    explicit ServerPrivate(ServerOptions o)
        : options(std::move(o)) {}

    ServerOptions options;
    std::unique_ptr<Stores> stores;
    Router router;
    std::unique_ptr<HttpFrontend> http;
    QUrl baseUrl;
    QString demoKey;
};

Server::Server(ServerOptions options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<ServerPrivate>(std::move(options))) {}

Server::~Server() = default;

bool Server::open(QString *error) {
    if (d->stores)
        return true;
    if (d->options.dataDir.isEmpty()) {
        *error = u"no data folder given (--data DIR)"_s;
        return false;
    }
    if (!QDir().mkpath(d->options.dataDir)) {
        *error = u"cannot create the data folder "_s + d->options.dataDir;
        return false;
    }
    try {
        d->stores = std::make_unique<Stores>(QDir(d->options.dataDir).absolutePath());
        d->stores->db.open();
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        d->stores.reset();
        return false;
    }
    return true;
}

bool Server::start(QString *error) {
    if (!open(error))
        return false;
    try {
        if (d->options.demo || d->options.demoSamples > 0) {
            ensureDemoData(*d->stores, d->options);
            const UserRecord demo = d->stores->users.find(u"demo"_s);
            d->stores->users.revokeKeys(demo.id, u"demo-session"_s);
            d->demoKey = d->stores->users.issueKey(demo.id, u"demo-session"_s);
        }
    } catch (const std::exception &e) {
        *error = u"cannot create the demo data: "_s + QString::fromUtf8(e.what());
        return false;
    }
    installUserRoutes(d->router, *d->stores);
    installDatasetRoutes(d->router, *d->stores);
    installSampleRoutes(d->router, *d->stores);
    installLabelRoutes(d->router, *d->stores);
    installIssueRoutes(d->router, *d->stores);
    installAssetRoutes(d->router, *d->stores);

    d->http = std::make_unique<HttpFrontend>(d->router, *d->stores);
    d->http->setLogging(d->options.logRequests);
    auto *tcp = new QTcpServer(d->http.get());
    if (!tcp->listen(d->options.address, d->options.port)) {
        *error = u"cannot listen on %1:%2: %3"_s.arg(d->options.address.toString())
                     .arg(d->options.port)
                     .arg(tcp->errorString());
        d->http.reset();
        return false;
    }
    d->http->bind(tcp);
    d->baseUrl.setScheme(u"http"_s);
    d->baseUrl.setHost(d->options.address.toString());
    d->baseUrl.setPort(tcp->serverPort());
    d->http->setFallbackOrigin(d->baseUrl.toString());
    return true;
}

QUrl Server::baseUrl() const {
    return d->baseUrl;
}

QString Server::demoKey() const {
    return d->demoKey;
}

QString Server::addUser(const QString &username, QString *error) {
    if (!open(error))
        return {};
    if (!UserStore::isValidUsername(username)) {
        *error = UserStore::usernameRule();
        return {};
    }
    try {
        const UserRecord user = d->stores->users.create(username);
        return d->stores->users.issueKey(user.id);
    } catch (const StoreError &e) {
        *error = e.message();
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
    }
    return {};
}

QString Server::addApiKey(const QString &username, QString *error) {
    if (!open(error))
        return {};
    try {
        const UserRecord user = d->stores->users.find(username);
        if (!user.isValid()) {
            *error = u"no user named "_s + username;
            return {};
        }
        return d->stores->users.issueKey(user.id);
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace segscope::server
