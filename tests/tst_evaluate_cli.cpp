// `segscope evaluate` run as the built binary against the demo of segscope-server (in-process on
// 127.0.0.1:0): the JSON document, CSV, text, filters, its disk cache, and the errors.
#include "support/cliprocess.h"
#include "support/serverfixture.h"
#include "support/testmain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope;
using segscope::test::CliRun;

namespace {
constexpr int Bound = 60000;
constexpr int DemoScenes = 10;
} // namespace

class TestEvaluateCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void json();
    void rerunUsesTheCache();
    void csv();
    void text();
    void filters();
    void failedSampleIsReported();
    void missingLabelset();
    void unknownDataset();
    void usage();

private:
    CliRun run(QStringList args);
    QJsonObject runJson(QStringList args);

    test::ServerFixture m_server;
    QTemporaryDir m_home;
    QString m_key;
    QStringList m_categories; //!< the demo's category names
};

void TestEvaluateCli::initTestCase() {
    QVERIFY(m_home.isValid());
    server::ServerOptions options;
    options.demo = true;
    options.demoImages = DemoScenes;
    QString error;
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
    m_key = m_server.server()->demoKey();
    const QJsonObject ds = m_server.http.get(u"/datasets/demo/street-scenes/"_s, m_key).object();
    for (const QJsonValue &c : ds["task_attributes"_L1]["categories"_L1].toArray())
        m_categories.append(c["name"_L1].toString());
    QVERIFY(m_categories.size() > 3);
}

CliRun TestEvaluateCli::run(QStringList args) {
    args.prepend(u"evaluate"_s);
    args << u"--server"_s << m_server.baseUrl().toString();
    return test::runCli(QStringLiteral(SEGSCOPE_CLI_BINARY), args,
                        test::cliEnvironment(m_home.path(), m_key), {}, Bound);
}

QJsonObject TestEvaluateCli::runJson(QStringList args) {
    const CliRun r = run(args << u"--json"_s);
    if (r.exitCode != 0) {
        qWarning("exit %d: %s", r.exitCode, r.err.constData());
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

void TestEvaluateCli::json() {
    const QJsonObject doc = runJson({u"demo/street-scenes"_s, u"--candidate"_s, u"predictions"_s,
                                     u"--per-sample"_s, u"--no-cache"_s});
    QVERIFY(!doc.isEmpty());
    QCOMPARE(doc["dataset"_L1].toString(), u"demo/street-scenes"_s);
    QCOMPARE(doc["reference"_L1].toString(), u"ground-truth"_s);
    QCOMPARE(doc["candidate"_L1].toString(), u"predictions"_s);
    const QJsonObject samples = doc["samples"_L1].toObject();
    QCOMPARE(samples["total"_L1].toInt(), DemoScenes);
    QCOMPARE(samples["both"_L1].toInt() + samples["reference_only"_L1].toInt() +
                 samples["candidate_only"_L1].toInt() + samples["neither"_L1].toInt() +
                 samples["failed"_L1].toInt(),
             DemoScenes);
    QCOMPARE(samples["failed"_L1].toInt(), 0);
    QCOMPARE(samples["cached"_L1].toInt(), 0);
    QVERIFY(doc["mean_iou"_L1].isDouble());
    QVERIFY(doc["pixel_accuracy"_L1].toDouble() > 0.5);

    // The categories by name, each one the dataset's, with figures in range.
    const QJsonArray categories = doc["categories"_L1].toArray();
    QVERIFY(categories.size() >= 3);
    for (const QJsonValue &c : categories) {
        QVERIFY2(m_categories.contains(c["name"_L1].toString()),
                 qPrintable(c["name"_L1].toString()));
        QVERIFY(c["iou"_L1].toDouble() >= 0 && c["iou"_L1].toDouble() <= 1);
        QVERIFY(c["reference_pixels"_L1].toInteger() + c["candidate_pixels"_L1].toInteger() > 0);
    }

    // The matrix: background first, then named classes; its cells add up to the pixels of the
    // compared samples (1280x720 each).
    const QJsonObject matrix = doc["confusion_matrix"_L1].toObject();
    const QJsonArray classes = matrix["classes"_L1].toArray();
    QCOMPARE(classes.at(0).toString(), u"background"_s);
    QVERIFY(matrix["class_ids"_L1].toArray().at(0).isNull());
    QCOMPARE(classes.at(1).toString(), m_categories.at(0));
    const QJsonArray rows = matrix["pixels"_L1].toArray();
    QCOMPARE(rows.size(), classes.size());
    qint64 total = 0;
    for (const QJsonValue &row : rows) {
        QCOMPARE(row.toArray().size(), classes.size());
        for (const QJsonValue &cell : row.toArray())
            total += cell.toInteger();
    }
    QCOMPARE(total, qint64(samples["both"_L1].toInt()) * 1280 * 720);

    const QJsonArray perSample = doc["per_sample"_L1].toArray();
    QCOMPARE(perSample.size(), DemoScenes);
    QSet<QString> presences;
    for (const QJsonValue &s : perSample) {
        QVERIFY(!s["uuid"_L1].toString().isEmpty());
        QVERIFY(s["name"_L1].toString().startsWith(u"scene_"_s));
        presences.insert(s["presence"_L1].toString());
    }
    QVERIFY(presences.contains(u"both"_s));
    QVERIFY(presences.contains(u"reference-only"_s) || presences.contains(u"neither"_s));
}

void TestEvaluateCli::rerunUsesTheCache() {
    const QStringList args{u"demo/street-scenes"_s, u"--candidate"_s, u"predictions"_s};
    const QJsonObject first = runJson(args);
    QVERIFY(!first.isEmpty());
    const QJsonObject second = runJson(args);
    QCOMPARE(second["samples"_L1]["cached"_L1].toInt(), DemoScenes);
    QCOMPARE(second["confusion_matrix"_L1], first["confusion_matrix"_L1]);
    QCOMPARE(second["categories"_L1], first["categories"_L1]);
    // The cache is a file under the private HOME, and it holds no key.
    const QJsonObject uncached = runJson(QStringList(args) << u"--no-cache"_s);
    QCOMPARE(uncached["samples"_L1]["cached"_L1].toInt(), 0);
    QCOMPARE(uncached["confusion_matrix"_L1], first["confusion_matrix"_L1]);
}

void TestEvaluateCli::csv() {
    const CliRun r = run({u"demo/street-scenes"_s, u"--candidate"_s, u"predictions"_s, u"--csv"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QStringList lines = r.lines();
    QCOMPARE(lines.value(0),
             u"category_id,category,iou,precision,recall,reference_pixels,candidate_pixels"_s);
    QVERIFY(lines.size() > 3);
    for (const QString &line : lines.mid(1)) {
        QCOMPARE(line.count(u','), 6);
        QVERIFY2(m_categories.contains(line.section(u',', 1, 1)), qPrintable(line));
    }

    const CliRun samples = run({u"demo/street-scenes"_s, u"--candidate"_s, u"predictions"_s,
                                u"--csv"_s, u"--per-sample"_s});
    QVERIFY2(samples.exitCode == 0, samples.err.constData());
    QCOMPARE(samples.lines().value(0),
             u"uuid,name,presence,mean_iou,pixel_accuracy,reference_unannotated_pixels,"
             u"candidate_unannotated_pixels,note"_s);
    QCOMPARE(samples.lines().size(), 1 + DemoScenes);
}

void TestEvaluateCli::text() {
    const CliRun r =
        run({u"demo/street-scenes"_s, u"--candidate"_s, u"predictions"_s, u"--per-sample"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString out = QString::fromUtf8(r.out);
    QVERIFY(out.contains(u"mean IoU: 0."_s));
    QVERIFY(out.contains(u"pixel accuracy: 0."_s));
    QVERIFY(out.contains(u"confusion matrix"_s));
    QVERIFY(out.contains(u"samples: %1; both labels"_s.arg(DemoScenes)));
    QVERIFY(out.contains(m_categories.at(0)));
    QVERIFY(out.contains(u"scene_0001.jpg"_s));
    // Progress goes to a terminal only: a pipe gets none.
    QVERIFY2(r.err.isEmpty(), r.err.constData());
}

void TestEvaluateCli::filters() {
    const QJsonObject one = runJson({u"demo/street-scenes"_s, u"--candidate"_s, u"predictions"_s,
                                     u"--name"_s, u"scene_0001"_s});
    QCOMPARE(one["samples"_L1]["total"_L1].toInt(), 1);
    const CliRun bad = run(
        {u"demo/street-scenes"_s, u"--candidate"_s, u"predictions"_s, u"--status"_s, u"NOPE"_s});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("unknown label status"), bad.err.constData());
}

void TestEvaluateCli::failedSampleIsReported() {
    // One sample whose candidate bitmap is gone: counted as failed, said on stderr, exit 0.
    QVERIFY(!m_server.createDataset(m_key, u"broken"_s).isEmpty());
    QCOMPARE(
        m_server.http
            .post(u"/datasets/demo/broken/labelsets/"_s, QJsonObject{{"name"_L1, u"cand"_s}}, m_key)
            .status,
        201);
    const QStringList uuids = m_server.createSamples(m_key, u"demo/broken"_s, 1);
    QCOMPARE(uuids.size(), 1);
    const QString png =
        test::uploadAsset(m_server.http, m_key, u"l.png"_s, test::tinyPng())["url"_L1].toString();
    QVERIFY(!png.isEmpty());
    const auto label = [](const QString &url) {
        return QJsonObject{{"attributes"_L1,
                            QJsonObject{{"format_version"_L1, u"0.1"_s},
                                        {"annotations"_L1, QJsonArray{}},
                                        {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, url}}}}}};
    };
    QCOMPARE(
        m_server.http.put(u"/labels/%1/ground-truth/"_s.arg(uuids[0]), label(png), m_key).status,
        200);
    const QString gone = m_server.baseUrl().toString() + u"/assets/gone.png"_s;
    QCOMPARE(m_server.http.put(u"/labels/%1/cand/"_s.arg(uuids[0]), label(gone), m_key).status,
             200);
    const CliRun r =
        run({u"demo/broken"_s, u"--candidate"_s, u"cand"_s, u"--json"_s, u"--per-sample"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("1 sample(s) could not be evaluated"), r.err.constData());
    const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(doc["samples"_L1]["failed"_L1].toInt(), 1);
    QCOMPARE(doc["per_sample"_L1][0]["presence"_L1].toString(), u"failed"_s);
    QVERIFY(doc["per_sample"_L1][0]["error"_L1].toString().contains(u"download"_s));
    QVERIFY(doc["mean_iou"_L1].isNull()); // nothing compared: undefined, not 0
}

void TestEvaluateCli::missingLabelset() {
    const CliRun r = run({u"demo/street-scenes"_s, u"--candidate"_s, u"nope"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.contains("no labelset \"nope\"") && r.err.contains("predictions"),
             r.err.constData());

    const CliRun reference = run(
        {u"demo/street-scenes"_s, u"--reference"_s, u"gt"_s, u"--candidate"_s, u"predictions"_s});
    QCOMPARE(reference.exitCode, 1);
    QVERIFY2(reference.err.contains("no labelset \"gt\""), reference.err.constData());
}

void TestEvaluateCli::unknownDataset() {
    const CliRun r = run({u"demo/nothing-here"_s, u"--candidate"_s, u"predictions"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains("no dataset \"demo/nothing-here\""), r.err.constData());
}

void TestEvaluateCli::usage() {
    const CliRun r = run({u"demo/street-scenes"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--candidate"), r.err.constData());
    const CliRun both =
        run({u"demo/street-scenes"_s, u"--candidate"_s, u"predictions"_s, u"--json"_s, u"--csv"_s});
    QCOMPARE(both.exitCode, 2);
}

SEGSCOPE_TEST_MAIN(TestEvaluateCli)
#include "tst_evaluate_cli.moc"
