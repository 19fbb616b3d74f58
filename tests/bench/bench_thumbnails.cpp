// Thumbnail decoding on the demo's street scenes (1280x720 JPEGs made by segscope-server's demo
// generator): scaled decode (QImageReader::setScaledSize, what ThumbnailCache does) against a
// full decode then a smooth scale, one image at a time (median ms per image), then the whole
// set through the thread pool (images per second).
// Run a Release build: build-release/bin/bench_thumbnails [images] [box]
#include "models/thumbnaildecoder.h"
#include "server.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QImageReader>
#include <QTemporaryDir>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <cstdio>

using namespace Qt::StringLiterals;
using segscope::models::decodeThumbnail;
using segscope::models::ThumbnailScaling;

namespace {

//! The JPEG bytes the demo generator stored as assets.
QList<QByteArray> demoJpegs(int count, QString *error) {
    QTemporaryDir dir;
    segscope::server::ServerOptions options;
    options.dataDir = dir.path();
    options.demo = true;
    options.demoImages = count;
    options.logRequests = false;
    segscope::server::Server server(options);
    if (!server.start(error))
        return {};
    QList<QByteArray> jpegs;
    QDirIterator it(dir.path() + u"/assets"_s, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        if (bytes.startsWith("\xFF\xD8"))
            jpegs.append(bytes);
    }
    return jpegs;
}

double median(QList<double> values) {
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

//! ms per image, one at a time on this thread.
QList<double> sequential(const QList<QByteArray> &jpegs, QSize box, ThumbnailScaling scaling) {
    QList<double> times;
    QElapsedTimer timer;
    for (const QByteArray &jpeg : jpegs) {
        timer.start();
        const auto decoded = decodeThumbnail(jpeg, box, scaling);
        times.append(double(timer.nsecsElapsed()) / 1e6);
        if (decoded.image.isNull())
            qFatal("decode failed: %s", qPrintable(decoded.error));
    }
    return times;
}

//! Images per second with every image a task on the global pool.
double pooled(const QList<QByteArray> &jpegs, QSize box, ThumbnailScaling scaling) {
    std::atomic_int failures = 0;
    QElapsedTimer timer;
    timer.start();
    for (const QByteArray &jpeg : jpegs) {
        QThreadPool::globalInstance()->start([&failures, &jpeg, box, scaling] {
            if (decodeThumbnail(jpeg, box, scaling).image.isNull())
                ++failures;
        });
    }
    QThreadPool::globalInstance()->waitForDone();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (failures)
        qFatal("%d decodes failed", failures.load());
    return double(jpegs.size()) / seconds;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 200;
    const int side = argc > 2 ? QByteArray(argv[2]).toInt() : 256;
    const QSize box(side, side);

    QString error;
    QElapsedTimer generation;
    generation.start();
    const QList<QByteArray> jpegs = demoJpegs(count, &error);
    if (jpegs.isEmpty()) {
        std::fprintf(stderr, "no demo images: %s\n", qPrintable(error));
        return 1;
    }
    qint64 bytes = 0;
    for (const QByteArray &jpeg : jpegs)
        bytes += jpeg.size();
    QByteArray first = jpegs.first();
    QBuffer buffer(&first);
    const QSize size = QImageReader(&buffer).size();
    std::printf("%lld demo JPEGs %dx%d, %.0f KB average (generated in %.1f s); box %dx%d\n",
                qlonglong(jpegs.size()), size.width(), size.height(),
                double(bytes) / double(jpegs.size()) / 1024, double(generation.elapsed()) / 1000,
                side, side);

    // Warm-up: page in the codec and the allocator.
    sequential(jpegs.mid(0, 5), box, ThumbnailScaling::WhileDecoding);

    const QList<double> scaled = sequential(jpegs, box, ThumbnailScaling::WhileDecoding);
    const QList<double> full = sequential(jpegs, box, ThumbnailScaling::AfterDecoding);
    std::printf("one at a time, median per image:\n");
    std::printf("  setScaledSize (scaled decode)     %7.2f ms\n", median(scaled));
    std::printf("  full decode + smooth scale        %7.2f ms   (x%.1f)\n", median(full),
                median(full) / median(scaled));

    const int threads = QThreadPool::globalInstance()->maxThreadCount();
    const double scaledRate = pooled(jpegs, box, ThumbnailScaling::WhileDecoding);
    const double fullRate = pooled(jpegs, box, ThumbnailScaling::AfterDecoding);
    std::printf("thread pool (%d threads), throughput:\n", threads);
    std::printf("  setScaledSize (scaled decode)     %7.0f images/s\n", scaledRate);
    std::printf("  full decode + smooth scale        %7.0f images/s\n", fullRate);
    return 0;
}
