// bench_server: figures for segscope-server at scale (issue 2, "Figures"). Not a test.
//
//   bench_server [DATA_DIR] [--seconds N] [--images N]
//
// Spawns the built segscope-server on 127.0.0.1:0 with --demo-samples 100000 (generated once;
// pass DATA_DIR to reuse it between runs), then measures over HTTP with QNetworkAccessManager:
// the median latency of a page of 100 samples with labelset=ground-truth on page 1 and page 1000,
// the median latency of creating a sample, and 20 concurrent clients listing and creating for
// 30 s (requests, errors, and that every created sample exists afterwards).
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr int kSamples = 100000;
const QString kScale = u"/datasets/demo/scale-100000"_s;

struct Reply {
    int status = 0;
    QByteArray body;
    double ms = 0;
};

class Client {
public:
    Client(QUrl base, QString key)
        : m_base(std::move(base))
        , m_key(std::move(key)) {}

    QNetworkReply *send(const QByteArray &verb, const QString &path, const QByteArray &body = {}) {
        QNetworkRequest request(QUrl(m_base.toString() + path));
        request.setRawHeader("Authorization", "APIKey " + m_key.toUtf8());
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        return verb == "GET" ? m_nam.get(request) : m_nam.sendCustomRequest(request, verb, body);
    }

    Reply call(const QByteArray &verb, const QString &path, const QByteArray &body = {}) {
        QElapsedTimer t;
        t.start();
        QNetworkReply *reply = send(verb, path, body);
        if (!reply->isFinished())
            QSignalSpy(reply, &QNetworkReply::finished).wait(60000);
        Reply r;
        r.ms = t.nsecsElapsed() / 1e6;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        reply->deleteLater();
        return r;
    }

private:
    QNetworkAccessManager m_nam;
    QUrl m_base;
    QString m_key;
};

double median(QList<double> v) {
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

double percentile(QList<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(std::min<qsizetype>(v.size() - 1, qsizetype(v.size() * p)));
}

QByteArray sampleBody(const QString &name) {
    return QJsonDocument(
               QJsonObject{{"name"_L1, name},
                           {"attributes"_L1,
                            QJsonObject{{"image"_L1,
                                         QJsonObject{{"url"_L1, u"https://x.invalid/b.jpg"_s}}}}},
                           {"metadata"_L1, QJsonObject{{"bench"_L1, true}}}})
        .toJson(QJsonDocument::Compact);
}

//! One of the concurrent clients: list, create, list, create, ... until told to stop.
class LoadClient {
public:
    LoadClient(QUrl base, QString key, QString dataset, int id)
        : m_client(std::move(base), std::move(key))
        , m_dataset(std::move(dataset))
        , m_id(id) {}

    void start(const bool *stop) {
        m_stop = stop;
        next();
    }
    bool done() const { return m_done; }

    int requests = 0, errors = 0;
    QList<double> listMs, createMs;
    QSet<QString> created;

private:
    void next() {
        if (*m_stop) {
            m_done = true;
            return;
        }
        const bool create = (m_step++ % 2) == 1;
        const QString path =
            create ? m_dataset + u"/samples/"_s
                   : kScale + u"/samples/?per_page=100&labelset=ground-truth&page=%1"_s.arg(
                                  1 + QRandomGenerator::global()->bounded(1000));
        auto *timer = new QElapsedTimer;
        timer->start();
        QNetworkReply *reply =
            create ? m_client.send("POST", path, sampleBody(u"load-%1-%2"_s.arg(m_id).arg(m_step)))
                   : m_client.send("GET", path);
        QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply, timer, create] {
            const double ms = timer->nsecsElapsed() / 1e6;
            delete timer;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            ++requests;
            if (status != (create ? 201 : 200)) {
                ++errors;
                std::fprintf(stderr, "error: HTTP %d %s\n", status,
                             reply->readAll().left(200).constData());
            } else if (create) {
                created.insert(
                    QJsonDocument::fromJson(reply->readAll()).object().value("uuid"_L1).toString());
            }
            (create ? createMs : listMs).append(ms);
            reply->deleteLater();
            next();
        });
    }

    Client m_client;
    QString m_dataset;
    int m_id;
    int m_step = 0;
    const bool *m_stop = nullptr;
    bool m_done = false;
};

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int seconds = 30, images = 20;
    QString dataDir;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == "--seconds"_L1 && i + 1 < args.size())
            seconds = args.at(++i).toInt();
        else if (args.at(i) == "--images"_L1 && i + 1 < args.size())
            images = args.at(++i).toInt();
        else
            dataDir = args.at(i);
    }
    QTemporaryDir temp;
    if (dataDir.isEmpty())
        dataDir = temp.path();

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    std::printf("starting segscope-server on %s (generating demo/scale-%d once) ...\n",
                qPrintable(dataDir), kSamples);
    std::fflush(stdout);
    QElapsedTimer startup;
    startup.start();
    server.start(QStringLiteral(SEGSCOPE_SERVER_BINARY),
                 {u"--data"_s, dataDir, u"--listen"_s, u"127.0.0.1:0"_s, u"--quiet"_s,
                  u"--demo-samples"_s, QString::number(kSamples), u"--demo-images"_s,
                  QString::number(images)});
    QByteArray out;
    while (out.count('\n') < 2 && server.state() != QProcess::NotRunning &&
           startup.elapsed() < 1800000) {
        server.waitForReadyRead(1000);
        out += server.readAllStandardOutput();
    }
    const QRegularExpressionMatch listen =
        QRegularExpression(u"listening on (http://[0-9.:]+)"_s).match(QString::fromUtf8(out));
    const QRegularExpressionMatch demo =
        QRegularExpression(u"API key ([0-9a-f]+)"_s).match(QString::fromUtf8(out));
    if (!listen.hasMatch() || !demo.hasMatch()) {
        std::fprintf(stderr, "segscope-server did not start: %s\n", out.constData());
        return 1;
    }
    const QUrl base(listen.captured(1));
    const QString key = demo.captured(1);
    std::printf("ready in %.1f s at %s\n\n", startup.elapsed() / 1000.0,
                qPrintable(base.toString()));

    Client client(base, key);
    int errors = 0;
    const auto pageLatency = [&](int page) {
        QList<double> ms;
        for (int i = 0; i < 50; ++i) {
            const Reply r = client.call(
                "GET",
                kScale + u"/samples/?per_page=100&labelset=ground-truth&page=%1"_s.arg(page));
            if (r.status != 200 || QJsonDocument::fromJson(r.body).array().size() != 100)
                ++errors;
            ms.append(r.ms);
        }
        return ms;
    };
    client.call(
        "GET", kScale + u"/samples/?per_page=100&labelset=ground-truth&page=1"_s); // warm the cache
    const QList<double> page1 = pageLatency(1);
    const QList<double> page1000 = pageLatency(1000);

    const QString dsName = u"bench-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
    const Reply ds =
        client.call("POST", u"/user/datasets/"_s,
                    QJsonDocument(QJsonObject{{"name"_L1, dsName}}).toJson(QJsonDocument::Compact));
    if (ds.status != 201) {
        std::fprintf(stderr, "cannot create the bench dataset: %d %s\n", ds.status,
                     ds.body.constData());
        return 1;
    }
    const QString dataset = u"/datasets/demo/"_s + dsName;
    QList<double> createMs;
    QSet<QString> created;
    for (int i = 0; i < 200; ++i) {
        const Reply r =
            client.call("POST", dataset + u"/samples/"_s, sampleBody(u"seq-%1"_s.arg(i)));
        if (r.status != 201)
            ++errors;
        else
            created.insert(QJsonDocument::fromJson(r.body).object().value("uuid"_L1).toString());
        createMs.append(r.ms);
    }

    std::vector<std::unique_ptr<LoadClient>> load;
    bool stop = false;
    for (int i = 0; i < 20; ++i)
        load.push_back(std::make_unique<LoadClient>(base, key, dataset, i));
    QElapsedTimer loadTimer;
    loadTimer.start();
    for (auto &c : load)
        c->start(&stop);
    QTimer::singleShot(seconds * 1000, &app, [&stop] { stop = true; });
    while (std::any_of(load.begin(), load.end(), [](const auto &c) { return !c->done(); }))
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    const double loadSeconds = loadTimer.elapsed() / 1000.0;
    int loadRequests = 0, loadErrors = 0;
    QList<double> loadList, loadCreate;
    for (const auto &c : load) {
        loadRequests += c->requests;
        loadErrors += c->errors;
        loadList += c->listMs;
        loadCreate += c->createMs;
        created.unite(c->created);
    }

    // Every answered create is there.
    QSet<QString> present;
    for (int page = 1;; ++page) {
        const Reply r =
            client.call("GET", dataset + u"/samples/?per_page=1000&page=%1"_s.arg(page));
        if (r.status != 200)
            break;
        const QJsonArray a = QJsonDocument::fromJson(r.body).array();
        for (const QJsonValue &v : a)
            present.insert(v.toObject().value("uuid"_L1).toString());
        if (a.size() < 1000)
            break;
    }
    const qsizetype lost = QSet<QString>(created).subtract(present).size();

    std::printf("%-44s %10s %10s %s\n", "measure", "median ms", "p95 ms", "target");
    std::printf("%-44s %10.2f %10.2f %s\n", "GET 100 samples, labelset, page 1 (x50)",
                median(page1), percentile(page1, 0.95), "< 20 ms");
    std::printf("%-44s %10.2f %10.2f %s\n", "GET 100 samples, labelset, page 1000 (x50)",
                median(page1000), percentile(page1000, 0.95), "< 2x page 1");
    std::printf("%-44s %10.2f %10.2f %s\n", "POST a sample (x200)", median(createMs),
                percentile(createMs, 0.95), "< 10 ms");
    std::printf("%-44s %10.2f %10.2f\n", "20 clients: list (under load)", median(loadList),
                percentile(loadList, 0.95));
    std::printf("%-44s %10.2f %10.2f\n", "20 clients: create (under load)", median(loadCreate),
                percentile(loadCreate, 0.95));
    std::printf("\n20 clients for %.1f s: %d requests (%.0f/s), %d errors; %lld samples created, "
                "%lld lost\n",
                loadSeconds, loadRequests, loadRequests / loadSeconds, loadErrors + errors,
                qlonglong(created.size()), qlonglong(lost));
    const bool ok = median(page1) < 20 && median(page1000) < 2 * std::max(median(page1), 1.0) &&
                    median(createMs) < 10 && loadErrors + errors == 0 && lost == 0;
    std::printf("%s\n", ok ? "all targets met" : "TARGET MISSED");
    server.terminate();
    server.waitForFinished(30000);
    return ok ? 0 : 2;
}
