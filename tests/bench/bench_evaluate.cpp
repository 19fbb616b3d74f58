// The dataset evaluation (app/core/evaluate) against segscope-server in-process on 127.0.0.1:0:
// demo/street-scenes (200 samples, 1280x720, ground-truth against predictions) from a cold
// cache (no evaluation cache, no asset cache) and a warm rerun; then demo/scale-N (10,000 by
// default): samples per second and resident memory (VmRSS) at 25, 50 and 100%.
//
// demo/scale-N has only ground truth, so the first run gives it a `predictions` labelset through
// the API: sample i gets the prediction of its scene (i % 200), as street-scenes has it (every
// 5th scene has none). That and the demo generation take a while once; pass a data folder to
// keep them: SEGSCOPE_BENCH_DATA=/tmp/segscope-bench-evaluate.
// Run a Release build: build/release/bin/bench_evaluate [scale-samples] (0: street-scenes only)
#include "api/apiclient.h"
#include "api/labelsapi.h"
#include "api/labelsetsapi.h"
#include "api/samplesapi.h"
#include "evaluate/datasetevaluation.h"
#include "server.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <cstdio>
#include <deque>

using namespace Qt::StringLiterals;
using namespace segscope;

namespace {

//! Resident memory in MB, from /proc/self/status.
double residentMb() {
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QString status = QString::fromLatin1(file.readAll());
    const auto match = QRegularExpression(u"VmRSS:\\s+(\\d+) kB"_s).match(status);
    return match.hasMatch() ? match.captured(1).toDouble() / 1024.0 : 0;
}

void print(const QString &line) {
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

//! Every sample of a dataset (with the full label of `labelset` when given).
QList<wire::Sample> listAll(api::ApiClient &client, const QString &dataset,
                            const QString &labelset) {
    QList<wire::Sample> all;
    wire::SampleQuery query;
    query.labelset = labelset;
    query.includeFullLabel = !labelset.isEmpty();
    QEventLoop loop;
    api::walkSamples(
        client, dataset, query, &loop,
        [&all](QList<wire::Sample> page, int) {
            all.append(page);
            return true;
        },
        [&loop](api::Result<api::Done> r) {
            if (!r.ok())
                print(u"listing failed: "_s + r.error().toString());
            loop.quit();
        });
    loop.exec();
    return all;
}

//! Gives demo/scale-N a `predictions` labelset (once): each sample the prediction of its scene.
bool ensurePredictions(api::ApiClient &client, const QString &scale) {
    bool has = false;
    {
        QEventLoop loop;
        api::listLabelsets(client, scale, &loop, [&](api::Result<QList<wire::Labelset>> r) {
            for (const wire::Labelset &l : r.ok() ? r.value() : QList<wire::Labelset>())
                has = has || l.name == "predictions"_L1;
            loop.quit();
        });
        loop.exec();
    }
    if (has)
        return true;
    QElapsedTimer timer;
    timer.start();
    {
        QEventLoop loop;
        api::createLabelset(client, scale, u"predictions"_s, u"bench_evaluate"_s, &loop,
                            [&](api::Result<wire::Labelset> r) {
                                if (!r.ok())
                                    print(u"labelset: "_s + r.error().toString());
                                loop.quit();
                            });
        loop.exec();
    }
    QHash<int, wire::LabelAttributes> byScene; // scene index (from 0) -> prediction
    for (const wire::Sample &s : listAll(client, u"demo/street-scenes"_s, u"predictions"_s)) {
        if (s.fullLabel)
            byScene.insert(s.name.mid(6, 4).toInt() - 1, s.fullLabel->attributes);
    }
    const QList<wire::Sample> samples = listAll(client, scale, QString());
    std::deque<std::pair<QString, api::LabelInput>> puts;
    const int scenes = 200;
    for (const wire::Sample &s : samples) {
        const int i = s.name.mid(6, 7).toInt(); // frame_0000123.jpg
        const auto it = byScene.constFind(i % scenes);
        if (it != byScene.cend())
            puts.push_back({s.uuid, api::LabelInput{it->toJson(), u"PRELABELED"_s, 0.8}});
    }
    const int total = int(puts.size());
    int done = 0, failed = 0, running = 0;
    QEventLoop loop;
    std::function<void()> next = [&] {
        while (running < 6 && !puts.empty()) {
            auto [uuid, input] = std::move(puts.front());
            puts.pop_front();
            ++running;
            api::putLabel(client, uuid, u"predictions"_s, input, &loop,
                          [&](api::Result<wire::Label> r) {
                              --running;
                              ++done;
                              failed += r.ok() ? 0 : 1;
                              if (done == total)
                                  return loop.quit();
                              next();
                          });
        }
    };
    next();
    if (total > 0)
        loop.exec();
    print(u"  (gave %1 %2 predictions in %3 s, %4 failed)"_s.arg(scale)
              .arg(total)
              .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
              .arg(failed));
    return failed == 0;
}

struct RunFigures {
    double seconds = 0;
    int samples = 0;
    int cached = 0;
    int compared = 0;
    int failed = 0;
};

//! One evaluation to its end; `onProgress` sees every progress signal.
RunFigures evaluateOnce(api::ApiClient &client, const evaluate::EvaluationSpec &spec,
                        const std::function<void(int, int, qint64)> &onProgress = {}) {
    evaluate::DatasetEvaluation evaluation;
    QEventLoop loop;
    QElapsedTimer timer;
    QObject::connect(&evaluation, &evaluate::DatasetEvaluation::finished, &loop, &QEventLoop::quit);
    QObject::connect(&evaluation, &evaluate::DatasetEvaluation::failed, &loop,
                     [&loop](const api::ApiError &e) {
                         print(u"evaluation failed: "_s + e.toString());
                         loop.quit();
                     });
    if (onProgress)
        QObject::connect(&evaluation, &evaluate::DatasetEvaluation::progress, &loop,
                         [&](int done, int total) { onProgress(done, total, timer.elapsed()); });
    timer.start();
    evaluation.start(client, spec);
    loop.exec();
    RunFigures f;
    f.seconds = double(timer.nsecsElapsed()) / 1e9;
    f.samples = int(evaluation.samples().size());
    f.cached = evaluation.cachedCount();
    const auto counts = evaluation.presenceCounts();
    f.compared = counts[0];
    f.failed = counts[4];
    return f;
}

QString describe(const RunFigures &f) {
    return u"%1 s, %2 samples (%3 compared, %4 from the cache, %5 failed), %6 samples/s"_s
        .arg(f.seconds, 0, 'f', 2)
        .arg(f.samples)
        .arg(f.compared)
        .arg(f.cached)
        .arg(f.failed)
        .arg(f.seconds > 0 ? f.samples / f.seconds : 0, 0, 'f', 0);
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int scaleSamples = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    QTemporaryDir scratch;
    QString dataDir = qEnvironmentVariable("SEGSCOPE_BENCH_DATA");
    if (dataDir.isEmpty())
        dataDir = scratch.filePath(u"server"_s);

    server::ServerOptions options;
    options.dataDir = dataDir;
    options.demo = true;
    options.demoImages = 200;
    options.demoSamples = scaleSamples;
    options.logRequests = false;
    server::Server server(options);
    QElapsedTimer timer;
    timer.start();
    QString error;
    if (!server.start(&error)) {
        print(u"the server did not start: "_s + error);
        return 1;
    }
    print(u"server ready in %1 s (%2)"_s.arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
              .arg(dataDir));

    api::ClientOptions clientOptions;
    clientOptions.baseUrl = server.baseUrl();
    clientOptions.apiKey = server.demoKey();
    clientOptions.cacheDirectory = scratch.filePath(u"assets"_s); // cold: a fresh asset cache
    api::ApiClient client(clientOptions);
    const QString scale = u"demo/scale-%1"_s.arg(scaleSamples);
    if (scaleSamples > 0 && !ensurePredictions(client, scale))
        return 1;
    // The scale dataset's own asset cache, so its first run is as cold as street-scenes'.
    clientOptions.cacheDirectory = scratch.filePath(u"assets-scale"_s);
    api::ApiClient scaleClient(clientOptions);

    evaluate::EvaluationSpec spec;
    spec.dataset = u"demo/street-scenes"_s;
    spec.candidate = u"predictions"_s;
    spec.cacheDirectory = scratch.filePath(u"evaluations"_s);
    print(u"demo/street-scenes, ground-truth against predictions:"_s);
    print(u"  cold cache: "_s + describe(evaluateOnce(client, spec)));
    print(u"  warm rerun: "_s + describe(evaluateOnce(client, spec)));

    if (scaleSamples <= 0)
        return 0; // street-scenes only
    spec.dataset = scale;
    print(u"%1, ground-truth against predictions (cold), resident memory %2 MB before:"_s.arg(scale)
              .arg(residentMb(), 0, 'f', 0));
    int nextMark = 1;
    const RunFigures f = evaluateOnce(scaleClient, spec, [&](int done, int, qint64 elapsedMs) {
        if (nextMark > 4 || done * 4 < nextMark * scaleSamples)
            return;
        print(u"  %1%: %2 samples in %3 s, %4 samples/s, VmRSS %5 MB"_s.arg(nextMark * 25)
                  .arg(done)
                  .arg(double(elapsedMs) / 1000.0, 0, 'f', 1)
                  .arg(elapsedMs > 0 ? done * 1000.0 / double(elapsedMs) : 0, 0, 'f', 0)
                  .arg(residentMb(), 0, 'f', 0));
        ++nextMark;
    });
    print(u"  all: "_s + describe(f));
    return 0;
}
