// The segmentation bitmap pipeline on realistic Segments bitmaps (blobby instances over
// background, not noise): bare QImage PNG decode of the same file vs our fast decode, decode to
// coloured overlay, a repaint after an option change, a hover lookup. Prints medians in ms.
// Run a Release build: build-release/bin/bench_bitmap [runs]
#include "labels/bitmapstatistics.h"
#include "labels/labeloverlay.h"
#include "labels/pngdecoder.h"

#include "benchscene.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QPainter>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace segscope::labels;
using namespace segscope::wire;
using namespace segscope::bench;

namespace {

void run(const char *name, int width, int height, int runs, double targetMs) {
    const Scene scene = makeScene(width, height, 200, 42);
    // Kept for a look (and as fuzz seeds): such bitmaps look black in ordinary viewers.
    const QString saved =
        QDir::temp().filePath(u"segscope-bench-%1.png"_s.arg(QLatin1StringView(name)));
    if (QFile file(saved); file.open(QIODevice::WriteOnly))
        file.write(scene.png);
    const DecodeResult check = decodeInstanceBitmap(scene.png);
    if (!check.ok() || check.path() != DecodePath::Fast) {
        std::printf("%s: decode failed: %s\n", name, qPrintable(check.error().message));
        return;
    }
    const LabelOverlay reference(check.bitmap(), scene.label, scene.task);
    const BitmapStatistics stats = computeStatistics(reference);
    std::printf("\n%s (%s): PNG %.0f KB, %lld instances (%lld unannotated), %.1f%% background\n",
                name, qPrintable(saved), scene.png.size() / 1024.0,
                qlonglong(stats.instances.size()), qlonglong(stats.unannotatedIds.size()),
                100.0 * double(stats.backgroundPixels) / double(stats.totalPixels));

    OverlayOptions options;
    options.mode = DrawMode::FillAndOutline;
    QImage sink;
    const double qimage = medianMs(runs, [&] { sink = QImage::fromData(scene.png, "PNG"); });
    const double qimageCpu = g_lastCpuMs;
    const double fast = medianMs(runs, [&] { (void)decodeInstanceBitmap(scene.png); });
    const double fastCpu = g_lastCpuMs;
    const double index = medianMs(runs, [&] { InstanceIndex i(check.bitmap()); });
    const double indexCpu = g_lastCpuMs;
    const double overlay = medianMs(runs, [&] {
        DecodeResult r = decodeInstanceBitmap(scene.png);
        const LabelOverlay o(r.bitmap(), scene.label, scene.task);
        sink = o.render(options);
    });
    const double overlayCpu = g_lastCpuMs;
    QImage target = reference.render(options);
    double opacity = 0.3;
    const double repaint = medianMs(runs, [&] {
        options.opacity = opacity = opacity > 0.8 ? 0.3 : opacity + 0.1;
        reference.render(options, &target);
    });
    const double repaintCpu = g_lastCpuMs;
    const double hide = medianMs(runs, [&] {
        options.hiddenCategories =
            options.hiddenCategories.isEmpty() ? QSet<qint64>{3, 4} : QSet<qint64>{};
        reference.render(options, &target);
    });
    const double hideCpu = g_lastCpuMs;
    QRandomGenerator random(7);
    const int lookups = 100000;
    qint64 found = 0;
    const double hover = medianMs(runs,
                                  [&] {
                                      for (int i = 0; i < lookups; ++i) {
                                          const OverlayHit hit = reference.hitTest(
                                              random.bounded(width), random.bounded(height));
                                          found += hit.category ? hit.category->id : 0;
                                      }
                                  }) /
                         lookups;

    std::printf("  %-34s %9s %9s\n", "median of", "wall ms", "cpu ms");
    std::printf("  bare QImage PNG decode             %9.2f %9.2f\n", qimage, qimageCpu);
    std::printf("  fast decode to id map              %9.2f %9.2f  (%.1fx QImage)\n", fast, fastCpu,
                qimage / fast);
    std::printf("  index (dense ids, edges, counts)   %9.2f %9.2f\n", index, indexCpu);
    std::printf("  decode + colour to overlay         %9.2f %9.2f  target %.0f: %s\n", overlay,
                overlayCpu, targetMs, overlay <= targetMs ? "ok" : "MISSED");
    std::printf("  repaint, opacity change            %9.2f %9.2f  target 16: %s\n", repaint,
                repaintCpu, repaint <= 16 ? "ok" : "MISSED");
    std::printf("  repaint, visibility change         %9.2f %9.2f  target 16: %s\n", hide, hideCpu,
                hide <= 16 ? "ok" : "MISSED");
    std::printf("  hover lookup                     %8.5f ms  (%.0f ns; %lld)\n", hover,
                hover * 1e6, qlonglong(found % 10));
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 30;
    std::printf("medians over %d runs, %d threads for colouring\n", runs,
                QThread::idealThreadCount());
    run("4096x3072", 4096, 3072, runs, 50);
    run("1920x1080", 1920, 1080, runs, 10);
    return 0;
}
