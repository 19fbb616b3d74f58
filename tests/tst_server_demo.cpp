// The demo data (generated in-process with a few scenes): users, datasets, categories, labelsets,
// label bitmaps that decode to ids with annotations, skipped labels, vector labels, and every
// SDK-required field (docs/api-contract.md §3) in the objects it serves.
#include "support/serverfixture.h"
#include "support/testmain.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::test::HttpResult;
using segscope::test::kDatasetRequiredFields;
using segscope::test::ServerFixture;

class TestServerDemo : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void demoUser();
    void datasets();
    void streetScenesCategories();
    void streetScenesSamples();
    void bitmapsMatchAnnotations_data();
    void bitmapsMatchAnnotations();
    void skippedLabelsHaveNoBitmap();
    void streetShapesVectorLabels();
    void rejectedSamplesHaveOpenIssues();
    void restartKeepsDemoAndRevokesOldKey();

private:
    QJsonArray samples(const QString &ds, const QString &labelset);
    HttpResult fetch(const QString &absoluteUrl);
    ServerFixture f;
    QString key;
};

namespace {

void requireFields(const QJsonObject &o, std::initializer_list<const char *> keys,
                   const char *what) {
    for (const char *k : keys) {
        if (!o.contains(QLatin1StringView(k)))
            QTest::qFail(
                qPrintable(u"%1 lacks %2"_s.arg(QLatin1StringView(what), QLatin1StringView(k))),
                __FILE__, __LINE__);
    }
}

const auto kSampleFields = {"uuid", "name", "metadata", "created_at", "created_by", "priority"};
const auto kLabelFields = {"sample_uuid", "label_type", "label_status", "labelset",
                           "created_at",  "created_by", "updated_at"};

} // namespace

QJsonArray TestServerDemo::samples(const QString &ds, const QString &labelset) {
    return f.http
        .get(u"/datasets/demo/"_s + ds + u"/samples/?labelset="_s + labelset +
                 u"&include_full_label=1"_s,
             key)
        .array();
}

HttpResult TestServerDemo::fetch(const QString &absoluteUrl) {
    return f.http.get(absoluteUrl.mid(f.baseUrl().toString().size()), {});
}

void TestServerDemo::initTestCase() {
    segscope::server::ServerOptions options;
    options.demo = true;
    options.demoImages = 6;
    options.demoSamples = 20; // demo/scale-20 reaches the statuses six scenes do not (SKIPPED)
    QString error;
    QVERIFY2(f.start(options, &error), qPrintable(error));
    key = f.server()->demoKey();
    QCOMPARE(key.size(), 40);
}

void TestServerDemo::demoUser() {
    const HttpResult r = f.http.get(u"/user"_s, key);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("username"_L1).toString(), u"demo"_s);
    requireFields(r.object(), {"username", "created_at", "is_organization"}, "User");
}

void TestServerDemo::datasets() {
    const HttpResult r = f.http.get(u"/user/datasets/"_s, key);
    QCOMPARE(r.status, 200);
    QStringList names;
    for (const QJsonValue &v : r.array()) {
        const QJsonObject d = v.toObject();
        for (const char *k : kDatasetRequiredFields)
            QVERIFY2(d.contains(QLatin1StringView(k)), k);
        names.append(d.value("full_name"_L1).toString());
    }
    names.sort();
    QCOMPARE(names, (QStringList{u"demo/scale-20"_s, u"demo/street-scenes"_s,
                                 u"demo/street-sequences"_s, u"demo/street-shapes"_s}));
    // The sequences: three of twelve frames, each frame with its image and its own bitmap.
    const QJsonArray drives =
        f.http
            .get(
                u"/datasets/demo/street-sequences/samples/?include_full_label=1&labelset=ground-truth"_s,
                key)
            .array();
    QCOMPARE(drives.size(), 3);
    for (const QJsonValue &v : drives) {
        const QJsonArray frames = v["attributes"_L1]["frames"_L1].toArray();
        QCOMPARE(frames.size(), 12);
        QVERIFY(!frames.at(11)["image"_L1]["url"_L1].toString().isEmpty());
        const QJsonArray labelFrames = v["label"_L1]["attributes"_L1]["frames"_L1].toArray();
        QCOMPARE(labelFrames.size(), 12);
        QVERIFY(!labelFrames.at(0)["segmentation_bitmap"_L1]["url"_L1].toString().isEmpty());
        QVERIFY(!labelFrames.at(0)["annotations"_L1].toArray().isEmpty());
    }
    const QJsonObject scenes = f.http.get(u"/datasets/demo/street-scenes/"_s, key).object();
    QCOMPARE(scenes.value("task_type"_L1).toString(), u"segmentation-bitmap"_s);
    QCOMPARE(scenes.value("samples_count"_L1).toInt(), 6);
    QCOMPARE(scenes.value("label_stats"_L1).toObject().value("TOTAL"_L1).toInt(), 6);
    QStringList labelsets;
    for (const QJsonValue &v : scenes.value("labelsets"_L1).toArray())
        labelsets.append(v.toObject().value("name"_L1).toString());
    QCOMPARE(labelsets, (QStringList{u"ground-truth"_s, u"predictions"_s}));
    QCOMPARE(f.http.get(u"/datasets/demo/street-shapes/"_s, key)
                 .object()
                 .value("task_type"_L1)
                 .toString(),
             u"vector"_s);
    QCOMPARE(
        f.http.get(u"/datasets/demo/scale-20/"_s, key).object().value("samples_count"_L1).toInt(),
        20);
}

void TestServerDemo::streetScenesCategories() {
    const QJsonArray categories = f.http.get(u"/datasets/demo/street-scenes/"_s, key)
                                      .object()
                                      .value("task_attributes"_L1)
                                      .toObject()
                                      .value("categories"_L1)
                                      .toArray();
    QCOMPARE(categories.size(), 8);
    QSet<int> ids;
    QSet<QString> names, inputTypes;
    int things = 0;
    for (const QJsonValue &v : categories) {
        const QJsonObject c = v.toObject();
        ids.insert(c.value("id"_L1).toInt());
        names.insert(c.value("name"_L1).toString());
        const QJsonArray color = c.value("color"_L1).toArray();
        QVERIFY(color.size() == 3 || color.size() == 4);
        for (const QJsonValue &ch : color)
            QVERIFY(ch.isDouble() && ch.toInt() >= 0 && ch.toInt() <= 255);
        things += c.value("has_instances"_L1).toBool() ? 1 : 0;
        for (const QJsonValue &a : c.value("attributes"_L1).toArray())
            inputTypes.insert(a.toObject().value("input_type"_L1).toString());
    }
    QCOMPARE(ids.size(), 8);
    QCOMPARE(names.size(), 8);
    QVERIFY(!ids.contains(0));
    for (const char *n : {"road", "sky", "car", "person"})
        QVERIFY2(names.contains(QString::fromLatin1(n)), n);
    QVERIFY(things >= 3 && things < 8);
    QVERIFY(inputTypes.contains(u"checkbox"_s));
    QVERIFY(inputTypes.contains(u"select"_s));
}

void TestServerDemo::streetScenesSamples() {
    const QJsonArray list = samples(u"street-scenes"_s, u"ground-truth"_s);
    QCOMPARE(list.size(), 6);
    QSet<QString> statuses;
    for (const QJsonValue &v : list) {
        const QJsonObject s = v.toObject();
        requireFields(s, kSampleFields, "Sample");
        const QJsonObject m = s.value("metadata"_L1).toObject();
        for (const char *k : {"weather", "time_of_day", "city"})
            QVERIFY2(m.value(QLatin1StringView(k)).isString(), k);
        QVERIFY(m.value("speed_kmh"_L1).isDouble());
        statuses.insert(s.value("label"_L1).toObject().value("label_status"_L1).toString());
        if (s.value("label"_L1).toObject().value("label_status"_L1).toString() != "UNLABELED"_L1)
            requireFields(s.value("label"_L1).toObject(), kLabelFields, "Label");
    }
    QVERIFY2(statuses.size() >= 3,
             qPrintable(QStringList(statuses.begin(), statuses.end()).join(u',')));
    QVERIFY(statuses.contains(u"UNLABELED"_s));
    // The first image: a 1280x720 JPEG, served without a key, identical on every fetch.
    const QString url = list.first()
                            .toObject()
                            .value("attributes"_L1)
                            .toObject()
                            .value("image"_L1)
                            .toObject()
                            .value("url"_L1)
                            .toString();
    QVERIFY2(url.startsWith(f.baseUrl().toString() + u"/assets/"_s), qPrintable(url));
    const HttpResult image = fetch(url);
    QCOMPARE(image.status, 200);
    QCOMPARE(image.header("Content-Type"), QByteArray("image/jpeg"));
    const QImage decoded = QImage::fromData(image.body, "JPG");
    QCOMPARE(decoded.size(), QSize(1280, 720));
    // Drawn, not noise and not flat: a handful of distinct colours dominate a coarse sample.
    QSet<QRgb> colours;
    for (int y = 0; y < 720; y += 40)
        for (int x = 0; x < 1280; x += 40)
            colours.insert(decoded.pixel(x, y) & 0xF0F0F0);
    QVERIFY2(colours.size() > 4 && colours.size() < 500,
             qPrintable(QString::number(colours.size())));
}

void TestServerDemo::bitmapsMatchAnnotations_data() {
    QTest::addColumn<QString>("labelset");
    QTest::newRow("ground-truth") << u"ground-truth"_s;
    QTest::newRow("predictions") << u"predictions"_s;
}

void TestServerDemo::bitmapsMatchAnnotations() {
    QFETCH(QString, labelset);
    const QJsonObject ta = f.http.get(u"/datasets/demo/street-scenes/"_s, key)
                               .object()
                               .value("task_attributes"_L1)
                               .toObject();
    QSet<int> categoryIds;
    for (const QJsonValue &c : ta.value("categories"_L1).toArray())
        categoryIds.insert(c.toObject().value("id"_L1).toInt());
    int checked = 0;
    for (const QJsonValue &v : samples(u"street-scenes"_s, labelset)) {
        const QJsonObject label = v.toObject().value("label"_L1).toObject();
        const QString status = label.value("label_status"_L1).toString();
        if (status == "UNLABELED"_L1 || status == "SKIPPED"_L1)
            continue;
        const QJsonObject attrs = label.value("attributes"_L1).toObject();
        QSet<qint64> annotated;
        for (const QJsonValue &a : attrs.value("annotations"_L1).toArray()) {
            annotated.insert(a.toObject().value("id"_L1).toInteger());
            QVERIFY(categoryIds.contains(a.toObject().value("category_id"_L1).toInt()));
        }
        QVERIFY(!annotated.isEmpty());
        const HttpResult png =
            fetch(attrs.value("segmentation_bitmap"_L1).toObject().value("url"_L1).toString());
        QCOMPARE(png.status, 200);
        QCOMPARE(png.header("Content-Type"), QByteArray("image/png"));
        QVERIFY(png.body.startsWith("\x89PNG"));
        const QImage bitmap =
            QImage::fromData(png.body, "PNG").convertToFormat(QImage::Format_RGBA8888);
        QCOMPARE(bitmap.size(), QSize(1280, 720));
        QSet<qint64> seen;
        for (int y = 0; y < bitmap.height(); ++y) {
            const uchar *p = bitmap.constScanLine(y);
            for (int x = 0; x < bitmap.width(); ++x, p += 4) {
                const qint64 id = p[0] | (p[1] << 8) | (qint64(p[2]) << 16);
                if (id != 0)
                    seen.insert(id);
            }
        }
        QVERIFY(!seen.isEmpty());
        for (qint64 id : std::as_const(seen))
            QVERIFY2(annotated.contains(id),
                     qPrintable(u"pixel id %1 has no annotation"_s.arg(id)));
        ++checked;
    }
    QVERIFY(checked >= 2);
}

void TestServerDemo::skippedLabelsHaveNoBitmap() {
    int skipped = 0;
    for (const QString &ds : {u"street-scenes"_s, u"scale-20"_s}) {
        for (const QJsonValue &v : samples(ds, u"ground-truth"_s)) {
            const QJsonObject label = v.toObject().value("label"_L1).toObject();
            if (label.value("label_status"_L1).toString() != "SKIPPED"_L1)
                continue;
            ++skipped;
            const QJsonValue url = label.value("attributes"_L1)
                                       .toObject()
                                       .value("segmentation_bitmap"_L1)
                                       .toObject()
                                       .value("url"_L1);
            QVERIFY2(url.isUndefined() || url.isNull() || url.toString().isEmpty(),
                     qPrintable(url.toString()));
            QVERIFY(label.value("attributes"_L1)
                        .toObject()
                        .value("annotations"_L1)
                        .toArray()
                        .isEmpty());
        }
    }
    QVERIFY(skipped >= 1);
    QCOMPARE(
        f.http.get(u"/datasets/demo/scale-20/samples/?label_status=SKIPPED"_s, key).array().size(),
        skipped);
}

void TestServerDemo::streetShapesVectorLabels() {
    QSet<QString> types;
    for (const QJsonValue &v : samples(u"street-shapes"_s, u"ground-truth"_s)) {
        const QJsonObject label = v.toObject().value("label"_L1).toObject();
        if (label.value("label_status"_L1).toString() == "UNLABELED"_L1)
            continue;
        QCOMPARE(label.value("label_type"_L1).toString(), u"vector"_s);
        for (const QJsonValue &a :
             label.value("attributes"_L1).toObject().value("annotations"_L1).toArray()) {
            const QJsonObject ann = a.toObject();
            const QString type = ann.value("type"_L1).toString();
            const QJsonArray points = ann.value("points"_L1).toArray();
            types.insert(type);
            if (type == "bbox"_L1) {
                QCOMPARE(points.size(), 2);
                const QJsonArray p0 = points.at(0).toArray(), p1 = points.at(1).toArray();
                QVERIFY(p0.at(0).toDouble() < p1.at(0).toDouble());
                QVERIFY(p0.at(1).toDouble() < p1.at(1).toDouble());
                QVERIFY(p1.at(0).toDouble() <= 1280 && p1.at(1).toDouble() <= 720);
            } else {
                QCOMPARE(type, u"polygon"_s);
                QVERIFY(points.size() >= 3);
            }
        }
    }
    QVERIFY(types.contains(u"bbox"_s));
    QVERIFY(types.contains(u"polygon"_s));
}

void TestServerDemo::rejectedSamplesHaveOpenIssues() {
    // The viewer has issues to show: the first rejected samples (at most three) carry one each,
    // OPEN, written by the demo user.
    QSet<QString> rejected;
    for (const QJsonValue &s : samples(u"street-scenes"_s, u"ground-truth"_s)) {
        if (s["label"_L1]["label_status"_L1].toString() == "REJECTED"_L1)
            rejected.insert(s["uuid"_L1].toString());
    }
    QVERIFY(!rejected.isEmpty());
    const HttpResult r = f.http.get(u"/datasets/demo/street-scenes/issues/"_s, key);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(r.array().size(), std::min<qsizetype>(rejected.size(), 3));
    for (const QJsonValue &issue : r.array()) {
        QVERIFY2(rejected.contains(issue["sample_uuid"_L1].toString()), r.describe());
        QCOMPARE(issue["status"_L1].toString(), u"OPEN"_s);
        QCOMPARE(issue["created_by"_L1].toString(), u"demo"_s);
        QVERIFY(!issue["description"_L1].toString().isEmpty());
        // The sample's own GET carries it too.
        const HttpResult sample =
            f.http.get(u"/samples/"_s + issue["sample_uuid"_L1].toString() + u'/', key);
        QCOMPARE(sample.object().value("issues"_L1).toArray(), QJsonArray{issue});
    }
}

void TestServerDemo::restartKeepsDemoAndRevokesOldKey() {
    const QByteArray issuesBefore = f.http.get(u"/datasets/demo/street-scenes/issues/"_s, key).body;
    const QByteArray before =
        f.http
            .get(
                u"/datasets/demo/street-scenes/samples/?labelset=ground-truth&include_full_label=1"_s,
                key)
            .body;
    const QString dir = f.dataDir();
    f.stop();
    segscope::server::ServerOptions options;
    options.demo = true;
    options.demoImages = 6;
    options.demoSamples = 20;
    QString error;
    QVERIFY2(f.start(options, &error), qPrintable(error));
    const QString fresh = f.server()->demoKey();
    QVERIFY(fresh != key);
    QCOMPARE(f.http.get(u"/user"_s, key).status, 401); // the previous start's key is revoked
    const HttpResult after = f.http.get(
        u"/datasets/demo/street-scenes/samples/?labelset=ground-truth&include_full_label=1"_s,
        fresh);
    QCOMPARE(after.status, 200);
    QCOMPARE(after.array().size(), 6);
    // Not regenerated: the same uuids and labels (asset urls follow the new port).
    const QJsonArray a = QJsonDocument::fromJson(before).array(), b = after.array();
    for (qsizetype i = 0; i < a.size(); ++i) {
        QCOMPARE(b.at(i).toObject().value("uuid"_L1), a.at(i).toObject().value("uuid"_L1));
        QCOMPARE(b.at(i).toObject().value("label"_L1).toObject().value("updated_at"_L1),
                 a.at(i).toObject().value("label"_L1).toObject().value("updated_at"_L1));
    }
    // Nor are the issues made twice.
    QCOMPARE(f.http.get(u"/datasets/demo/street-scenes/issues/"_s, fresh).json(),
             QJsonDocument::fromJson(issuesBefore).array());
    key = fresh;
}

SEGSCOPE_TEST_MAIN(TestServerDemo)
#include "tst_server_demo.moc"
