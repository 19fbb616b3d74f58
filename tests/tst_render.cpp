// `segscope render`, run as the built binary: the offline form on hand-made files (exact colours
// and alpha per docs/api-contract.md §3 and §6, defects as warnings, broken inputs, usage errors)
// with no API key anywhere, and the server form against segscope-server in-process with the demo
// data.
#include "support/cliprocess.h"
#include "support/serverfixture.h"
#include "support/testdata.h"
#include "support/testmain.h"

#include "labels/vectorshapes.h"
#include "wire/label.h"

#include <QBuffer>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int Bound = 60000;

// docs/api-contract.md §3, written out here so the test does not take the colours from the code it
// checks.
const char *const PaletteHex[36] = {
    "#0071BC", "#D85218", "#ECB01F", "#7D2E8D", "#76AB2F", "#4CBDED", "#A1132E", "#FF0000",
    "#FF7F00", "#BEBE00", "#00FF00", "#0000FF", "#AA00FF", "#545400", "#54AA00", "#54FF00",
    "#AA5400", "#AAAA00", "#AAFF00", "#FF5400", "#FFAA00", "#FFFF00", "#00547F", "#00AA7F",
    "#00FF7F", "#54007F", "#54547F", "#54AA7F", "#54FF7F", "#AA007F", "#AA547F", "#AAAA7F",
    "#AAFF7F", "#FF007F", "#FF547F", "#FFAA7F"};

QRgb palette(qint64 i) {
    return QColor::fromString(QLatin1StringView(PaletteHex[i % 36])).rgba();
}

// tests/data/dataset.json: road (id 1) is [128, 64, 128]; car (id 5) has no colour and is second.
const QRgb Road = qRgb(128, 64, 128);
const QRgb Car = palette(1);
const QRgb Grey = qRgb(100, 100, 100);

struct Run : segscope::test::CliRun {
    QString errText() const { return QString::fromUtf8(err); }
};

// A 9x7 bitmap: id 1 (road) a 5x5 square at (1,1), id 70000 (car) a 2x4 block at (7,0),
// id 3 (no annotation) at (7,5) and (8,5), background elsewhere.
quint32 fixtureId(int x, int y) {
    if (x >= 1 && x <= 5 && y >= 1 && y <= 5)
        return 1;
    if (x >= 7 && y <= 3)
        return 70000;
    if (x >= 7 && y == 5)
        return 3;
    return 0;
}

// docs/api-contract.md §6 by hand: id = R + (G << 8) + (B << 16), alpha 255.
QByteArray idPng(int width, int height, quint32 (*idAt)(int, int)) {
    QImage image(width, height, QImage::Format_RGBA8888);
    for (int y = 0; y < height; ++y) {
        uchar *p = image.scanLine(y);
        for (int x = 0; x < width; ++x, p += 4) {
            const quint32 id = idAt(x, y);
            p[0] = uchar(id & 0xFF);
            p[1] = uchar((id >> 8) & 0xFF);
            p[2] = uchar((id >> 16) & 0xFF);
            p[3] = 255;
        }
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray greyPng(int width, int height) {
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Grey);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QJsonObject jsonOf(const QByteArray &bytes) {
    return QJsonDocument::fromJson(bytes).object();
}

// A vector label: bbox 1 (road), triangle 2 (car), and bbox 3 with one point (malformed).
QJsonObject vectorLabelJson() {
    QJsonObject label = jsonOf(segscope::test::readData(u"label_bitmap.json"_s));
    label.insert("label_type"_L1, u"vector"_s);
    const auto pts = [](std::initializer_list<QPointF> points) {
        QJsonArray out;
        for (const QPointF &p : points)
            out.append(QJsonArray{p.x(), p.y()});
        return out;
    };
    const QJsonArray annotations{QJsonObject{{"id"_L1, 1},
                                             {"category_id"_L1, 1},
                                             {"type"_L1, u"bbox"_s},
                                             {"points"_L1, pts({{2, 2}, {12, 10}})}},
                                 QJsonObject{{"id"_L1, 2},
                                             {"category_id"_L1, 5},
                                             {"type"_L1, u"polygon"_s},
                                             {"points"_L1, pts({{20, 4}, {30, 4}, {25, 14}})}},
                                 QJsonObject{{"id"_L1, 3},
                                             {"category_id"_L1, 1},
                                             {"type"_L1, u"bbox"_s},
                                             {"points"_L1, pts({{5, 5}})}}};
    label.insert("attributes"_L1,
                 QJsonObject{{"format_version"_L1, u"0.1"_s}, {"annotations"_L1, annotations}});
    return label;
}

QImage readPng(const QString &path) {
    return QImage(path).convertToFormat(QImage::Format_ARGB32);
}

QRgb colorOfCategory(const QJsonObject &dataset, qint64 categoryId) {
    const QJsonArray categories =
        dataset.value("task_attributes"_L1).toObject().value("categories"_L1).toArray();
    for (qsizetype i = 0; i < categories.size(); ++i) {
        const QJsonObject c = categories.at(i).toObject();
        if (c.value("id"_L1).toInteger() != categoryId)
            continue;
        const QJsonArray rgb = c.value("color"_L1).toArray();
        if (rgb.size() < 3)
            return palette(i);
        return qRgba(rgb.at(0).toInt(), rgb.at(1).toInt(), rgb.at(2).toInt(),
                     rgb.size() > 3 ? rgb.at(3).toInt() : 255);
    }
    return 0;
}

} // namespace

class TestRender : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void exactColors_data();
    void exactColors();
    void bareBodies_data();
    void bareBodies();
    void outline();
    void wrongSizeBitmapWarns();
    void truncatedBitmapFails();
    void malformedJson_data();
    void malformedJson();
    void usageErrors_data();
    void usageErrors();
    void unwritableOutput();
    void vectorLabel();
    void serverForm();

private:
    Run run(const QStringList &args, const QString &key = {});
    QString path(const QString &name) const { return m_dir.filePath(name); }
    void write(const QString &name, const QByteArray &bytes);
    QStringList offline(const QString &out, const QStringList &extra = {}) const;

    QTemporaryDir m_home;
    QTemporaryDir m_dir;
};

void TestRender::write(const QString &name, const QByteArray &bytes) {
    QFile file(path(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QStringList TestRender::offline(const QString &out, const QStringList &extra) const {
    return QStringList{u"render"_s,
                       u"--bitmap"_s,
                       path(u"bitmap.png"_s),
                       u"--label"_s,
                       path(u"label.json"_s),
                       u"--dataset"_s,
                       path(u"dataset.json"_s),
                       u"--out"_s,
                       path(out)} +
           extra;
}

void TestRender::initTestCase() {
    QVERIFY(m_home.isValid() && m_dir.isValid());
    write(u"bitmap.png"_s, idPng(9, 7, fixtureId));
    write(u"label.json"_s, segscope::test::readData(u"label_bitmap.json"_s));
    write(u"dataset.json"_s, segscope::test::readData(u"dataset.json"_s));
    write(u"image.png"_s, greyPng(12, 9));
    write(u"vector_image.png"_s, greyPng(40, 20));
    write(u"vector_label.json"_s, QJsonDocument(vectorLabelJson()).toJson());
}

Run TestRender::run(const QStringList &args, const QString &key) {
    // The offline form must work without a key: none is set unless given.
    return {segscope::test::runCli(QStringLiteral(SEGSCOPE_CLI_BINARY), args,
                                   segscope::test::cliEnvironment(m_home.path(), key), {}, Bound)};
}

void TestRender::exactColors_data() {
    QTest::addColumn<bool>("byInstance");
    QTest::newRow("by category") << false;
    QTest::newRow("by instance") << true;
}

void TestRender::exactColors() {
    QFETCH(bool, byInstance);
    QStringList extra{u"--no-image"_s, u"--opacity"_s, u"1"_s};
    if (byInstance)
        extra << u"--color-by"_s << u"instance"_s;
    const Run r = run(offline(u"exact.png"_s, extra));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, (u"wrote "_s + path(u"exact.png"_s) + u" (9x7)\n"_s).toUtf8());
    // The unannotated id is a warning, not a failure; every stderr line is a warning.
    QVERIFY2(r.errText().contains(u"segscope: warning: 2 pixels carry ids with no annotation: 3"_s),
             r.err.constData());
    for (const QByteArray &line : r.err.trimmed().split('\n'))
        QVERIFY2(line.startsWith("segscope: warning: "), line.constData());

    const QImage image = readPng(path(u"exact.png"_s));
    QCOMPARE(image.size(), QSize(9, 7));
    const QRgb one = byInstance ? palette(0) : Road;
    const QRgb big = byInstance ? palette((70000 - 1) % 36) : Car;
    for (int y = 0; y < 7; ++y) {
        for (int x = 0; x < 9; ++x) {
            const quint32 id = fixtureId(x, y);
            // Annotated: exactly the colour, alpha 255. Background and id 3: alpha 0.
            const QRgb expected = id == 1 ? one : id == 70000 ? big : QRgb(0);
            QVERIFY2(image.pixel(x, y) == expected,
                     qPrintable(u"(%1,%2) id %3: %4, expected %5"_s.arg(x).arg(y).arg(id).arg(
                         QColor::fromRgba(image.pixel(x, y)).name(QColor::HexArgb),
                         QColor::fromRgba(expected).name(QColor::HexArgb))));
        }
    }
}

// A model's output before it is uploaded: the label's attributes alone, or a label with nothing but
// its attributes, and only the dataset's categories. The picture must be the one the full bodies
// give.
void TestRender::bareBodies_data() {
    QTest::addColumn<QJsonObject>("label");
    QTest::addColumn<QJsonObject>("dataset");
    const QJsonObject fullLabel = jsonOf(segscope::test::readData(u"label_bitmap.json"_s));
    const QJsonObject attributes = fullLabel.value("attributes"_L1).toObject();
    const QJsonObject fullDataset = jsonOf(segscope::test::readData(u"dataset.json"_s));
    const QJsonObject task = fullDataset.value("task_attributes"_L1).toObject();
    const QJsonObject onlyCategories{
        {"task_attributes"_L1, QJsonObject{{"categories"_L1, task.value("categories"_L1)}}}};
    QTest::newRow("attributes alone, task_attributes alone") << attributes << onlyCategories;
    QTest::newRow("label of attributes only, categories alone")
        << QJsonObject{{"attributes"_L1, attributes}}
        << QJsonObject{{"categories"_L1, task.value("categories"_L1)}};
    QTest::newRow("full label, dataset of the docs' minimum")
        << fullLabel
        << QJsonObject{{"full_name"_L1, u"demo/x"_s},
                       {"task_type"_L1, u"segmentation-bitmap"_s},
                       {"task_attributes"_L1, task}};
}

void TestRender::bareBodies() {
    QFETCH(QJsonObject, label);
    QFETCH(QJsonObject, dataset);
    const QStringList extra{u"--no-image"_s, u"--opacity"_s, u"1"_s};
    const Run full = run(offline(u"full.png"_s, extra));
    QVERIFY2(full.exitCode == 0, full.err.constData());
    write(u"bare-label.json"_s, QJsonDocument(label).toJson());
    write(u"bare-dataset.json"_s, QJsonDocument(dataset).toJson());
    const QStringList args{u"render"_s,
                           u"--bitmap"_s,
                           path(u"bitmap.png"_s),
                           u"--label"_s,
                           path(u"bare-label.json"_s),
                           u"--dataset"_s,
                           path(u"bare-dataset.json"_s),
                           u"--out"_s,
                           path(u"bare.png"_s)};
    const Run bare = run(args + extra);
    QVERIFY2(bare.exitCode == 0, bare.err.constData());
    QVERIFY2(!bare.errText().contains(u"no task_attributes"_s), bare.err.constData());
    const QImage a = readPng(path(u"full.png"_s));
    const QImage b = readPng(path(u"bare.png"_s));
    QCOMPARE(b.size(), QSize(9, 7));
    QCOMPARE(b, a);
    QCOMPARE(b.pixel(2, 2), Road); // inside the road square of fixtureId
}

void TestRender::outline() {
    const Run r =
        run(offline(u"outline.png"_s, {u"--outline"_s, u"--no-image"_s, u"--opacity"_s, u"1"_s}));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QImage image = readPng(path(u"outline.png"_s));
    QCOMPARE(image.pixel(1, 1), Road); // the square's ring
    QCOMPARE(image.pixel(5, 3), Road);
    QCOMPARE(image.pixel(3, 5), Road);
    for (int y = 2; y <= 4; ++y) // its interior, left transparent
        for (int x = 2; x <= 4; ++x)
            QCOMPARE(qAlpha(image.pixel(x, y)), 0);
    QCOMPARE(image.pixel(7, 1), Car); // two pixels wide: all edge
    QCOMPARE(image.pixel(0, 0), QRgb(0));
}

void TestRender::wrongSizeBitmapWarns() {
    const Run r = run(
        offline(u"mismatch.png"_s, {u"--image"_s, path(u"image.png"_s), u"--opacity"_s, u"1"_s}));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.errText().contains(u"segscope: warning: bitmap is 9x7 but the image is 12x9"_s),
             r.err.constData());
    QVERIFY(r.out.endsWith(" (12x9)\n"));
    const QImage image = readPng(path(u"mismatch.png"_s));
    QCOMPARE(image.size(), QSize(12, 9)); // the image's size, the bitmap drawn from (0,0)
    QCOMPARE(image.pixel(2, 2), Road);
    QCOMPARE(image.pixel(0, 0), Grey);
    QCOMPARE(image.pixel(11, 8), Grey);
}

void TestRender::truncatedBitmapFails() {
    const QByteArray png = idPng(9, 7, fixtureId);
    write(u"truncated.png"_s, png.left(png.size() / 2));
    QStringList args = offline(u"never.png"_s, {u"--no-image"_s});
    args[2] = path(u"truncated.png"_s);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.errText().contains(path(u"truncated.png"_s)), r.err.constData());
    QVERIFY2(r.errText().contains(u"truncated"_s, Qt::CaseInsensitive), r.err.constData());
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(path(u"never.png"_s)));
}

void TestRender::malformedJson_data() {
    QTest::addColumn<QString>("option");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QJsonObject label = jsonOf(segscope::test::readData(u"label_bitmap.json"_s));
    QJsonObject attributes = label.value("attributes"_L1).toObject();
    QJsonArray annotations = attributes.value("annotations"_L1).toArray();
    QJsonObject second = annotations.at(1).toObject();
    second.insert("category_id"_L1, u"five"_s);
    annotations.replace(1, second);
    attributes.insert("annotations"_L1, annotations);
    label.insert("attributes"_L1, attributes);
    QTest::newRow("label: wrong type") << u"--label"_s << QJsonDocument(label).toJson()
                                       << u"attributes.annotations[1].category_id: "_s;
    // The categories are what render needs of a dataset: one without an id is an error.
    QJsonObject dataset = jsonOf(segscope::test::readData(u"dataset.json"_s));
    QJsonObject task = dataset.value("task_attributes"_L1).toObject();
    QJsonArray categories = task.value("categories"_L1).toArray();
    QJsonObject first = categories.at(0).toObject();
    first.remove("id"_L1);
    categories.replace(0, first);
    task.insert("categories"_L1, categories);
    dataset.insert("task_attributes"_L1, task);
    QTest::newRow("dataset: category without id")
        << u"--dataset"_s << QJsonDocument(dataset).toJson()
        << u"task_attributes.categories[0].id: required field is missing"_s;
    QTest::newRow("dataset: no task type, no categories")
        << u"--dataset"_s << QByteArray(R"({"name": "x"})")
        << u"expected a dataset, {\"task_attributes\": ...} or {\"categories\": ...}"_s;
    QTest::newRow("label: not JSON")
        << u"--label"_s << QByteArray("{\"sample_uuid\": ") << u"not valid JSON"_s;
    QTest::newRow("label: missing file") << u"--label"_s << QByteArray() << u"cannot read"_s;
}

void TestRender::malformedJson() {
    QFETCH(QString, option);
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const QString file = path(
        u"broken-%1.json"_s.arg(QString::fromLatin1(QTest::currentDataTag())).replace(u' ', u'_'));
    QFile::remove(file);
    if (!content.isEmpty())
        write(QFileInfo(file).fileName(), content);
    QStringList args = offline(u"never.png"_s, {u"--no-image"_s});
    args[args.indexOf(option) + 1] = file;
    const Run r = run(args);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.errText().startsWith(u"segscope: "_s), r.err.constData());
    QVERIFY2(r.errText().contains(file), r.err.constData()); // the file is named
    QVERIFY2(r.errText().contains(message), r.err.constData());
    QVERIFY(!QFile::exists(path(u"never.png"_s)));
}

void TestRender::usageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString label = path(u"label.json"_s), dataset = path(u"dataset.json"_s);
    const QString out = path(u"never.png"_s);
    const QStringList files{u"--label"_s, label, u"--dataset"_s, dataset};
    const QStringList render{u"render"_s};
    QTest::newRow("no form") << render + QStringList{u"--out"_s, out} << u"expected --sample"_s;
    QTest::newRow("both forms") << render + files +
                                       QStringList{u"--sample"_s, u"u"_s, u"--out"_s, out}
                                << u"use one form"_s;
    QTest::newRow("no --out") << render + files << u"--out FILE.png is required"_s;
    QTest::newRow("no --dataset") << render + QStringList{u"--label"_s, label, u"--out"_s, out}
                                  << u"--dataset DATASET.json"_s;
    QTest::newRow("bitmap alone") << render + QStringList{u"--bitmap"_s, label, u"--out"_s, out}
                                  << u"--label LABEL.json"_s;
    QTest::newRow("opacity above 1")
        << render + files + QStringList{u"--out"_s, out, u"--opacity"_s, u"1.5"_s}
        << u"--opacity needs a number from 0 to 1, got \"1.5\""_s;
    QTest::newRow("opacity not a number")
        << render + files + QStringList{u"--out"_s, out, u"--opacity"_s, u"half"_s}
        << u"--opacity"_s;
    QTest::newRow("color-by") << render + files +
                                     QStringList{u"--out"_s, out, u"--color-by"_s, u"rainbow"_s}
                              << u"--color-by is category or instance"_s;
    QTest::newRow("labelset offline")
        << render + files + QStringList{u"--out"_s, out, u"--labelset"_s, u"x"_s}
        << u"server form"_s;
    QTest::newRow("positional") << render + files + QStringList{u"--out"_s, out, u"extra"_s}
                                << u"no positional arguments"_s;
    QTest::newRow("unknown option")
        << render + files + QStringList{u"--out"_s, out, u"--fill"_s} << u"fill"_s;
}

void TestRender::usageErrors() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.startsWith("segscope: "), r.err.constData());
    QVERIFY2(r.errText().contains(message), r.err.constData());
    QVERIFY(!QFile::exists(path(u"never.png"_s)));
}

void TestRender::unwritableOutput() {
    const QString out = path(u"no-such-dir/out.png"_s);
    const Run r = run(offline(u"no-such-dir/out.png"_s, {u"--no-image"_s}));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.errText().contains(u"segscope: cannot write "_s + out), r.err.constData());
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(out));
}

void TestRender::vectorLabel() {
    const QStringList files{u"render"_s, u"--label"_s, path(u"vector_label.json"_s), u"--dataset"_s,
                            path(u"dataset.json"_s)}; // no --bitmap
    const Run r = run(files + QStringList{u"--out"_s, path(u"vector.png"_s), u"--no-image"_s,
                                          u"--opacity"_s, u"1"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // The extent of the shapes from (0,0), outlines included: the triangle reaches (30, 14).
    QVERIFY2(r.out.endsWith(" (31x15)\n"), r.out.constData());
    QCOMPARE(r.errText(),
             u"segscope: warning: annotation 3 (bbox): needs 2 points (top-left, bottom-right), "
             u"has 1\n"_s);
    const QImage image = readPng(path(u"vector.png"_s));
    QCOMPARE(image.size(), QSize(31, 15));
    QCOMPARE(image.pixel(6, 6), Road);      // inside the box
    QCOMPARE(image.pixel(2, 6), Road);      // on its outline
    QCOMPARE(image.pixel(25, 7), Car);      // inside the triangle
    QCOMPARE(image.pixel(16, 6), QRgb(0));  // between the shapes
    QCOMPARE(image.pixel(21, 12), QRgb(0)); // beside the triangle's tip
    QCOMPARE(image.pixel(0, 14), QRgb(0));

    const Run over = run(files + QStringList{u"--out"_s, path(u"vector_over.png"_s), u"--image"_s,
                                             path(u"vector_image.png"_s), u"--opacity"_s, u"1"_s});
    QVERIFY2(over.exitCode == 0, over.err.constData());
    const QImage composed = readPng(path(u"vector_over.png"_s));
    QCOMPARE(composed.size(), QSize(40, 20));
    QCOMPARE(composed.pixel(6, 6), Road);
    QCOMPARE(composed.pixel(16, 6), Grey);
    QCOMPARE(composed.pixel(35, 18), Grey);
}

// Slots that need the demo server: started here so the offline slots do not wait for it.
void TestRender::serverForm() {
    segscope::test::ServerFixture f;
    segscope::server::ServerOptions options;
    options.demo = true;
    options.demoImages = 3; // scenes 1 and 2 are labelled (0 is not)
    QString error;
    QVERIFY2(f.start(options, &error), qPrintable(error));
    const QString key = f.server()->demoKey();
    const QString server = f.baseUrl().toString();

    const QJsonObject scenes = f.http.get(u"/datasets/demo/street-scenes/"_s, key).object();
    QJsonObject sample;
    for (
        const QJsonValue &v :
        f.http
            .get(
                u"/datasets/demo/street-scenes/samples/?labelset=ground-truth&include_full_label=1"_s,
                key)
            .array()) {
        const QJsonObject attrs = v["label"_L1]["attributes"_L1].toObject();
        if (!attrs["segmentation_bitmap"_L1]["url"_L1].toString().isEmpty()) {
            sample = v.toObject();
            break;
        }
    }
    QVERIFY(!sample.isEmpty());
    const QString uuid = sample["uuid"_L1].toString();
    const QString out = path(u"scene.png"_s);
    const Run r = run({u"render"_s, u"--server"_s, server, u"--sample"_s, uuid, u"--out"_s, out,
                       u"--no-image"_s, u"--opacity"_s, u"1"_s},
                      key);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, (u"wrote "_s + out + u" (1280x720)\n"_s).toUtf8());
    const QImage image = readPng(out);
    QCOMPARE(image.size(), QSize(1280, 720));

    // Every 8th pixel against the bitmap decoded here: category colour or transparent.
    const QJsonObject label = sample["label"_L1].toObject();
    const QString bitmapUrl = label["attributes"_L1]["segmentation_bitmap"_L1]["url"_L1].toString();
    const QImage bitmap = QImage::fromData(f.http.get(bitmapUrl.mid(server.size()), {}).body, "PNG")
                              .convertToFormat(QImage::Format_RGBA8888);
    QCOMPARE(bitmap.size(), QSize(1280, 720));
    QHash<qint64, QRgb> colours;
    for (const QJsonValue &a : label["attributes"_L1]["annotations"_L1].toArray())
        colours.insert(a["id"_L1].toInteger(),
                       colorOfCategory(scenes, a["category_id"_L1].toInteger()));
    int coloured = 0;
    for (int y = 0; y < 720; y += 8) {
        const uchar *row = bitmap.constScanLine(y);
        for (int x = 0; x < 1280; x += 8) {
            const uchar *p = row + 4 * x;
            const qint64 id = p[0] | (p[1] << 8) | (qint64(p[2]) << 16);
            const QRgb expected = id == 0 ? QRgb(0) : colours.value(id, 0);
            QCOMPARE(image.pixel(x, y), expected);
            coloured += expected != 0;
        }
    }
    QVERIFY(coloured > 100);

    // Over the image (the default): the image's size, and no warning on a clean demo label.
    const Run over =
        run({u"render"_s, u"--server"_s, server, u"--sample"_s, uuid, u"--out"_s, out}, key);
    QVERIFY2(over.exitCode == 0, over.err.constData());
    QVERIFY2(over.err.isEmpty(), over.err.constData());
    QCOMPARE(readPng(out).size(), QSize(1280, 720));

    // A vector sample: drawn the size of its image, the topmost shape's colour at a bbox centre.
    const QJsonObject shapes = f.http.get(u"/datasets/demo/street-shapes/"_s, key).object();
    QJsonObject vectorSample;
    for (
        const QJsonValue &v :
        f.http
            .get(
                u"/datasets/demo/street-shapes/samples/?labelset=ground-truth&include_full_label=1"_s,
                key)
            .array()) {
        if (!v["label"_L1]["attributes"_L1]["annotations"_L1].toArray().isEmpty()) {
            vectorSample = v.toObject();
            break;
        }
    }
    QVERIFY(!vectorSample.isEmpty());
    const Run vr =
        run({u"render"_s, u"--server"_s, server, u"--sample"_s, vectorSample["uuid"_L1].toString(),
             u"--out"_s, path(u"shapes.png"_s), u"--no-image"_s, u"--opacity"_s, u"1"_s},
            key);
    QVERIFY2(vr.exitCode == 0, vr.err.constData());
    const QImage drawn = readPng(path(u"shapes.png"_s));
    QCOMPARE(drawn.size(), QSize(1280, 720));
    segscope::wire::JsonError jsonError;
    const auto parsed =
        segscope::wire::readValue<segscope::wire::Label>(vectorSample["label"_L1], &jsonError);
    QVERIFY2(parsed, qPrintable(jsonError.toString()));
    int checked = 0;
    for (const segscope::wire::Annotation &a : parsed->attributes.annotations) {
        const QPoint c = segscope::labels::vectorBounds(a).center().toPoint();
        const QPointF centre(c.x() + 0.5, c.y() + 0.5);
        const segscope::labels::OverlayOptions none;
        const qint64 top = segscope::labels::vectorHitTest(parsed->attributes, centre, 0, none);
        // Only where no other shape's outline passes nearby: then the pixel is that fill.
        if (top == 0 ||
            segscope::labels::vectorHitTest(parsed->attributes, centre, 2.5, none) != top)
            continue;
        const qint64 category = parsed->attributes.annotation(top)->categoryId;
        QCOMPARE(drawn.pixel(c), colorOfCategory(shapes, category));
        ++checked;
    }
    QVERIFY(checked >= 1);
    QCOMPARE(drawn.pixel(0, 0), QRgb(0));

    const Run missing = run({u"render"_s, u"--server"_s, server, u"--sample"_s,
                             u"00000000-0000-0000-0000-000000000000"_s, u"--out"_s, out},
                            key);
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.errText().contains(u"no sample 00000000-0000-0000-0000-000000000000"_s),
             missing.err.constData());
}

SEGSCOPE_TEST_MAIN(TestRender)
#include "tst_render.moc"
