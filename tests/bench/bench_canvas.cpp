// The detail pane's view on a 4096x3072 image with a 200-instance overlay: what a frame costs
// at fit, 1:1 and 4x zoom, while panning, and after an opacity change (re-colour + frame).
// The view paints only the visible part at the current scale; this shows it stays inside a
// 16 ms frame at any zoom. Re-colouring runs on the detail pool: an option change is timed
// until the new colouring is on screen, and again as what it costs the GUI thread alone.
// Run a Release build offscreen:
//   cmake --preset release && cmake --build --preset release --target bench_canvas
//   QT_QPA_PLATFORM=offscreen build/release/bin/bench_canvas [runs]
#include "benchscene.h"
#include "detail/imagecanvas.h"
#include "labels/labeloverlay.h"
#include "labels/pngdecoder.h"

#include <QApplication>
#include <QEventLoop>
#include <QPainter>
#include <QRandomGenerator>
#include <QScrollBar>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace segscope;
using namespace segscope::bench;

int main(int argc, char **argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(5, atoi(argv[1])) : 40;
    const Scene scene = makeScene(4096, 3072, 200, 42);
    labels::DecodeResult decoded = labels::decodeInstanceBitmap(scene.png);
    if (!decoded.ok()) {
        std::fprintf(stderr, "bench_canvas: %s\n", qPrintable(decoded.error().message));
        return 1;
    }
    auto overlay =
        std::make_shared<const labels::LabelOverlay>(decoded.takeBitmap(), scene.label, scene.task);
    ui::ImageCanvas canvas;
    canvas.resize(1400, 900);
    canvas.show();
    canvas.setContent(makePhoto(4096, 3072), overlay, scene.label, scene.task);
    labels::OverlayOptions options;
    options.opacity = 0.5;
    canvas.setOverlayOptions(options);
    QImage frame(canvas.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    const auto paint = [&] {
        canvas.viewport()->render(&frame);
    };
    // Until the colouring on screen matches the options set last.
    const auto waitForOverlay = [&] {
        if (!canvas.overlayPending())
            return;
        QEventLoop loop;
        QObject::connect(&canvas, &ui::ImageCanvas::overlayRecoloured, &loop, [&] {
            if (!canvas.overlayPending())
                loop.quit();
        });
        loop.exec();
    };
    waitForOverlay();

    std::printf("bench_canvas: 4096x3072 image + 200-instance overlay, view %dx%d, median of %d "
                "(wall ms / cpu ms)\n",
                canvas.viewport()->width(), canvas.viewport()->height(), runs);
    const auto report = [](const char *what, double wall) {
        std::printf("  %-44s %7.2f %7.2f%s\n", what, wall, g_lastCpuMs,
                    wall < 16 ? "" : "  OVER a 16 ms frame");
    };
    canvas.zoomToFit();
    report("frame at fit (whole image, minified)", medianMs(runs, paint));
    canvas.setZoom(1);
    report("frame at 1:1", medianMs(runs, paint));
    canvas.setZoom(4);
    report("frame at 4x (pixel inspection)", medianMs(runs, paint));
    canvas.setZoom(1);
    int step = 0;
    report("pan 40 px + frame at 1:1", medianMs(runs, [&] {
               QScrollBar *bar = canvas.horizontalScrollBar();
               bar->setValue(bar->value() + (++step % 20 < 10 ? 40 : -40));
               paint();
           }));
    double opacity = 0.5;
    report("opacity change: re-colour + frame at fit", medianMs(runs, [&] {
               canvas.zoomToFit();
               opacity = opacity > 0.6 ? 0.3 : opacity + 0.05;
               options.opacity = opacity;
               canvas.setOverlayOptions(options);
               waitForOverlay();
               paint();
           }));
    options.mode = labels::DrawMode::FillAndOutline;
    report("fill+outline change: re-colour + frame at fit", medianMs(runs, [&] {
               options.opacity = (options.opacity > 0.6 ? 0.3 : options.opacity + 0.05);
               canvas.setOverlayOptions(options);
               waitForOverlay();
               paint();
           }));
    // Outlines of a width are painted at the screen's resolution on the GUI thread, once per
    // view (zoom, scroll, options): a pan paints them again, a repaint in place does not.
    options.mode = labels::DrawMode::FillAndOutline;
    options.outlineWidth = 2;
    canvas.setOverlayOptions(options);
    waitForOverlay();
    canvas.zoomToFit();
    report("2 px outlines: frame at fit (cached)", medianMs(runs, paint));
    canvas.setZoom(1);
    report("2 px outlines: pan 40 px + frame at 1:1", medianMs(runs, [&] {
               QScrollBar *bar = canvas.horizontalScrollBar();
               bar->setValue(bar->value() + (++step % 20 < 10 ? 40 : -40));
               paint();
           }));
    options.outlineWidth = 8;
    canvas.setOverlayOptions(options);
    waitForOverlay();
    report("8 px outlines: pan 40 px + frame at 1:1", medianMs(runs, [&] {
               QScrollBar *bar = canvas.horizontalScrollBar();
               bar->setValue(bar->value() + (++step % 20 < 10 ? 40 : -40));
               paint();
           }));
    canvas.zoomToFit();
    report("8 px outlines: zoom step + frame", medianMs(runs, [&] {
               canvas.zoomBy(step++ % 2 ? 1.25 : 0.8);
               paint();
           }));
    options.outlineWidth = 0;
    options.mode = labels::DrawMode::Fill;
    canvas.setOverlayOptions(options);
    waitForOverlay();
    // What the GUI thread spends on a change: the frame only, the previous colouring shown.
    report("opacity change: GUI thread only (frame)", medianMs(runs, [&] {
               options.opacity = (options.opacity > 0.6 ? 0.3 : options.opacity + 0.05);
               canvas.setOverlayOptions(options);
               paint();
           }));
    waitForOverlay();
    return 0;
}
