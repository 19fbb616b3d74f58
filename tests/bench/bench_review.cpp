// Review from the keyboard (issue 15): how fast the review queue moves on the demo.
//   bench_review [DATA_DIR] [--images N] [--decisions N] [--pace MS]
// Starts the server binary (beside this program) on 127.0.0.1:0 with the demo of N scenes
// (default 400) in DATA_DIR (reused between runs: the demo is generated once), makes sure
// --decisions + 1 of them (default 100) are LABELED in ground-truth, opens the main window at
// 1366x768 offscreen, lists the LABELED samples, starts the queue and decides on each with the
// A and R keys in turn. The server runs as a child process, not in this one: in-process it would
// answer on the GUI thread, and the GUI thread's figures would count its work. For each decision:
//   key -> painted   from the key press to the next sample painted with its overlay (the
//                    canvas's first paint after DetailPane::sampleShown for the next uuid, with
//                    no overlay colouring pending), the next sample prefetched before the key;
//   key -> landed    from the key press to the server's answer to the PATCH (landed);
// and over the whole run the longest time the GUI thread was busy (a 1 ms timer's longest gap).
// Each key waits for the previous sample's paint, the next sample's prefetch and --pace ms
// (default 0, as fast as the prefetch allows). At the end every decided label is read back
// from the server and its status compared with the key pressed.
#include "api/apiclient.h"
#include "api/labelsapi.h"
#include "api/samplesapi.h"
#include "browse/samplebrowser.h"
#include "detail/detailpane.h"
#include "detail/imagecanvas.h"
#include "models/samplelistmodel.h"
#include "models/sampleloader.h"
#include "review/reviewcontroller.h"
#include "shell/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMenu>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace segscope;

namespace {

const QString Dataset = u"demo/street-scenes"_s;
const QString Labelset = u"ground-truth"_s;
const QString Labeled = u"LABELED"_s;

//! Runs the event loop until `done` holds (checked each millisecond) or `timeoutMs` passed.
bool waitUntil(const std::function<bool()> &done, int timeoutMs) {
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start();
    loop.exec();
    return done();
}

double median(std::vector<double> v) {
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double worst(const std::vector<double> &v) {
    return v.empty() ? -1 : *std::max_element(v.begin(), v.end());
}

double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

//! Makes at least `wanted` samples of the demo LABELED in ground-truth (earlier runs in the
//! same data folder decided on them), before the window opens; false when there are too few.
bool prepareLabeled(api::ApiClient &client, int wanted) {
    QObject context;
    wire::SampleQuery query;
    query.labelset = Labelset;
    query.perPage = 1000;
    QStringList labeled, others;
    bool done = false, ok = false;
    api::walkSamples(
        client, Dataset, query, &context,
        [&](const QList<wire::Sample> &page, int) {
            for (const wire::Sample &s : page) {
                if (!s.label || s.label->labelStatus.isEmpty() ||
                    s.label->labelStatus == "UNLABELED"_L1)
                    continue;
                (s.label->labelStatus == Labeled ? labeled : others).append(s.uuid);
            }
            return true;
        },
        [&](const api::Result<api::Done> &r) {
            ok = r.ok();
            done = true;
        });
    if (!waitUntil([&] { return done; }, 60000) || !ok)
        return false;
    const int missing = std::max(0, wanted - int(labeled.size()));
    if (missing > others.size())
        return false;
    int answered = 0, failed = 0;
    for (int i = 0; i < missing; ++i) {
        api::setLabelStatus(client, others.at(i), Labelset, Labeled, &context,
                            [&](const api::Result<wire::Label> &r) {
                                ++answered;
                                failed += r.ok() ? 0 : 1;
                            });
    }
    return waitUntil([&] { return answered == missing; }, 60000) && failed == 0;
}

//! Lists the LABELED samples only, through the filter bar's status menu.
bool listLabeled(ui::MainWindow &window, ui::SampleBrowser *browser, int wanted) {
    auto *button = window.findChild<QToolButton *>(u"statusFilter"_s);
    if (!button || !button->menu())
        return false;
    for (QAction *a : button->menu()->actions()) {
        if (a->data().toString() == Labeled)
            a->setChecked(true);
    }
    models::SampleListModel *model = browser->model();
    return waitUntil(
        [&] {
            if (model->filter().labelStatuses != QStringList{Labeled})
                return false;
            if (model->rowCount() < wanted && model->canFetchMore({}))
                model->fetchMore({});
            return model->rowCount() >= wanted && model->row(0) &&
                   model->row(0)->labelStatus == Labeled;
        },
        60000);
}

} // namespace

int main(int argc, char **argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const auto option = [&](const QString &name, int fallback) {
        const qsizetype i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size())
            return fallback;
        const int value = args.at(i + 1).toInt();
        args.remove(i, 2);
        return value;
    };
    const int images = option(u"--images"_s, 400);
    const int decisions = option(u"--decisions"_s, 100);
    const int pace = option(u"--pace"_s, 0);
    QTemporaryDir temp;
    const QString dataDir = args.isEmpty() ? temp.filePath(u"server"_s) : args.first();
    qputenv("XDG_CACHE_HOME", temp.filePath(u"cache"_s).toUtf8()); // cold caches
    qputenv("XDG_CONFIG_HOME", temp.filePath(u"config"_s).toUtf8());

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QDir(app.applicationDirPath()).filePath(u"segscope-server"_s),
                 {u"--data"_s, dataDir, u"--listen"_s, u"127.0.0.1:0"_s, u"--demo"_s, u"--quiet"_s,
                  u"--demo-images"_s, QString::number(images)});
    std::printf("starting segscope-server --demo-images %d (generated once into %s) ...\n", images,
                qPrintable(dataDir));
    std::fflush(stdout);
    QByteArray out;
    while (out.count('\n') < 2 && server.waitForReadyRead(900000))
        out += server.readAllStandardOutput();
    const QList<QByteArray> lines = out.split('\n');
    if (lines.size() < 2) {
        std::fprintf(stderr, "the server did not start\n");
        return 1;
    }
    const QUrl url(QString::fromUtf8(lines.at(0).mid(lines.at(0).indexOf("http"))));
    const QByteArray key = lines.at(1).mid(lines.at(1).lastIndexOf(' ') + 1).trimmed();
    qputenv("SEGMENTS_API_KEY", key);
    const auto stopServer = [&] {
        server.terminate();
        server.waitForFinished(10000);
    };

    api::ClientOptions clientOptions;
    clientOptions.baseUrl = url;
    clientOptions.apiKey = QString::fromUtf8(key);
    clientOptions.cacheDirectory = temp.filePath(u"bench-client"_s);
    api::ApiClient client(clientOptions);
    if (!prepareLabeled(client, decisions + 1)) {
        std::fprintf(stderr, "fewer than %d labeled samples in %s: give more --images\n",
                     decisions + 1, qPrintable(Dataset));
        stopServer();
        return 1;
    }

    ui::StartOptions start;
    start.server = url;
    start.dataset = Dataset;
    ui::MainWindow window(start);
    window.resize(1366, 768);
    window.show();
    window.activateWindow();
    auto *browser = window.findChild<ui::SampleBrowser *>(u"sampleBrowser"_s);
    auto *detail = window.findChild<ui::DetailPane *>(u"detailPane"_s);
    auto *review = window.findChild<ui::ReviewController *>(u"reviewController"_s);
    if (!browser || !detail || !review || !QTest::qWaitForWindowActive(&window) ||
        !waitUntil([&] { return browser->model()->rowCount() > 0; }, 60000) ||
        !listLabeled(window, browser, decisions + 1)) {
        std::fprintf(stderr, "the window did not list %s\n", qPrintable(Dataset));
        stopServer();
        return 1;
    }
    models::SampleListModel *model = browser->model();
    ui::ImageCanvas *canvas = detail->canvas();

    // The canvas's paints, and whether the sample wanted was shown before each.
    QElapsedTimer clock;
    clock.start();
    QString wanted;
    bool wantedShown = false;
    double paintedAt = -1;
    QObject::connect(detail, &ui::DetailPane::sampleShown, detail, [&](const QString &uuid) {
        if (uuid == wanted)
            wantedShown = true;
    });
    struct PaintWatch : QObject {
        std::function<void()> onPaint;
        bool eventFilter(QObject *, QEvent *e) override {
            // Timed once the paint is done: the zero timer runs after the paint event.
            if (e->type() == QEvent::Paint) {
                started.start();
                QTimer::singleShot(0, this, [this] {
                    longest = std::max(longest, started.nsecsElapsed() / 1e6);
                    onPaint();
                });
            }
            return false;
        }
        QElapsedTimer started;
        double longest = 0; //!< the longest canvas paint (to the next turn of the loop)
    } watch;
    watch.onPaint = [&] {
        if (paintedAt < 0 && wantedShown && detail->currentUuid() == wanted &&
            !canvas->overlayPending())
            paintedAt = clock.nsecsElapsed() / 1e6;
    };
    canvas->viewport()->installEventFilter(&watch);

    // Each decision's key time, and its server answer.
    QHash<QString, double> pressedAt;
    QHash<QString, QString> decided; // uuid -> status asked
    std::vector<double> keyToPainted, keyToLanded;
    int landedWrong = 0;
    QObject::connect(review->decisions(), &review::ReviewDecisions::landed, &app,
                     [&](const QString &uuid, const wire::Label &label) {
                         if (!pressedAt.contains(uuid))
                             return;
                         keyToLanded.push_back(clock.nsecsElapsed() / 1e6 - pressedAt.value(uuid));
                         if (label.labelStatus != decided.value(uuid))
                             ++landedWrong;
                     });

    // The GUI thread's longest busy stretch, over the queue's run.
    QElapsedTimer tick;
    double longestGap = 0;
    std::vector<double> gaps;
    QTimer probe;
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const double gap = tick.nsecsElapsed() / 1e6;
        longestGap = std::max(longestGap, gap);
        if (gap > 16)
            gaps.push_back(gap);
        tick.restart();
    });

    const QString first = model->row(0)->uuid;
    wanted = first;
    wantedShown = detail->currentUuid() == first && detail->loadedSample() &&
                  detail->loadedSample()->sample.uuid == first;
    paintedAt = -1;
    review->queueAction()->trigger();
    if (!review->queueRunning() || !waitUntil([&] { return paintedAt >= 0; }, 30000)) {
        std::fprintf(stderr, "the queue did not show its first sample\n");
        stopServer();
        return 1;
    }
    tick.start();
    probe.start();
    int notPrefetched = 0, timedOut = 0;
    for (int i = 0; i < decisions; ++i) {
        const int row = model->rowOfUuid(detail->currentUuid());
        if (row < 0 || !waitUntil(
                           [&] {
                               if (row + 1 >= model->rowCount() && model->canFetchMore({}))
                                   model->fetchMore({});
                               return row + 1 < model->rowCount() && model->row(row + 1);
                           },
                           30000))
            break;
        const QString current = detail->currentUuid();
        const QString next = model->row(row + 1)->uuid;
        // The next sample prefetched (the pane asks for it once the current one is shown),
        // and the reviewer's pace.
        const double readyFrom = clock.nsecsElapsed() / 1e6;
        if (!waitUntil([&] { return detail->loader()->isCached(next, Labelset); }, 10000))
            ++notPrefetched;
        waitUntil([&] { return clock.nsecsElapsed() / 1e6 - readyFrom >= pace; }, pace + 1000);

        const bool accept = i % 2 == 0;
        wanted = next;
        wantedShown = false;
        paintedAt = -1;
        decided.insert(current, accept ? u"REVIEWED"_s : u"REJECTED"_s);
        const double pressed = clock.nsecsElapsed() / 1e6;
        pressedAt.insert(current, pressed);
        QTest::keyClick(&window, accept ? Qt::Key_A : Qt::Key_R);
        if (!waitUntil([&] { return paintedAt >= 0; }, 30000)) {
            ++timedOut;
            continue;
        }
        keyToPainted.push_back(paintedAt - pressed);
    }
    waitUntil([&] { return review->decisions()->pendingCount() == 0; }, 60000);
    probe.stop();

    // Every decision read back from the server.
    QObject context;
    int read = 0, matching = 0;
    for (auto it = decided.cbegin(); it != decided.cend(); ++it) {
        const QString status = it.value();
        api::getLabel(client, it.key(), Labelset, &context,
                      [&, status](const api::Result<wire::Label> &r) {
                          ++read;
                          matching += r.ok() && r->labelStatus == status ? 1 : 0;
                      });
    }
    waitUntil([&] { return read == int(decided.size()); }, 60000);

    std::printf("\nbench_review: %s (%d scenes), window 1366x768 offscreen, %d decisions "
                "(A and R in turn), pace %d ms\n",
                qPrintable(Dataset), images, int(decided.size()), pace);
    std::printf("  key -> next sample painted with its overlay, median  %8.1f ms  (target < 100)\n",
                median(keyToPainted));
    std::printf("  key -> next sample painted with its overlay, p90     %8.1f ms\n",
                percentile(keyToPainted, 0.9));
    std::printf("  key -> next sample painted with its overlay, worst   %8.1f ms  (target < 100)\n",
                worst(keyToPainted));
    std::printf("  key -> PATCH landed on the server, median            %8.1f ms  (one round "
                "trip)\n",
                median(keyToLanded));
    std::printf("  key -> PATCH landed on the server, worst             %8.1f ms\n",
                worst(keyToLanded));
    std::printf("  longest GUI-thread gap during the queue              %8.1f ms  (target < 16)\n",
                longestGap);
    std::sort(gaps.begin(), gaps.end(), std::greater<>());
    std::printf("    the canvas's longest paint (its share of a gap)     %8.1f ms\n",
                watch.longest);
    std::printf("    gaps over 16 ms: %d; longest five:", int(gaps.size()));
    for (size_t i = 0; i < std::min<size_t>(5, gaps.size()); ++i)
        std::printf(" %.1f", gaps[i]);
    std::printf("\n");
    std::printf("  landed %d of %d (%d with another status); on the server afterwards %d of %d "
                "as decided\n",
                int(keyToLanded.size()), int(decided.size()), landedWrong, matching,
                int(decided.size()));
    if (notPrefetched > 0 || timedOut > 0)
        std::printf("  NOTE: %d keys pressed before the next sample was prefetched, %d never "
                    "painted within 30 s\n",
                    notPrefetched, timedOut);
    window.close();
    stopServer();
    return matching == int(decided.size()) && int(decided.size()) == decisions ? 0 : 1;
}
