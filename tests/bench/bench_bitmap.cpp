// The segmentation bitmap pipeline on realistic Segments bitmaps (blobby instances over
// background, not noise): bare QImage PNG decode of the same file vs our fast decode, decode to
// coloured overlay, a repaint after an option change, a hover lookup. Prints medians in ms.
// Run a Release build: build-release/bin/bench_bitmap [runs]
#include "labels/bitmapstatistics.h"
#include "labels/labeloverlay.h"
#include "labels/pngdecoder.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QPainter>
#include <QPainterPath>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace segscope::labels;
using namespace segscope::model;

namespace {

struct Scene {
    QByteArray png;
    LabelAttributes label;
    TaskAttributes task;
};

//! A wobbly closed outline around (cx, cy): an object, not a rectangle.
QPainterPath blob(QRandomGenerator &random, double cx, double cy, double radius) {
    QPainterPath path;
    const int points = 24;
    double phase[3] = {random.bounded(6.28), random.bounded(6.28), random.bounded(6.28)};
    for (int i = 0; i <= points; ++i) {
        const double a = i * 2 * M_PI / points;
        const double r =
            radius * (1 + 0.25 * std::sin(2 * a + phase[0]) + 0.12 * std::sin(3 * a + phase[1]) +
                      0.06 * std::sin(5 * a + phase[2]));
        const QPointF p(cx + r * std::cos(a), cy + 0.8 * r * std::sin(a));
        i == 0 ? path.moveTo(p) : path.lineTo(p);
    }
    return path;
}

//! About `instances` objects with ids spread over the 24-bit range, on 12 categories: a few
//! large regions (road, buildings) and many small ones, like a street scene.
Scene makeScene(int width, int height, int instances, quint32 seed) {
    QRandomGenerator random(seed);
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::black);
    Scene scene;
    for (int c = 1; c <= 12; ++c) {
        Category category{c, u"category %1"_s.arg(c), std::nullopt, true, {}};
        if (c % 3 == 0)
            category.color = QColor::fromHsv(c * 29, 200, 230);
        scene.task.categories.append(category);
    }
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing, false); // ids must not blend
    painter.setPen(Qt::NoPen);
    const double scale = std::sqrt(double(width) * height / (4096.0 * 3072.0));
    for (int i = 0; i < instances; ++i) {
        const quint32 id = i < 150 ? quint32(i + 1) : quint32(65536 + i * 977); // some above 2^16
        const double size = i < 8    ? 500 + random.bounded(600.0)
                            : i < 40 ? 120 + random.bounded(280.0)
                                     : 20 + random.bounded(120.0);
        painter.setBrush(QColor(int(id & 0xff), int((id >> 8) & 0xff), int(id >> 16)));
        painter.drawPath(blob(random, random.bounded(double(width)), random.bounded(double(height)),
                              size * scale));
        scene.label.annotations.append(Annotation{id, 1 + i % 12, {}, {}, {}, {}});
    }
    painter.end();
    QBuffer buffer(&scene.png);
    buffer.open(QIODevice::WriteOnly);
    image.convertToFormat(QImage::Format_RGBA8888).save(&buffer, "PNG");
    return scene;
}

double processCpuMs() {
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// CPU time too: on a shared, loaded machine the wall clock also counts time spent descheduled.
double g_lastCpuMs = 0;

template <class F> double medianMs(int runs, F &&f) {
    std::vector<double> times, cpu;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        const double cpu0 = processCpuMs();
        timer.start();
        f();
        times.push_back(timer.nsecsElapsed() / 1e6);
        cpu.push_back(processCpuMs() - cpu0);
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    g_lastCpuMs = cpu[cpu.size() / 2];
    return times[times.size() / 2];
}

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
