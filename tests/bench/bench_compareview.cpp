// The detail pane's compare views on a 4096x3072 pair (issue 14): what switching between the
// difference, swipe, toggle and side-by-side views costs the GUI thread (a repaint: every view's
// overlay was coloured or rendered beforehand, off the GUI thread), at fit and at 1:1, and what
// the work done off the GUI thread costs (comparing, a highlighted difference overlay).
// Run a Release build offscreen:
//   cmake --preset release && cmake --build --preset release --target bench_compareview
//   QT_QPA_PLATFORM=offscreen build/release/bin/bench_compareview [runs]
#include "benchscene.h"
#include "detail/imagecanvas.h"
#include "labels/labelcomparison.h"
#include "labels/pngdecoder.h"

#include <QApplication>
#include <QEventLoop>
#include <QHBoxLayout>
#include <QRandomGenerator>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace segscope;
using namespace segscope::bench;
using CompareView = ui::ImageCanvas::CompareView;

namespace {

//! The candidate: the reference's masks shifted 6 px right and 3 px down, one instance in seven
//! given another category (missed, extra and confused pixels along every edge).
std::shared_ptr<const labels::LabelOverlay> predict(const labels::InstanceBitmap &truth,
                                                    const Scene &scene) {
    labels::InstanceBitmap shifted = labels::InstanceBitmap::allocate(truth.width, truth.height);
    for (int y = 0; y < truth.height; ++y)
        for (int x = 0; x < truth.width; ++x)
            shifted.ids[size_t(y) * size_t(truth.width) + size_t(x)] = truth.idAt(x - 6, y - 3);
    wire::LabelAttributes label = scene.label;
    for (qsizetype i = 0; i < label.annotations.size(); i += 7)
        label.annotations[i].categoryId = 1 + label.annotations[i].categoryId % 12;
    return std::make_shared<const labels::LabelOverlay>(std::move(shifted), label, scene.task);
}

void waitFor(ui::ImageCanvas &canvas) {
    if (!canvas.overlayPending())
        return;
    QEventLoop loop;
    QObject::connect(&canvas, &ui::ImageCanvas::overlayRecoloured, &loop, [&] {
        if (!canvas.overlayPending())
            loop.quit();
    });
    loop.exec();
}

} // namespace

int main(int argc, char **argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(5, atoi(argv[1])) : 40;
    const Scene scene = makeScene(4096, 3072, 200, 42);
    labels::DecodeResult decoded = labels::decodeInstanceBitmap(scene.png);
    if (!decoded.ok()) {
        std::fprintf(stderr, "bench_compareview: %s\n", qPrintable(decoded.error().message));
        return 1;
    }
    const labels::InstanceBitmap truth = decoded.takeBitmap();
    const auto candidate = predict(truth, scene);
    const auto reference =
        std::make_shared<const labels::LabelOverlay>(truth, scene.label, scene.task);
    std::printf("bench_compareview: 4096x3072 pair, 200 instances, median of %d (wall ms / cpu "
                "ms)\n",
                runs);
    const auto report = [](const char *what, double wall, bool frame) {
        std::printf("  %-52s %7.2f %7.2f%s\n", what, wall, g_lastCpuMs,
                    frame && wall >= 16 ? "  OVER a 16 ms frame" : "");
    };

    // Off the GUI thread, once per sample and once per highlight (the loader's and the
    // controller's pool tasks).
    std::shared_ptr<const labels::LabelComparison> comparison;
    report("compare the pair (LabelComparison), pool",
           medianMs(std::min(runs, 10),
                    [&] {
                        comparison = std::make_shared<const labels::LabelComparison>(
                            *reference, *candidate, labels::CompareClasses(scene.task));
                    }),
           false);
    QImage difference;
    report("difference overlay, pool",
           medianMs(std::min(runs, 10), [&] { difference = comparison->differenceOverlay({}); }),
           false);
    labels::DifferenceOptions highlight;
    highlight.highlightedSlot = 3;
    report("difference overlay, one category highlighted, pool",
           medianMs(std::min(runs, 10), [&] { (void)comparison->differenceOverlay(highlight); }),
           false);

    // The pane's canvases as in side by side: both ready, the second hidden until needed.
    QWidget window;
    auto *layout = new QHBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *canvas = new ui::ImageCanvas(&window);
    auto *side = new ui::ImageCanvas(&window);
    layout->addWidget(canvas);
    layout->addWidget(side);
    window.resize(1400, 900);
    side->hide();
    window.show();
    const QImage photo = makePhoto(4096, 3072);
    labels::OverlayOptions options;
    options.opacity = 0.5;
    canvas->setContent(photo, reference, {}, scene.task);
    canvas->setCandidate(candidate);
    canvas->setDifference(difference);
    canvas->setOverlayOptions(options);
    side->setContent(photo, candidate, {}, scene.task);
    side->setOverlayOptions(options);
    waitFor(*canvas);
    waitFor(*side);

    QImage frame(1400, 900, QImage::Format_ARGB32_Premultiplied);
    const auto paint = [&] {
        window.render(&frame);
    };
    const CompareView cycle[] = {CompareView::Difference, CompareView::Swipe, CompareView::Toggle,
                                 CompareView::Off};
    for (const double zoom : {0.0, 1.0}) {
        const auto at = [&](const char *what) {
            static char buffer[96];
            std::snprintf(buffer, sizeof buffer, "%s, %s", what, zoom == 0 ? "fit" : "1:1");
            return buffer;
        };
        if (zoom == 0)
            canvas->zoomToFit();
        else
            canvas->setZoom(zoom);
        int step = 0;
        report(at("switch difference/swipe/toggle/off + frame"),
               medianMs(runs,
                        [&] {
                            canvas->setCompareView(cycle[step++ % 4]);
                            paint();
                        }),
               true);
        for (const CompareView view : {CompareView::Difference, CompareView::Swipe}) {
            canvas->setCompareView(view);
            report(at(view == CompareView::Difference ? "switch to difference + frame"
                                                      : "switch to swipe + frame"),
                   medianMs(runs,
                            [&] {
                                canvas->setCompareView(CompareView::Off);
                                canvas->setCompareView(view);
                                paint();
                            }),
                   true);
        }
        canvas->setCompareView(CompareView::Toggle);
        report(at("toggle flip (T) + frame"),
               medianMs(runs,
                        [&] {
                            canvas->setCandidateShown(!canvas->candidateShown());
                            paint();
                        }),
               true);
        report(at("swipe divider drag step + frame"),
               medianMs(runs,
                        [&] {
                            canvas->setCompareView(CompareView::Swipe);
                            canvas->setSwipePosition(0.3 + 0.05 * (step++ % 8));
                            paint();
                        }),
               true);
        // Side by side: the second canvas shown (its colouring is ready) and its view matched;
        // the layout splits the width, then both paint.
        report(at("side by side on/off + layout + frame"),
               medianMs(runs,
                        [&] {
                            const bool on = side->isHidden();
                            canvas->setCompareView(CompareView::Off);
                            side->setVisible(on);
                            layout->activate();
                            if (on)
                                side->matchView(*canvas);
                            paint();
                        }),
               true);
        side->hide();
        layout->activate();
    }
    return 0;
}
