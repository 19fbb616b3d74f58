// `segscope render` of a 4096x3072 label overlay, process to process, against the Python way of
// writing the same overlay PNG (PIL decode, numpy ids -> category colours, PIL encode) timed in
// the same run; the PNG writer alone against Qt's zlib writer (time and size); and the first
// bitmap decode of a fresh process against a warm one. A program that prints medians, not a test.
//   build/release/bin/bench_render [RUNS]
#include "benchscene.h"

#include "labels/pngdecoder.h"
#include "labels/pngencoder.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace segscope;

namespace {

// What a data scientist writes with the SDK's helpers at hand: the bitmap through PIL, ids to
// category colours with numpy, the overlay through PIL again.
const char *const PythonScript = R"py(
import json, sys, time
import numpy as np
from PIL import Image
bitmap, label, dataset, out = sys.argv[1:5]
categories = json.load(open(dataset))["categories"]
colors = {c["id"]: c.get("color") or [255, 0, 0] for c in categories}
annotations = json.load(open(label))["annotations"]
rgb = np.asarray(Image.open(bitmap).convert("RGB")).astype(np.uint32)
ids = rgb[..., 0] | (rgb[..., 1] << 8) | (rgb[..., 2] << 16)
uniq, inverse = np.unique(ids, return_inverse=True)
category_of = {a["id"]: a["category_id"] for a in annotations}
lut = np.zeros((len(uniq), 4), dtype=np.uint8)
for i, v in enumerate(uniq):
    if v in category_of:
        c = colors.get(category_of[v], [255, 0, 0])
        lut[i] = list(c[:3]) + [255]
overlay = lut[inverse.reshape(ids.shape)]
Image.fromarray(overlay, "RGBA").save(out)
)py";

QString write(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return u"cannot write "_s + path;
    return {};
}

//! Median wall ms of running `program args` to completion, or -1 when it failed.
double processMs(const QString &program, const QStringList &args, int runs, QString *failure) {
    return bench::medianMs(runs, [&] {
        QProcess p;
        p.start(program, args);
        if (!p.waitForFinished(600000) || p.exitStatus() != QProcess::NormalExit ||
            p.exitCode() != 0) {
            *failure = QString::fromUtf8(p.readAllStandardError()).trimmed();
            if (failure->isEmpty())
                *failure = program + u" failed"_s;
        }
    });
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 9;
    QTemporaryDir dir;
    const bench::Scene scene = bench::makeScene(4096, 3072, 200, 42);
    const QString bitmap = dir.filePath(u"bitmap.png"_s);
    const QString label = dir.filePath(u"label.json"_s);
    const QString dataset = dir.filePath(u"dataset.json"_s);
    QJsonArray categories;
    for (const wire::Category &c : scene.task.categories) {
        QJsonObject o{{"id"_L1, c.id}, {"name"_L1, c.name}};
        // The Python side needs every colour; ours takes the palette's for the rest.
        const QColor color = c.color.value_or(QColor::fromHsv(int(c.id) * 53 % 360, 180, 220));
        o.insert("color"_L1, QJsonArray{color.red(), color.green(), color.blue()});
        categories.append(o);
    }
    for (const QString &problem :
         {write(bitmap, scene.png),
          write(label, QJsonDocument(scene.label.toJson()).toJson(QJsonDocument::Compact)),
          write(dataset, QJsonDocument(QJsonObject{{"categories"_L1, categories}}).toJson())}) {
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(problem));
            return 1;
        }
    }

    std::printf("segscope render, 4096x3072 bitmap with 200 instances on 12 categories, "
                "--no-image --opacity 1; medians of %d runs\n\n",
                runs);
    const QString out = dir.filePath(u"out.png"_s);
    QString failure;
    const double ours =
        processMs(QStringLiteral(SEGSCOPE_CLI_BINARY),
                  {u"render"_s, u"--bitmap"_s, bitmap, u"--label"_s, label, u"--dataset"_s, dataset,
                   u"--no-image"_s, u"--opacity"_s, u"1"_s, u"--out"_s, out},
                  runs, &failure);
    if (!failure.isEmpty()) {
        std::fprintf(stderr, "segscope render failed: %s\n", qPrintable(failure));
        return 1;
    }
    std::printf("  %-58s %8.1f ms  (target < 150)\n", "segscope render, process to process", ours);

    const QString python =
        QFile::exists(u"/usr/bin/python3"_s) ? u"/usr/bin/python3"_s : u"python3"_s;
    QString pyFailure;
    const double py = processMs(python,
                                {u"-c"_s, QString::fromUtf8(PythonScript), bitmap, label, dataset,
                                 dir.filePath(u"py.png"_s)},
                                std::min(runs, 5), &pyFailure);
    if (pyFailure.isEmpty()) {
        std::printf("  %-58s %8.1f ms  (%.1fx ours, target 10x)\n",
                    "Python: PIL + numpy + PIL, process to process", py, py / ours);
    } else {
        std::printf("  Python way skipped: python3 with numpy and PIL is needed (apt install "
                    "python3-numpy python3-pil): %s\n",
                    qPrintable(pyFailure.left(200)));
    }

    // The writer alone, in this process, on the overlay render wrote.
    // Read back, it is a palette image; render hands the writer straight ARGB32.
    QImage overlay;
    if (!overlay.load(out)) {
        std::fprintf(stderr, "cannot read back %s\n", qPrintable(out));
        return 1;
    }
    overlay = overlay.convertToFormat(QImage::Format_ARGB32);
    QByteArray png;
    labels::PngColorType chosen{};
    const double encode =
        bench::medianMs(runs, [&] { png = labels::encodePng(overlay, {}, &chosen); });
    QByteArray zlib;
    const double qt = bench::medianMs(std::min(runs, 3), [&] {
        zlib.clear();
        QBuffer buffer(&zlib);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter(&buffer, "png").write(overlay);
    });
    std::printf("\nthe PNG writer on that overlay\n");
    const char *type = chosen == labels::PngColorType::Palette ? "palette, Up"
                       : chosen == labels::PngColorType::Rgb   ? "RGB, adaptive filter"
                                                               : "RGBA, adaptive filter";
    std::printf("  %-58s %8.1f ms  %9lld bytes\n",
                qPrintable(u"libdeflate writer (%1, level 2)"_s.arg(QString::fromLatin1(type))),
                encode, qlonglong(png.size()));
    std::printf("  %-58s %8.1f ms  %9lld bytes  (ours %.0f %% of its size; at most 125)\n",
                "Qt's zlib writer (libpng, level 6)", qt, qlonglong(zlib.size()),
                100.0 * double(png.size()) / double(zlib.size()));

    // The first decode of a process against the next ones: the cold start a GUI's first sample
    // and every render pay.
    const double cold = bench::medianMs(1, [&] { (void)labels::decodeInstanceBitmap(scene.png); });
    const double warm =
        bench::medianMs(runs, [&] { (void)labels::decodeInstanceBitmap(scene.png); });
    std::printf("\nbitmap decode in this process\n");
    std::printf("  %-58s %8.1f ms\n", "first (cold)", cold);
    std::printf("  %-58s %8.1f ms  (cold %.2fx warm, target 1.5x)\n", "warm (median)", warm,
                cold / warm);
    return 0;
}
