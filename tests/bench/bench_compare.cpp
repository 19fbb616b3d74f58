// Comparing two labels of a 4096x3072 sample: from two labels the viewer already holds, from two
// decoded id maps, and from the two PNGs, to the difference overlay and the per-category figures;
// and the numpy way of the same pair (decode, ids to categories, bincount, IoU) timed in the same
// run when python3 has numpy and PIL. Prints medians in ms.
// Run a Release build: build/release/bin/bench_compare [runs]
#include "labels/labelcomparison.h"
#include "labels/pngdecoder.h"

#include "benchscene.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace segscope::labels;
using namespace segscope::wire;
using namespace segscope::bench;

namespace {

// A plausible prediction of the scene: every mask shifted 6 px right and 3 px down (missed and
// extra pixels along every edge), and one instance in seven given the next category (confused).
struct Candidate {
    QByteArray png;
    LabelAttributes label;
};

Candidate predict(const Scene &scene) {
    const InstanceBitmap truth = decodeInstanceBitmap(scene.png).takeBitmap();
    InstanceBitmap shifted = InstanceBitmap::allocate(truth.width, truth.height);
    for (int y = 0; y < truth.height; ++y)
        for (int x = 0; x < truth.width; ++x)
            shifted.ids[size_t(y) * size_t(truth.width) + size_t(x)] = truth.idAt(x - 6, y - 3);
    Candidate candidate;
    QBuffer buffer(&candidate.png);
    buffer.open(QIODevice::WriteOnly);
    shifted.toImage().save(&buffer, "PNG");
    candidate.label = scene.label;
    for (qsizetype i = 0; i < candidate.label.annotations.size(); i += 7)
        candidate.label.annotations[i].categoryId =
            1 + candidate.label.annotations[i].categoryId % 12;
    return candidate;
}

// id -> category id, for the numpy script.
QByteArray categoriesJson(const LabelAttributes &label) {
    QJsonObject map;
    for (const Annotation &a : label.annotations)
        map.insert(QString::number(a.id), a.categoryId);
    return QJsonDocument(map).toJson(QJsonDocument::Compact);
}

// The numpy way, as a data scientist writes it: median wall ms over `runs`, or a reason.
const char *const NumpyScript = R"(
import json, sys, time
import numpy as np
from PIL import Image
ref_png, cand_png, ref_json, cand_json, runs = sys.argv[1:6]
ref_cat = {int(k): v for k, v in json.load(open(ref_json)).items()}
cand_cat = {int(k): v for k, v in json.load(open(cand_json)).items()}
cats = sorted(set(ref_cat.values()) | set(cand_cat.values()))
slot = {c: i + 1 for i, c in enumerate(cats)}
n = len(cats) + 1
def classes(png, mapping):
    rgb = np.array(Image.open(png).convert('RGB')).astype(np.uint32)
    ids = rgb[..., 0] | (rgb[..., 1] << 8) | (rgb[..., 2] << 16)
    uniq, inverse = np.unique(ids, return_inverse=True)
    lut = np.array([slot.get(mapping.get(int(u)), 0) if u else 0 for u in uniq], dtype=np.int64)
    return lut[inverse].reshape(ids.shape)
times = []
for _ in range(int(runs)):
    t = time.perf_counter()
    r = classes(ref_png, ref_cat)
    c = classes(cand_png, cand_cat)
    confusion = np.bincount((r * n + c).ravel(), minlength=n * n).reshape(n, n)
    tp = np.diag(confusion)
    union = confusion.sum(0) + confusion.sum(1) - tp
    iou = tp[1:] / np.maximum(union[1:], 1)
    times.append((time.perf_counter() - t) * 1000)
print(sorted(times)[len(times) // 2])
)";

QString numpyMs(const Scene &scene, const Candidate &candidate, int runs) {
    QTemporaryDir dir;
    const auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile file(dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    };
    if (!write(u"ref.png"_s, scene.png) || !write(u"cand.png"_s, candidate.png) ||
        !write(u"ref.json"_s, categoriesJson(scene.label)) ||
        !write(u"cand.json"_s, categoriesJson(candidate.label)))
        return u"skipped: cannot write a temporary file"_s;
    // Debian's python3 (where apt puts numpy and PIL) before whatever python3 PATH finds first.
    QString interpreter = qEnvironmentVariable("SEGSCOPE_PYTHON");
    if (interpreter.isEmpty())
        interpreter = QFile::exists(u"/usr/bin/python3"_s) ? u"/usr/bin/python3"_s : u"python3"_s;
    QProcess python;
    python.start(interpreter, {u"-c"_s, QString::fromUtf8(NumpyScript), dir.filePath(u"ref.png"_s),
                               dir.filePath(u"cand.png"_s), dir.filePath(u"ref.json"_s),
                               dir.filePath(u"cand.json"_s), QString::number(runs)});
    if (!python.waitForFinished(600000) || python.exitCode() != 0)
        return u"skipped: python3 with numpy and PIL is needed (apt install python3-numpy "
               "python3-pil)"_s;
    return QString::fromUtf8(python.readAllStandardOutput()).trimmed();
}

void report(const char *what, double wall, double cpu, double target) {
    std::printf("  %-46s %8.2f %8.2f", what, wall, cpu);
    if (target > 0)
        std::printf("  target %.0f: %s", target, wall <= target ? "ok" : "MISSED");
    std::printf("\n");
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 15;
    const Scene scene = makeScene(4096, 3072, 200, 42);
    const Candidate candidate = predict(scene);
    InstanceBitmap refIds = decodeInstanceBitmap(scene.png).takeBitmap();
    InstanceBitmap candIds = decodeInstanceBitmap(candidate.png).takeBitmap();
    const LabelOverlay ref(refIds, scene.label, scene.task);
    const LabelOverlay cand(candIds, candidate.label, scene.task);
    const CompareClasses classes(scene.task);

    const LabelComparison check(ref, cand, classes);
    const auto kinds = check.matrix().agreementCounts();
    std::printf("4096x3072 pair, 200 instances, 12 categories; mean IoU %.3f, pixel accuracy "
                "%.3f; agree %lld, missed %lld, extra %lld, confused %lld px\n",
                check.matrix().meanIoU(), check.matrix().pixelAccuracy(),
                qlonglong(kinds[size_t(PixelAgreement::Agree)]),
                qlonglong(kinds[size_t(PixelAgreement::Missed)]),
                qlonglong(kinds[size_t(PixelAgreement::Extra)]),
                qlonglong(kinds[size_t(PixelAgreement::Confused)]));
    std::printf("medians over %d runs, %d threads\n  %-46s %8s %8s\n", runs,
                QThread::idealThreadCount(), "", "wall ms", "cpu ms");

    QImage sink;
    double mean = 0;
    const auto paint = [&](const LabelComparison &comparison) {
        sink = comparison.differenceOverlay({});
        mean += comparison.matrix().categoryFigures().size();
    };
    double wall = medianMs(runs, [&] { paint(LabelComparison(ref, cand, classes)); });
    report("the viewer's labels -> difference + figures", wall, g_lastCpuMs, 0);
    wall = medianMs(runs, [&] {
        paint(LabelComparison(refIds, scene.label, candIds, candidate.label, classes));
    });
    report("two id maps -> difference + figures", wall, g_lastCpuMs, 30);
    const double fromPng = medianMs(runs, [&] {
        paint(LabelComparison(decodeInstanceBitmap(scene.png).takeBitmap(), scene.label,
                              decodeInstanceBitmap(candidate.png).takeBitmap(), candidate.label,
                              classes));
    });
    report("two PNGs -> difference + figures", fromPng, g_lastCpuMs, 80);
    wall = medianMs(runs, [&] {
        const ConfusionMatrix m = compareLabels(
            decodeInstanceBitmap(scene.png).takeBitmap(), scene.label,
            decodeInstanceBitmap(candidate.png).takeBitmap(), candidate.label, classes, nullptr, 1);
        mean += m.meanIoU();
    });
    report("two PNGs -> matrix + figures, 1 thread (evaluate)", wall, g_lastCpuMs, 0);
    DifferenceOptions options;
    int slot = 0;
    wall = medianMs(runs, [&] {
        options.highlightedSlot = slot++ % 13 - 1;
        sink = check.differenceOverlay(options);
    });
    report("repaint the difference, another highlight", wall, g_lastCpuMs, 16);

    const QString numpy = numpyMs(scene, candidate, std::min(runs, 5));
    bool ok = false;
    const double numpyWall = numpy.toDouble(&ok);
    if (ok)
        std::printf("  %-46s %8.0f           ours from the PNGs: %.0fx faster (target 50x)\n",
                    "numpy way (PIL decode, bincount, IoU)", numpyWall, numpyWall / fromPng);
    else
        std::printf("  numpy way: %s\n", qPrintable(numpy));
    return mean < 0 ? 1 : 0;
}
