// Browsing figures (issue 4) against `segscope-server --demo-samples 100000`:
//   bench_browse [DATA_DIR] [--samples N]
// Open and jump are printed as soon as they are measured. Above 100,000 samples the scroll moves
// N / 100,000 screens per frame, so a million samples are scrolled in the time of 100,000.
// Starts the server binary (beside this program) on 127.0.0.1:0 with DATA_DIR (reused between
// runs: the dataset is generated once), opens the main window offscreen and measures:
//   1. open the dataset -> first screen of thumbnails painted
//   2. jump the scrollbar to the end -> last samples painted
//   3. scroll through the whole grid a screen per frame: the longest event-loop gap
//   4. resident memory after that
#include "browse/samplebrowser.h"
#include "browse/samplegridview.h"
#include "models/samplelistmodel.h"
#include "models/thumbnailcache.h"
#include "shell/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace segscope;

namespace {

double rssMegabytes() {
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

//! True when every visible cell has its row and its thumbnail (or a failure to show).
bool screenComplete(ui::SampleGridView *grid, models::ThumbnailCache *thumbs) {
    const auto [first, last] = grid->visibleRows();
    if (last < first)
        return false;
    auto *model = static_cast<models::SampleListModel *>(grid->model());
    for (int r = first; r <= last; ++r) {
        const models::SampleRow *row = model->row(r);
        if (!row)
            return false;
        if (thumbs->thumbnail(row->imageUrl).isNull() && !thumbs->hasFailed(row->imageUrl))
            return false;
    }
    return true;
}

//! Runs the event loop until `done` holds after a paint of the grid, or the timeout.
double waitPainted(ui::SampleGridView *grid, models::ThumbnailCache *thumbs, QElapsedTimer &clock,
                   int timeoutMs = 30000) {
    double at = -1;
    QEventLoop loop;
    struct PaintWatch : QObject {
        std::function<void()> onPaint;
        bool eventFilter(QObject *, QEvent *e) override {
            if (e->type() == QEvent::Paint)
                QTimer::singleShot(0, this, [this] { onPaint(); });
            return false;
        }
    } watch;
    watch.onPaint = [&] {
        if (at < 0 && screenComplete(grid, thumbs)) {
            at = clock.nsecsElapsed() / 1e6;
            loop.quit();
        }
    };
    grid->viewport()->installEventFilter(&watch);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    grid->viewport()->removeEventFilter(&watch);
    return at;
}

} // namespace

int main(int argc, char **argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.contains(u"--help"_s) || args.contains(u"-h"_s)) {
        std::printf("bench_browse [DATA_DIR] [--samples N]  (N defaults to 100000)\n");
        return 0;
    }
    int samples = 100000;
    const qsizetype s = args.indexOf(u"--samples"_s);
    if (s >= 0 && s + 1 < args.size()) {
        samples = args.at(s + 1).toInt();
        args.remove(s, 2);
    }
    QTemporaryDir temp;
    const QString dataDir = args.isEmpty() ? temp.filePath(u"server"_s) : args.first();
    qputenv("XDG_CACHE_HOME", temp.filePath(u"cache"_s).toUtf8()); // cold thumbnail caches
    qputenv("XDG_CONFIG_HOME", temp.filePath(u"config"_s).toUtf8());

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QDir(app.applicationDirPath()).filePath(u"segscope-server"_s),
                 {u"--data"_s, dataDir, u"--listen"_s, u"127.0.0.1:0"_s, u"--demo"_s, u"--quiet"_s,
                  u"--demo-samples"_s, QString::number(samples)});
    std::printf("starting segscope-server --demo-samples %d (generated once into %s) ...\n",
                samples, qPrintable(dataDir));
    std::fflush(stdout);
    QByteArray out;
    while (out.count('\n') < 2 && server.waitForReadyRead(600000))
        out += server.readAllStandardOutput();
    const QList<QByteArray> lines = out.split('\n');
    if (lines.size() < 2) {
        std::fprintf(stderr, "the server did not start\n");
        return 1;
    }
    const QUrl url(QString::fromUtf8(lines.at(0).mid(lines.at(0).indexOf("http"))));
    qputenv("SEGMENTS_API_KEY", lines.at(1).mid(lines.at(1).lastIndexOf(' ') + 1).trimmed());

    ui::StartOptions start;
    start.server = url;
    start.dataset = u"demo/scale-%1"_s.arg(samples);
    ui::MainWindow window(start);
    window.resize(1600, 1000);
    QElapsedTimer clock;
    clock.start();
    window.show();
    auto *browser = window.findChild<ui::SampleBrowser *>(u"sampleBrowser"_s);
    auto *grid = window.findChild<ui::SampleGridView *>(u"sampleGrid"_s);
    auto *thumbs = browser->findChild<models::ThumbnailCache *>();
    // 1. Open: from the window's first show (connect, list datasets, open, first page, thumbnails).
    while (!thumbs || browser->model()->rowCount() == 0) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        thumbs = browser->findChild<models::ThumbnailCache *>();
        if (clock.elapsed() > 60000)
            return 1;
    }
    const double open = waitPainted(grid, thumbs, clock);

    // 2. Jump to the end.
    clock.restart();
    grid->verticalScrollBar()->setValue(grid->verticalScrollBar()->maximum());
    const double jump = waitPainted(grid, thumbs, clock);
    std::printf("\nbench_browse: demo/scale-%d, window 1600x1000 offscreen, cold caches\n",
                samples);
    std::printf("  open dataset -> first screen of thumbnails painted  %8.1f ms  (target < 500)\n",
                open);
    std::printf("  jump to the end -> last samples painted             %8.1f ms  (target < 300)\n",
                jump);
    std::fflush(stdout);
    const int screensPerFrame = std::max(1, samples / 100000);

    // 3. Scroll through the grid from the top, a screen per 16 ms frame; a 1 ms timer records
    // the longest gap between its ticks, i.e. the longest time the GUI thread was busy.
    grid->verticalScrollBar()->setValue(0);
    QElapsedTimer tick;
    double longestGap = 0;
    QTimer probe;
    probe.setInterval(1);
    std::vector<double> gaps;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const double gap = tick.nsecsElapsed() / 1e6;
        longestGap = std::max(longestGap, gap);
        if (gap > 4)
            gaps.push_back(gap);
        tick.restart();
    });
    QTimer scroller;
    scroller.setInterval(16);
    QEventLoop loop;
    QObject::connect(&scroller, &QTimer::timeout, [&] {
        QScrollBar *bar = grid->verticalScrollBar();
        if (bar->value() >= bar->maximum()) {
            loop.quit();
            return;
        }
        bar->setValue(bar->value() + screensPerFrame * bar->pageStep());
    });
    clock.restart();
    tick.start();
    probe.start();
    scroller.start();
    loop.exec();
    probe.stop();
    const double scrollSeconds = clock.elapsed() / 1000.0;
    const double rss = rssMegabytes();

    std::printf(
        "  scroll all %d rows (%.0f s, %d screen(s) a frame): longest GUI-thread gap %.1f ms"
        "  (target < 16)\n",
        samples, scrollSeconds, screensPerFrame, longestGap);
    std::sort(gaps.begin(), gaps.end(), std::greater<>());
    const auto over = [&](double ms) {
        return std::count_if(gaps.begin(), gaps.end(), [ms](double g) { return g > ms; });
    };
    std::printf("    gaps over 8 ms: %lld, over 12 ms: %lld, over 16 ms: %lld; longest five:",
                qlonglong(over(8)), qlonglong(over(12)), qlonglong(over(16)));
    for (size_t i = 0; i < std::min<size_t>(5, gaps.size()); ++i)
        std::printf(" %.1f", gaps[i]);
    std::printf("\n");
    std::printf("  resident memory after scrolling everything          %8.0f MB  (target < 400)\n",
                rss);
    std::printf("    thumbnail memory cache %.0f of %.0f MB\n", thumbs->memoryUsage() / 1048576.0,
                thumbs->memoryMaxBytes() / 1048576.0);
    window.close();
    server.terminate();
    server.waitForFinished(10000);
    return 0;
}
