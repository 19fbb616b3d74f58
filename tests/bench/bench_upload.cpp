// Upload figures (issue 6): N generated ~2 MB noise JPEGs (default 100, written once into a
// temporary folder) sent to segscope-server on loopback, in the same run:
//   (a) a plain sequential loop of curl presigned-post uploads: `curl POST /assets/`, then
//       `curl --form-string <field>=... -F file=@photo.jpg <presigned url>` (no sample created);
//   (b) the UploadQueue, concurrency 3, persisting its state: name check, asset, upload and
//       sample create for every file;
// then the ratio (target: the queue within 1.25x of curl) and this process's resident memory
// before and after (b) (target: growth < 50 MB), from VmRSS / VmHWM in /proc/self/status.
// (c), for the record, runs the queue again one file at a time into another dataset.
// Run (the server binary sits next to this program):
//   cmake --build --preset debug -j2 --target bench_upload && build/debug/bin/bench_upload [N]
#include "support/uploadfiles.h"

#include "api/datasetsapi.h"
#include "upload/uploadqueue.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace segscope;

namespace {

// Noise this size encodes to about 2 MB at quality 90.
constexpr int Width = 1800;
constexpr int Height = 1300;

qint64 statusKb(const char *field) {
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

double mb(qint64 kb) {
    return double(kb) / 1024.0;
}

QByteArray runCurl(const QStringList &args, bool *ok) {
    QProcess curl;
    curl.start(u"curl"_s, args);
    *ok = curl.waitForFinished(120000) && curl.exitStatus() == QProcess::NormalExit &&
          curl.exitCode() == 0;
    if (!*ok)
        std::fprintf(stderr, "curl failed: %s\n", curl.readAllStandardError().constData());
    return curl.readAllStandardOutput();
}

// (a): POST /assets/ then the multipart post with curl, file after file.
bool curlLoop(const QUrl &server, const QString &key, const QStringList &files) {
    for (const QString &path : files) {
        bool ok = false;
        const QJsonObject body{{"filename"_L1, QFileInfo(path).fileName()}};
        const QByteArray created = runCurl(
            {u"-sS"_s, u"-f"_s, u"-X"_s, u"POST"_s, u"-H"_s, u"Authorization: APIKey "_s + key,
             u"-H"_s, u"Content-Type: application/json"_s, u"--data"_s,
             QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)),
             server.toString() + u"/assets/"_s},
            &ok);
        if (!ok)
            return false;
        const QJsonObject post =
            QJsonDocument::fromJson(created).object().value("presignedPostFields"_L1).toObject();
        const QJsonObject fields = post.value("fields"_L1).toObject();
        // No `Expect: 100-continue` (curl sends it for bodies over 1 MB and then waits a second
        // for a 100 the server never sends): that wait would be curl's handicap, not a figure.
        QStringList args{u"-sS"_s,
                         u"-f"_s,
                         u"-H"_s,
                         u"Expect:"_s,
                         u"--form-string"_s,
                         u"key="_s + fields.value("key"_L1).toString()};
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            if (it.key() != "key"_L1)
                args << u"--form-string"_s << it.key() + u'=' + it.value().toString();
        }
        args << u"-F"_s << u"file=@"_s + path << post.value("url"_L1).toString();
        runCurl(args, &ok);
        if (!ok)
            return false;
    }
    return true;
}

bool createDataset(api::ApiClient &client, const QString &name) {
    api::NewDataset dataset;
    dataset.name = name;
    QEventLoop loop;
    bool ok = false;
    QObject context;
    api::createDataset(client, dataset, &context, [&](api::Result<wire::Dataset> r) {
        ok = r.ok();
        if (!ok)
            std::fprintf(stderr, "create dataset: %s\n", qPrintable(r.error().toString()));
        loop.quit();
    });
    loop.exec();
    return ok;
}

// Uploads every file through a queue (persisted in `stateFile`); the seconds it took.
double runQueue(api::ApiClient &client, const QString &dataset, const QStringList &files,
                int concurrency, const QString &stateFile, upload::UploadSummary *summary) {
    upload::UploadQueue queue(client, stateFile);
    queue.setConcurrency(concurrency);
    for (const QString &path : files) {
        upload::UploadItem item;
        item.dataset = dataset;
        item.filePath = path;
        queue.enqueue(item);
    }
    QEventLoop loop;
    QObject::connect(&queue, &upload::UploadQueue::idle, &loop,
                     [&](const upload::UploadSummary &s) {
                         *summary = s;
                         loop.quit();
                     });
    QElapsedTimer clock;
    clock.start();
    queue.start();
    loop.exec();
    return double(clock.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 100;
    QTemporaryDir temp;
    qputenv("XDG_CACHE_HOME", temp.filePath(u"cache"_s).toUtf8());

    std::printf("generating %d noise JPEGs of %dx%d ...\n", count, Width, Height);
    std::fflush(stdout);
    QStringList files;
    qint64 totalBytes = 0;
    for (int i = 0; i < count; ++i) {
        files.append(temp.filePath(u"images/photo%1.jpg"_s.arg(i, 3, 10, QChar(u'0'))));
        const QByteArray jpeg = test::noiseJpeg(Width, Height, quint32(i + 1));
        totalBytes += jpeg.size();
        if (!test::writeBytes(files.last(), jpeg))
            return 1;
    }
    const double totalMb = double(totalBytes) / (1024.0 * 1024.0);

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QDir(app.applicationDirPath()).filePath(u"segscope-server"_s),
                 {u"--data"_s, temp.filePath(u"server"_s), u"--listen"_s, u"127.0.0.1:0"_s,
                  u"--demo"_s, u"--demo-images"_s, u"1"_s, u"--quiet"_s});
    QByteArray out;
    while (out.count('\n') < 2 && server.waitForReadyRead(120000))
        out += server.readAllStandardOutput();
    const QList<QByteArray> lines = out.split('\n');
    if (lines.size() < 3) {
        std::fprintf(stderr, "the server did not start\n");
        return 1;
    }
    const QUrl url(QString::fromUtf8(lines.at(0).mid(lines.at(0).indexOf("http")).trimmed()));
    const QString key =
        QString::fromUtf8(lines.at(1).mid(lines.at(1).lastIndexOf(' ') + 1).trimmed());

    // (a) curl, one file after the other.
    std::printf("(a) curl loop ...\n");
    std::fflush(stdout);
    QElapsedTimer clock;
    clock.start();
    if (!curlLoop(url, key, files))
        return 1;
    const double curlSeconds = double(clock.nsecsElapsed()) / 1e9;

    // (b) the queue.
    api::ClientOptions options;
    options.baseUrl = url;
    options.apiKey = key;
    options.cacheDirectory = temp.filePath(u"assets-cache"_s);
    api::ApiClient client(options);
    if (!createDataset(client, u"upload-bench"_s))
        return 1;
    std::printf("(b) upload queue ...\n");
    std::fflush(stdout);
    const qint64 rssBefore = statusKb("VmRSS:");
    const qint64 hwmBefore = statusKb("VmHWM:");
    upload::UploadSummary summary;
    const double queueSeconds = runQueue(client, u"demo/upload-bench"_s, files, 3,
                                         temp.filePath(u"queue.json"_s), &summary);
    const qint64 rssAfter = statusKb("VmRSS:");
    const qint64 hwmAfter = statusKb("VmHWM:");
    // (c) for the record: the queue one file at a time (what the parallelism is worth).
    std::printf("(c) upload queue, one at a time ...\n");
    std::fflush(stdout);
    upload::UploadSummary sequentialSummary;
    if (!createDataset(client, u"upload-bench-sequential"_s))
        return 1;
    const double sequentialSeconds =
        runQueue(client, u"demo/upload-bench-sequential"_s, files, 1,
                 temp.filePath(u"queue-sequential.json"_s), &sequentialSummary);
    server.terminate();
    server.waitForFinished(10000);

    std::printf("\nbench_upload: %d JPEGs, %.1f MB in all (%.2f MB each), segscope-server on "
                "loopback\n",
                count, totalMb, totalMb / count);
    std::printf("  (a) curl loop, sequential, assets only     %7.2f s  %6.1f MB/s\n", curlSeconds,
                totalMb / curlSeconds);
    std::printf("  (b) UploadQueue, concurrency 3, + samples  %7.2f s  %6.1f MB/s  (%d added, "
                "%d failed)\n",
                queueSeconds, totalMb / queueSeconds, summary.added, summary.failed);
    std::printf("  (c) UploadQueue, concurrency 1, + samples  %7.2f s  %6.1f MB/s  (%d added, "
                "%d failed)\n",
                sequentialSeconds, totalMb / sequentialSeconds, sequentialSummary.added,
                sequentialSummary.failed);
    std::printf("  ratio queue (b) / curl (a)                 %7.2f    (target <= 1.25)\n",
                queueSeconds / curlSeconds);
    std::printf("  VmRSS before (b) %.1f MB, after %.1f MB: growth %.1f MB (target < 50)\n",
                mb(rssBefore), mb(rssAfter), mb(rssAfter - rssBefore));
    std::printf("  VmHWM before (b) %.1f MB, after %.1f MB\n", mb(hwmBefore), mb(hwmAfter));
    return summary.added == count && sequentialSummary.added == count ? 0 : 1;
}
