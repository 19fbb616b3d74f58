// The dataset evaluation (app/core/evaluate) against the real segscope-server in-process: the
// demo's ground truth against its predictions (sums, presence, order), the disk cache (rerun,
// a changed label, a corrupt file), cancel, and hand-made labels whose figures are known exactly.
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "api/apiclient.h"
#include "evaluate/datasetevaluation.h"
#include "labels/instancebitmap.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace segscope;
using evaluate::DatasetEvaluation;
using evaluate::EvaluationSpec;
using evaluate::SampleEvaluation;
using Presence = SampleEvaluation::Presence;

namespace {

constexpr int Bound = 60000;
constexpr int DemoScenes = 10;

QByteArray png(const labels::InstanceBitmap &bitmap) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    bitmap.toImage().save(&buffer, "PNG");
    return bytes;
}

//! A 4x4 bitmap from 16 ids, row by row.
labels::InstanceBitmap bitmap4x4(const std::array<quint32, 16> &ids) {
    labels::InstanceBitmap b = labels::InstanceBitmap::allocate(4, 4);
    std::copy(ids.begin(), ids.end(), b.ids.begin());
    return b;
}

QJsonObject bitmapLabel(const QString &url, const QList<std::pair<int, int>> &annotations) {
    QJsonArray list;
    for (const auto &[id, category] : annotations)
        list.append(QJsonObject{{"id"_L1, id}, {"category_id"_L1, category}});
    return {
        {"attributes"_L1, QJsonObject{{"format_version"_L1, u"0.1"_s},
                                      {"annotations"_L1, list},
                                      {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, url}}}}},
        {"label_status"_L1, u"LABELED"_s}};
}

//! The per-sample matrices summed by category id.
std::map<std::pair<qint64, qint64>, qint64> sumOfSamples(const DatasetEvaluation &e) {
    std::map<std::pair<qint64, qint64>, qint64> sum;
    for (const SampleEvaluation &s : e.samples()) {
        for (const evaluate::ConfusionEntry &c : s.confusion)
            sum[{c.reference, c.candidate}] += c.pixels;
    }
    return sum;
}

//! The dataset matrix by category id, non-zero cells only.
std::map<std::pair<qint64, qint64>, qint64> byCategory(const labels::ConfusionMatrix &m) {
    std::map<std::pair<qint64, qint64>, qint64> cells;
    for (int r = 0; r < m.classes.count(); ++r) {
        for (int c = 0; c < m.classes.count(); ++c) {
            if (m.at(r, c) != 0)
                cells[{m.classes.at(r).categoryId, m.classes.at(c).categoryId}] = m.at(r, c);
        }
    }
    return cells;
}

} // namespace

class TestEvaluation : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void demoSumsAndPresence();
    void rerunIsAllCacheHits();
    void changedLabelIsRecomputed();
    void corruptCacheIsIgnored();
    void cancelStops();
    void unknownDatasetFails();
    void handMadeFigures();
    void vectorLabels();
    void sequenceLabels();

private:
    //! Runs one evaluation to its end (finished); false when it failed or timed out.
    bool evaluate(DatasetEvaluation &e, const EvaluationSpec &spec);
    EvaluationSpec demoSpec() const;
    //! The expected presence of each demo sample, by name, from the server's own listing.
    QMap<QString, Presence> expectedPresence();

    test::ServerFixture m_server;
    std::unique_ptr<api::ApiClient> m_client;
    QTemporaryDir m_cache;
    QString m_key;
};

void TestEvaluation::initTestCase() {
    QVERIFY(m_cache.isValid());
    server::ServerOptions options;
    options.demo = true;
    options.demoImages = DemoScenes;
    QString error;
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
    m_key = m_server.server()->demoKey();
    api::ClientOptions o;
    o.baseUrl = m_server.baseUrl();
    o.apiKey = m_key;
    o.cacheDirectory = m_cache.filePath(u"assets"_s);
    m_client = std::make_unique<api::ApiClient>(o);
}

bool TestEvaluation::evaluate(DatasetEvaluation &e, const EvaluationSpec &spec) {
    QSignalSpy finished(&e, &DatasetEvaluation::finished);
    QSignalSpy failed(&e, &DatasetEvaluation::failed);
    e.start(*m_client, spec);
    if (!finished.wait(Bound) || !failed.isEmpty())
        return false;
    return !e.isRunning();
}

EvaluationSpec TestEvaluation::demoSpec() const {
    EvaluationSpec spec;
    spec.dataset = u"demo/street-scenes"_s;
    spec.reference = u"ground-truth"_s;
    spec.candidate = u"predictions"_s;
    spec.cacheDirectory = m_cache.filePath(u"evaluations"_s);
    return spec;
}

QMap<QString, Presence> TestEvaluation::expectedPresence() {
    QMap<QString, bool> has[2];
    const QString labelsets[2] = {u"ground-truth"_s, u"predictions"_s};
    for (int i = 0; i < 2; ++i) {
        const QJsonArray list =
            m_server.http
                .get(u"/datasets/demo/street-scenes/samples/?include_full_label=1&labelset="_s +
                         labelsets[i],
                     m_key)
                .array();
        for (const QJsonValue &s : list) {
            // A label without a bitmap (SKIPPED) has nothing to compare: it counts as missing.
            const QJsonValue bitmap =
                s["label"_L1]["attributes"_L1]["segmentation_bitmap"_L1]["url"_L1];
            has[i][s["name"_L1].toString()] = bitmap.isString() && !bitmap.toString().isEmpty();
        }
    }
    QMap<QString, Presence> expected;
    for (auto it = has[0].cbegin(); it != has[0].cend(); ++it) {
        const bool r = it.value(), c = has[1].value(it.key());
        expected[it.key()] = r && c ? Presence::Both
                             : r    ? Presence::ReferenceOnly
                             : c    ? Presence::CandidateOnly
                                    : Presence::Neither;
    }
    return expected;
}

void TestEvaluation::demoSumsAndPresence() {
    DatasetEvaluation e;
    QSignalSpy evaluated(&e, &DatasetEvaluation::sampleEvaluated);
    QSignalSpy progress(&e, &DatasetEvaluation::progress);
    QVERIFY(evaluate(e, demoSpec()));
    QCOMPARE(int(e.samples().size()), DemoScenes);
    QCOMPARE(evaluated.size(), DemoScenes);
    QCOMPARE(progress.last().at(0).toInt(), DemoScenes);
    QCOMPARE(progress.last().at(1).toInt(), DemoScenes);
    QCOMPARE(e.cachedCount(), 0);

    // The dataset matrix is the sum of the per-sample ones, cell by cell.
    const auto sum = sumOfSamples(e);
    QVERIFY(!sum.empty());
    QCOMPARE(byCategory(e.matrix()), sum);
    QVERIFY(e.matrix().meanIoU() > 0.3 && e.matrix().meanIoU() < 1.0);

    // Presence as the server's listings say, in listing order (by name).
    const QMap<QString, Presence> expected = expectedPresence();
    QStringList names;
    for (const SampleEvaluation &s : e.samples()) {
        names.append(s.name);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(int(s.presence), int(expected.value(s.name)));
        QCOMPARE(s.confusion.empty(), s.presence != Presence::Both);
        if (s.presence == Presence::Both) {
            QVERIFY(s.pixelAccuracy > 0.5 && s.pixelAccuracy < 1.0);
            QVERIFY(s.referenceUpdatedAt.isValid() && s.candidateUpdatedAt.isValid());
        }
    }
    QStringList sorted = names;
    sorted.sort();
    QCOMPARE(names, sorted);
    const std::array<int, 5> counts = e.presenceCounts();
    QCOMPARE(counts[0] + counts[1] + counts[2] + counts[3] + counts[4], DemoScenes);
    QCOMPARE(counts[size_t(Presence::Failed)], 0);
    // The demo's predictions miss every 5th sample (4, 9): those have no candidate.
    QCOMPARE(counts[size_t(Presence::ReferenceOnly)] + counts[size_t(Presence::Neither)], 2);
    QVERIFY(counts[size_t(Presence::Both)] >= 5);
}

void TestEvaluation::rerunIsAllCacheHits() {
    DatasetEvaluation first;
    QVERIFY(evaluate(first, demoSpec()));
    DatasetEvaluation again; // a new object: what a restart sees is the file
    QVERIFY(evaluate(again, demoSpec()));
    QCOMPARE(again.cachedCount(), DemoScenes);
    QCOMPARE(byCategory(again.matrix()), byCategory(first.matrix()));
    for (size_t i = 0; i < first.samples().size(); ++i) {
        QCOMPARE(again.samples()[i].uuid, first.samples()[i].uuid);
        QCOMPARE(again.samples()[i].confusion, first.samples()[i].confusion);
        QCOMPARE(int(again.samples()[i].presence), int(first.samples()[i].presence));
    }
    // Without a cache directory nothing is read.
    EvaluationSpec uncached = demoSpec();
    uncached.cacheDirectory.clear();
    QVERIFY(evaluate(again, uncached));
    QCOMPARE(again.cachedCount(), 0);
}

void TestEvaluation::changedLabelIsRecomputed() {
    DatasetEvaluation e;
    QVERIFY(evaluate(e, demoSpec()));
    // The first sample with both labels gets the ground truth as its prediction: a new
    // updated_at, and a perfect score.
    const auto it = std::find_if(e.samples().begin(), e.samples().end(),
                                 [](const auto &s) { return s.presence == Presence::Both; });
    QVERIFY(it != e.samples().end());
    const QString uuid = it->uuid;
    QVERIFY(it->pixelAccuracy < 1.0);
    const test::HttpResult gt = m_server.http.get(u"/labels/%1/ground-truth/"_s.arg(uuid), m_key);
    QCOMPARE(gt.status, 200);
    const test::HttpResult put =
        m_server.http.put(u"/labels/%1/predictions/"_s.arg(uuid),
                          QJsonObject{{"attributes"_L1, gt.object()["attributes"_L1]},
                                      {"label_status"_L1, u"PRELABELED"_s}},
                          m_key);
    QVERIFY2(put.status == 200 || put.status == 201, put.describe());

    DatasetEvaluation again;
    QVERIFY(evaluate(again, demoSpec()));
    QCOMPARE(again.cachedCount(), DemoScenes - 1);
    const auto changed = std::find_if(again.samples().begin(), again.samples().end(),
                                      [&uuid](const auto &s) { return s.uuid == uuid; });
    QVERIFY(changed != again.samples().end());
    QCOMPARE(changed->pixelAccuracy, 1.0);
    QCOMPARE(changed->meanIoU, 1.0);
    QCOMPARE(byCategory(again.matrix()), sumOfSamples(again));
}

void TestEvaluation::corruptCacheIsIgnored() {
    DatasetEvaluation e;
    QVERIFY(evaluate(e, demoSpec()));
    const QString path = demoSpec().cacheDirectory + u"/evaluations.sqlite"_s;
    QVERIFY(QFile::exists(path));
    QFile::remove(path + u"-wal"_s);
    QFile::remove(path + u"-shm"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QByteArray(8192, 'x'));
    file.close();

    DatasetEvaluation again;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"replacing the unreadable cache"_s));
    QVERIFY(evaluate(again, demoSpec()));
    QCOMPARE(again.cachedCount(), 0);
    QCOMPARE(byCategory(again.matrix()), byCategory(e.matrix()));
    // The unreadable file was replaced by a working cache.
    DatasetEvaluation third;
    QVERIFY(evaluate(third, demoSpec()));
    QCOMPARE(third.cachedCount(), DemoScenes);
}

void TestEvaluation::cancelStops() {
    EvaluationSpec spec = demoSpec();
    spec.cacheDirectory.clear();
    DatasetEvaluation e;
    QSignalSpy finished(&e, &DatasetEvaluation::finished);
    QSignalSpy failed(&e, &DatasetEvaluation::failed);
    QSignalSpy evaluated(&e, &DatasetEvaluation::sampleEvaluated);
    connect(&e, &DatasetEvaluation::sampleEvaluated, &e, [&e] { e.cancel(); });
    e.start(*m_client, spec);
    QVERIFY(e.isRunning());
    QVERIFY(evaluated.wait(Bound));
    QVERIFY(!e.isRunning());
    // Nothing more arrives: no sample, no end (the in-flight results are dropped).
    QVERIFY(!finished.wait(1000));
    QCOMPARE(evaluated.size(), 1);
    QCOMPARE(int(e.samples().size()), 1);
    QVERIFY(failed.isEmpty());

    // Cancelled before the dataset even answered: silence too, and a later start works.
    disconnect(&e, &DatasetEvaluation::sampleEvaluated, &e, nullptr);
    e.start(*m_client, spec);
    e.cancel();
    QVERIFY(!finished.wait(500));
    QCOMPARE(evaluated.size(), 1);
    QVERIFY(evaluate(e, spec));
    QCOMPARE(int(e.samples().size()), DemoScenes);
}

void TestEvaluation::unknownDatasetFails() {
    EvaluationSpec spec = demoSpec();
    spec.dataset = u"demo/no-such-dataset"_s;
    DatasetEvaluation e;
    QSignalSpy failed(&e, &DatasetEvaluation::failed);
    QSignalSpy finished(&e, &DatasetEvaluation::finished);
    e.start(*m_client, spec);
    QVERIFY(failed.wait(Bound));
    QCOMPARE(failed.first().at(0).value<api::ApiError>().kind, api::ApiError::Kind::NotFound);
    QVERIFY(finished.isEmpty());
    QVERIFY(!e.isRunning());
}

void TestEvaluation::handMadeFigures() {
    const QJsonObject task{
        {"format_version"_L1, u"0.1"_s},
        {"categories"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"name"_L1, u"a"_s}},
                                     QJsonObject{{"id"_L1, 2}, {"name"_L1, u"b"_s}}}}};
    QVERIFY(!m_server.createDataset(m_key, u"tiny"_s, {{"task_attributes"_L1, task}}).isEmpty());
    const test::HttpResult labelset = m_server.http.post(
        u"/datasets/demo/tiny/labelsets/"_s, QJsonObject{{"name"_L1, u"cand"_s}}, m_key);
    QVERIFY2(labelset.status == 201 || labelset.status == 200, labelset.describe());
    const QStringList uuids = m_server.createSamples(m_key, u"demo/tiny"_s, 3, u"t"_s);
    QCOMPARE(uuids.size(), 3);

    // Reference: top half instance 1 (a), bottom half instance 2 (b). Candidate: left half
    // instance 5 (a), right half background but for one pixel of id 9, which no annotation has.
    const QByteArray reference = png(bitmap4x4({1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2}));
    const QByteArray candidate = png(bitmap4x4({5, 5, 0, 0, 5, 5, 0, 0, 5, 5, 0, 0, 5, 5, 0, 9}));
    const QString referenceUrl =
        test::uploadAsset(m_server.http, m_key, u"r.png"_s, reference)["url"_L1].toString();
    const QString candidateUrl =
        test::uploadAsset(m_server.http, m_key, u"c.png"_s, candidate)["url"_L1].toString();
    QVERIFY(!referenceUrl.isEmpty() && !candidateUrl.isEmpty());
    const auto put = [this](const QString &uuid, const QString &ls, const QJsonObject &body) {
        const test::HttpResult r =
            m_server.http.put(u"/labels/%1/%2/"_s.arg(uuid, ls), body, m_key);
        return r.status == 200 || r.status == 201;
    };
    QVERIFY(put(uuids[0], u"ground-truth"_s, bitmapLabel(referenceUrl, {{1, 1}, {2, 2}})));
    QVERIFY(put(uuids[0], u"cand"_s, bitmapLabel(candidateUrl, {{5, 1}})));
    QVERIFY(put(uuids[1], u"ground-truth"_s, bitmapLabel(referenceUrl, {{1, 1}, {2, 2}})));
    // A candidate whose bitmap is gone: that sample fails, the evaluation goes on.
    const QString goneUrl = m_server.baseUrl().toString() + u"/assets/no-such-asset.png"_s;
    QVERIFY(put(uuids[2], u"ground-truth"_s, bitmapLabel(referenceUrl, {{1, 1}, {2, 2}})));
    QVERIFY(put(uuids[2], u"cand"_s, bitmapLabel(goneUrl, {{5, 1}})));

    EvaluationSpec spec;
    spec.dataset = u"demo/tiny"_s;
    spec.candidate = u"cand"_s;
    spec.cacheDirectory = m_cache.filePath(u"tiny"_s);
    DatasetEvaluation e;
    QVERIFY(evaluate(e, spec));
    QCOMPARE(int(e.samples().size()), 3);
    const SampleEvaluation &s = e.samples()[0];
    QCOMPARE(int(s.presence), int(Presence::Both));
    QCOMPARE(int(e.samples()[1].presence), int(Presence::ReferenceOnly));
    const SampleEvaluation &failed = e.samples()[2];
    QCOMPARE(int(failed.presence), int(Presence::Failed));
    QVERIFY2(failed.error.contains(u"download"_s), qPrintable(failed.error));
    QVERIFY(failed.confusion.empty());
    const qint64 bg = labels::BackgroundCategory;
    std::vector<evaluate::ConfusionEntry> confusion = s.confusion;
    std::sort(confusion.begin(), confusion.end(), [](const auto &x, const auto &y) {
        return std::pair(x.reference, x.candidate) < std::pair(y.reference, y.candidate);
    });
    const std::vector<evaluate::ConfusionEntry> expected{
        {1, bg, 4}, {1, 1, 4}, {2, bg, 4}, {2, 1, 4}};
    std::vector<evaluate::ConfusionEntry> sortedExpected = expected;
    std::sort(sortedExpected.begin(), sortedExpected.end(), [](const auto &x, const auto &y) {
        return std::pair(x.reference, x.candidate) < std::pair(y.reference, y.candidate);
    });
    QCOMPARE(confusion, sortedExpected);
    QCOMPARE(s.pixelAccuracy, 0.25);
    QVERIFY(std::abs(s.meanIoU - 1.0 / 6.0) < 1e-12); // a: 4 / 12, b: 0 / 8
    QCOMPARE(s.referenceUnannotatedPixels, qint64(0));
    QCOMPARE(s.candidateUnannotatedPixels, qint64(1));

    // The dataset's figures are the one compared sample's.
    const QList<labels::CategoryFigures> figures = e.matrix().categoryFigures();
    QCOMPARE(figures.size(), 2);
    QCOMPARE(e.matrix().classes.at(figures[0].slot).name, u"a"_s);
    QVERIFY(std::abs(figures[0].iou - 1.0 / 3.0) < 1e-12);
    QCOMPARE(figures[0].precision, 0.5);
    QCOMPARE(figures[0].recall, 0.5);
    QCOMPARE(figures[1].iou, 0.0);
    QVERIFY(std::isnan(figures[1].precision)); // b is never predicted
    QCOMPARE(figures[1].recall, 0.0);
    QCOMPARE(e.matrix().pixelAccuracy(), 0.25);

    // A failure is not cached: the rerun tries that sample again.
    DatasetEvaluation again;
    QVERIFY(evaluate(again, spec));
    QCOMPARE(again.cachedCount(), 2);
    QCOMPARE(int(again.samples()[2].presence), int(Presence::Failed));
    QCOMPARE(again.samples()[0].confusion, e.samples()[0].confusion);
}

void TestEvaluation::vectorLabels() {
    // demo/street-shapes has boxes and polygons only: both sides are rasterised at the size the
    // image's header gives (1280x720), so a labelset against itself agrees on every pixel.
    EvaluationSpec spec;
    spec.dataset = u"demo/street-shapes"_s;
    spec.candidate = u"ground-truth"_s;
    DatasetEvaluation e;
    QVERIFY(evaluate(e, spec));
    QCOMPARE(int(e.samples().size()), DemoScenes);
    const std::array<int, 5> counts = e.presenceCounts();
    QCOMPARE(counts[size_t(Presence::Failed)], 0);
    QCOMPARE(counts[size_t(Presence::Neither)], 1); // every 6th sample is unlabeled
    QCOMPARE(counts[size_t(Presence::Both)], DemoScenes - 1);
    for (const SampleEvaluation &s : e.samples()) {
        if (s.presence != Presence::Both)
            continue;
        qint64 pixels = 0;
        for (const evaluate::ConfusionEntry &c : s.confusion) {
            QCOMPARE(c.reference, c.candidate);
            pixels += c.pixels;
        }
        QCOMPARE(pixels, qint64(1280) * 720);
        QCOMPARE(s.pixelAccuracy, 1.0);
    }
    QCOMPARE(e.matrix().meanIoU(), 1.0);
    QVERIFY(e.matrix().categoryFigures().size() >= 2); // shapes of several categories drawn
}

void TestEvaluation::sequenceLabels() {
    // demo/street-sequences: 3 drives of 12 frames (960x540), a bitmap per frame. Compared frame
    // by frame and summed into the sample's matrix; a labelset against itself agrees everywhere.
    EvaluationSpec spec;
    spec.dataset = u"demo/street-sequences"_s;
    spec.candidate = u"ground-truth"_s;
    DatasetEvaluation e;
    QVERIFY(evaluate(e, spec));
    QCOMPARE(int(e.samples().size()), 3);
    for (const SampleEvaluation &s : e.samples()) {
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(int(s.presence), int(Presence::Both));
        qint64 pixels = 0;
        for (const evaluate::ConfusionEntry &c : s.confusion) {
            QCOMPARE(c.reference, c.candidate);
            pixels += c.pixels;
        }
        QCOMPARE(pixels, qint64(12) * 960 * 540);
        QCOMPARE(s.pixelAccuracy, 1.0);
        QCOMPARE(s.meanIoU, 1.0);
    }
    QCOMPARE(byCategory(e.matrix()), sumOfSamples(e));
}

SEGSCOPE_TEST_MAIN(TestEvaluation)
#include "tst_evaluation.moc"
