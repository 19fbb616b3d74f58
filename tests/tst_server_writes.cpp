// Writes over HTTP: PATCH checks a value exactly as the create (POST, or PUT for labels) does, on
// every resource, with one table (docs/api-contract.md §4); and image sequences: samples with
// frames, labels of the sequence task types with per-frame annotations.
#include "support/serverfixture.h"
#include "support/testmain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::test::HttpResult;
using segscope::test::ServerFixture;

class TestServerWrites : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void createAndPatchAgree_data();
    void createAndPatchAgree();
    void labelsetsHaveNoPatch();
    void sequenceSamples_data();
    void sequenceSamples();
    void sequenceLabels_data();
    void sequenceLabels();

private:
    QString newSample(const QString &dataset, const QString &name, const QJsonObject &attributes);
    ServerFixture f;
    QString key;
    QString sampleUuid; //!< in writer/main, with a ground-truth label
};

namespace {

const QString kDataset = u"writer/main"_s;

QJsonObject image(const QString &url) {
    return QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, url}}}};
}

QJsonObject annotation(int id, int category) {
    return QJsonObject{{"id"_L1, id}, {"category_id"_L1, category}};
}

QJsonObject goodLabelAttributes() {
    return QJsonObject{
        {"format_version"_L1, u"0.1"_s},
        {"annotations"_L1, QJsonArray{annotation(1, 1)}},
        {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, u"https://x.invalid/b.png"_s}}}};
}

QJsonObject tracked(int id, int category) {
    return QJsonObject{{"id"_L1, id}, {"category_id"_L1, category}, {"track_id"_L1, id}};
}

QJsonObject segmentationFrame(const QJsonArray &annotations) {
    return QJsonObject{
        {"annotations"_L1, annotations},
        {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, u"https://x.invalid/f.png"_s}}}};
}

QJsonObject vectorFrame(const QJsonArray &annotations) {
    return QJsonObject{{"annotations"_L1, annotations}, {"timestamp"_L1, u"1"_s}};
}

QJsonObject box(int id, int category, int track) {
    return QJsonObject{{"id"_L1, id},
                       {"category_id"_L1, category},
                       {"track_id"_L1, track},
                       {"type"_L1, u"bbox"_s},
                       {"points"_L1, QJsonArray{QJsonArray{1.0, 2.0}, QJsonArray{3.0, 4.0}}}};
}

} // namespace

QString TestServerWrites::newSample(const QString &dataset, const QString &name,
                                    const QJsonObject &attributes) {
    const HttpResult r =
        f.http.post(u"/datasets/"_s + dataset + u"/samples/"_s,
                    QJsonObject{{"name"_L1, name}, {"attributes"_L1, attributes}}, key);
    if (r.status != 201)
        qWarning("newSample: %s", r.describe().constData());
    return r.object().value("uuid"_L1).toString();
}

void TestServerWrites::initTestCase() {
    QString error;
    QVERIFY2(f.start({}, &error), qPrintable(error));
    key = f.addUser(u"writer"_s);
    QVERIFY(!f.createDataset(key, u"main"_s).isEmpty());
    sampleUuid = newSample(kDataset, u"taken"_s, image(u"https://x.invalid/t.jpg"_s));
    QVERIFY(!sampleUuid.isEmpty());
    QVERIFY(!newSample(kDataset, u"other"_s, image(u"https://x.invalid/o.jpg"_s)).isEmpty());
    const HttpResult label = f.http.put(u"/labels/"_s + sampleUuid + u"/ground-truth/"_s,
                                        QJsonObject{{"attributes"_L1, goodLabelAttributes()}}, key);
    QVERIFY2(label.status == 200, label.describe());
    QVERIFY(!f.createDataset(key, u"patchable"_s).isEmpty());
    QVERIFY(!f.createDataset(key, u"segseq"_s, {{"task_type"_L1, u"image-segmentation-sequence"_s}})
                 .isEmpty());
    QVERIFY(!f.createDataset(key, u"vec"_s, {{"task_type"_L1, u"vector"_s}}).isEmpty());
    QVERIFY(!f.createDataset(key, u"vecseq"_s, {{"task_type"_L1, u"image-vector-sequence"_s}})
                 .isEmpty());
}

void TestServerWrites::createAndPatchAgree_data() {
    // resource: dataset | sample | label; the create body is a valid minimal one plus `field`.
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("message"); // a part of the field's message

    QTest::newRow("dataset name slug")
        << u"dataset"_s << u"name"_s << QJsonValue(u"a b"_s) << u"Use letters"_s;
    QTest::newRow("dataset name taken")
        << u"dataset"_s << u"name"_s << QJsonValue(u"main"_s) << u"already exists"_s;
    QTest::newRow("dataset description null")
        << u"dataset"_s << u"description"_s << QJsonValue() << u"Not a valid string."_s;
    QTest::newRow("dataset public number")
        << u"dataset"_s << u"public"_s << QJsonValue(1) << u"Must be a valid boolean."_s;
    QTest::newRow("dataset flag null") << u"dataset"_s << u"enable_interpolation"_s << QJsonValue()
                                       << u"Must be a valid boolean."_s;
    QTest::newRow("dataset category")
        << u"dataset"_s << u"category"_s << QJsonValue(u"cats"_s) << u"is not a valid choice"_s;
    QTest::newRow("dataset task_type")
        << u"dataset"_s << u"task_type"_s << QJsonValue(u"x"_s) << u"is not a valid choice"_s;
    QTest::newRow("dataset metadata")
        << u"dataset"_s << u"metadata"_s << QJsonValue(u"m"_s) << u"Expected a JSON object."_s;
    QTest::newRow("dataset task_attributes")
        << u"dataset"_s << u"task_attributes"_s << QJsonValue(u"[1]"_s)
        << u"The string is not a JSON object."_s;

    QTest::newRow("sample name blank")
        << u"sample"_s << u"name"_s << QJsonValue(u"  "_s) << u"Not a valid string."_s;
    QTest::newRow("sample name long") << u"sample"_s << u"name"_s << QJsonValue(QString(256, u'n'))
                                      << u"no more than 255 characters"_s;
    QTest::newRow("sample name taken")
        << u"sample"_s << u"name"_s << QJsonValue(u"taken"_s) << u"already exists"_s;
    QTest::newRow("sample attributes list")
        << u"sample"_s << u"attributes"_s << QJsonValue(QJsonArray{})
        << u"Expected a JSON object."_s;
    QTest::newRow("sample image url empty")
        << u"sample"_s << u"attributes"_s << QJsonValue(image(QString()))
        << u"attributes.image.url"_s;
    QTest::newRow("sample frames object")
        << u"sample"_s << u"attributes"_s << QJsonValue(QJsonObject{{"frames"_L1, QJsonObject{}}})
        << u"attributes.frames: expected an array"_s;
    QTest::newRow("sample frame url empty")
        << u"sample"_s << u"attributes"_s
        << QJsonValue(QJsonObject{
               {"frames"_L1, QJsonArray{image(u"https://x.invalid/1.jpg"_s), image(QString())}}})
        << u"attributes.frames[1].image.url"_s;
    QTest::newRow("sample metadata")
        << u"sample"_s << u"metadata"_s << QJsonValue(5) << u"Expected a JSON object."_s;
    QTest::newRow("sample priority") << u"sample"_s << u"priority"_s << QJsonValue(u"high"_s)
                                     << u"A valid number is required."_s;
    QTest::newRow("sample readme null")
        << u"sample"_s << u"readme"_s << QJsonValue() << u"Not a valid string."_s;
    QTest::newRow("sample labeler number")
        << u"sample"_s << u"assigned_labeler"_s << QJsonValue(3) << u"Not a valid string."_s;

    QTest::newRow("label status unlabeled")
        << u"label"_s << u"label_status"_s << QJsonValue(u"UNLABELED"_s) << u"not a valid choice"_s;
    QTest::newRow("label status unknown")
        << u"label"_s << u"label_status"_s << QJsonValue(u"DONE"_s) << u"not a valid choice"_s;
    QTest::newRow("label status null")
        << u"label"_s << u"label_status"_s << QJsonValue() << u"not a valid choice"_s;
    QTest::newRow("label score text")
        << u"label"_s << u"score"_s << QJsonValue(u"0.5"_s) << u"A valid number is required."_s;
    QTest::newRow("label attributes list")
        << u"label"_s << u"attributes"_s << QJsonValue(QJsonArray{}) << u"must be an object"_s;
    QTest::newRow("label attributes text")
        << u"label"_s << u"attributes"_s << QJsonValue(u"{nope"_s) << u"not a JSON object"_s;
    QTest::newRow("label unknown category")
        << u"label"_s << u"attributes"_s
        << QJsonValue(QJsonObject{{"annotations"_L1, QJsonArray{annotation(1, 9)}}})
        << u"category_id 9 is not a category"_s;
    QTest::newRow("label id twice")
        << u"label"_s << u"attributes"_s
        << QJsonValue(
               QJsonObject{{"annotations"_L1, QJsonArray{annotation(4, 1), annotation(4, 2)}}})
        << u"annotation id 4 is used twice"_s;
    QTest::newRow("label id too large")
        << u"label"_s << u"attributes"_s
        << QJsonValue(QJsonObject{{"annotations"_L1, QJsonArray{annotation(16777216, 1)}}})
        << u"16777215"_s;
}

void TestServerWrites::createAndPatchAgree() {
    QFETCH(QString, resource);
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, message);

    QString createPath, patchPath;
    QByteArray createVerb = "POST";
    QJsonObject create;
    if (resource == "dataset"_L1) {
        createPath = u"/user/datasets/"_s;
        patchPath = u"/datasets/writer/patchable/"_s;
        create = QJsonObject{{"name"_L1, u"brand-new"_s}};
    } else if (resource == "sample"_L1) {
        createPath = u"/datasets/writer/main/samples/"_s;
        patchPath =
            u"/samples/"_s +
            newSample(kDataset, u"patched-"_s + QString::fromLatin1(QTest::currentDataTag()),
                      image(u"https://x.invalid/p.jpg"_s)) +
            u'/';
        create = QJsonObject{{"name"_L1, u"brand-new"_s},
                             {"attributes"_L1, image(u"https://x.invalid/n.jpg"_s)}};
    } else {
        createVerb = "PUT";
        const QString fresh =
            newSample(kDataset, u"unlabelled-"_s + QString::fromLatin1(QTest::currentDataTag()),
                      image(u"https://x.invalid/u.jpg"_s));
        createPath = u"/labels/"_s + fresh + u"/ground-truth/"_s;
        patchPath = u"/labels/"_s + sampleUuid + u"/ground-truth/"_s;
        create = QJsonObject{{"attributes"_L1, goodLabelAttributes()}};
    }
    create.insert(field, value);
    const QJsonObject before = f.http.get(patchPath, key).object();
    QVERIFY(!before.isEmpty());

    const HttpResult created =
        f.http.request(createVerb, createPath, QJsonDocument(create).toJson(), key);
    QVERIFY2(created.status == 400, created.describe());
    const QJsonArray messages = created.object().value(field).toArray();
    QVERIFY2(messages.size() == 1 && messages.first().toString().contains(message),
             created.describe());
    const HttpResult patched = f.http.patch(patchPath, QJsonObject{{field, value}}, key);
    QVERIFY2(patched.status == 400, patched.describe());
    QCOMPARE(patched.object(), created.object());
    // Refused means unchanged, and the create stored nothing.
    QCOMPARE(f.http.get(patchPath, key).object(), before);
    if (resource == "label"_L1)
        QCOMPARE(f.http.get(createPath, key).status, 404);
    else
        QCOMPARE(f.http.get(u"/datasets/writer/main/samples/?name__contains=brand-new"_s, key)
                     .array()
                     .size(),
                 0);
    QCOMPARE(f.http.get(u"/datasets/writer/brand-new/"_s, key).status, 404);
}

void TestServerWrites::labelsetsHaveNoPatch() {
    // Labelsets are created and deleted, never edited: neither the SDK nor the API docs have an
    // update, so PATCH is 405 and the create is the only reader there is.
    const QString base = u"/datasets/writer/main/labelsets/"_s;
    const HttpResult patch =
        f.http.patch(base + u"ground-truth/"_s, QJsonObject{{"description"_L1, u"d"_s}}, key);
    QCOMPARE(patch.status, 405);
    QCOMPARE(patch.message(), u"Method \"PATCH\" not allowed."_s);
    const HttpResult bad =
        f.http.post(base, QJsonObject{{"name"_L1, u"x y"_s}, {"description"_L1, u"d"_s}}, key);
    QCOMPARE(bad.status, 400);
    QVERIFY(bad.object().value("name"_L1).toArray().first().toString().contains("Use letters"_L1));
}

void TestServerWrites::sequenceSamples_data() {
    QTest::addColumn<QJsonObject>("attributes");
    QTest::addColumn<QString>("error"); // empty: accepted
    const QJsonObject frame1 =
        QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, u"https://x.invalid/1.jpg"_s}}},
                    {"name"_L1, u"one"_s},
                    {"timestamp"_L1, 1}};
    const QJsonObject frame2 = image(u"https://x.invalid/2.jpg"_s);
    QTest::newRow("two frames") << QJsonObject{{"frames"_L1, QJsonArray{frame1, frame2}}}
                                << QString();
    QTest::newRow("no frames") << QJsonObject{{"frames"_L1, QJsonArray{}}} << QString();
    QTest::newRow("frame without image")
        << QJsonObject{{"frames"_L1, QJsonArray{QJsonObject{{"name"_L1, u"x"_s}}}}} << QString();
    QTest::newRow("frame not an object") << QJsonObject{{"frames"_L1, QJsonArray{frame1, 5}}}
                                         << u"attributes.frames[1]: expected an object"_s;
    QTest::newRow("frame image null")
        << QJsonObject{{"frames"_L1, QJsonArray{QJsonObject{{"image"_L1, QJsonValue()}}}}}
        << u"attributes.frames[0].image.url: expected a non-empty string"_s;
    QTest::newRow("frame url number")
        << QJsonObject{{"frames"_L1,
                        QJsonArray{frame1, QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, 3}}}}}}}
        << u"attributes.frames[1].image.url: expected a non-empty string"_s;
}

void TestServerWrites::sequenceSamples() {
    QFETCH(QJsonObject, attributes);
    QFETCH(QString, error);
    const QString name =
        u"seq-"_s + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
    const HttpResult r =
        f.http.post(u"/datasets/writer/vecseq/samples/"_s,
                    QJsonObject{{"name"_L1, name}, {"attributes"_L1, attributes}}, key);
    if (error.isEmpty()) {
        QVERIFY2(r.status == 201, r.describe());
        QCOMPARE(r.object().value("attributes"_L1).toObject(), attributes);
        const QString uuid = r.object().value("uuid"_L1).toString();
        QCOMPARE(f.http.get(u"/samples/"_s + uuid + u'/', key)
                     .object()
                     .value("attributes"_L1)
                     .toObject(),
                 attributes);
    } else {
        QCOMPARE(r.status, 400);
        QCOMPARE(r.object().value("attributes"_L1).toArray().first().toString(), error);
    }
}

void TestServerWrites::sequenceLabels_data() {
    QTest::addColumn<QString>("dataset");
    QTest::addColumn<QJsonObject>("attributes");
    QTest::addColumn<QString>("error"); // a part of the message; empty: accepted
    const QJsonArray good{tracked(1, 1), tracked(2, 2)};
    QTest::newRow("segmentation frames")
        << u"segseq"_s
        << QJsonObject{{"format_version"_L1, u"0.2"_s},
                       {"frames"_L1, QJsonArray{segmentationFrame(good), segmentationFrame({})}}}
        << QString();
    QTest::newRow("segmentation frame null url")
        << u"segseq"_s
        << QJsonObject{{"frames"_L1,
                        QJsonArray{QJsonObject{
                            {"annotations"_L1, QJsonArray{}},
                            {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, QJsonValue()}}}}}}}
        << QString();
    QTest::newRow("vector frames")
        << u"vecseq"_s
        << QJsonObject{{"frames"_L1, QJsonArray{vectorFrame({box(1, 1, 7), box(2, 2, 8)}),
                                                vectorFrame({box(1, 1, 7)})}}}
        << QString();
    QTest::newRow("no frames key") << u"vecseq"_s << QJsonObject{{"annotations"_L1, QJsonArray{}}}
                                   << u"frames: a sequence label needs a list of frames"_s;
    QTest::newRow("frame without annotations")
        << u"vecseq"_s << QJsonObject{{"frames"_L1, QJsonArray{vectorFrame({}), QJsonObject{}}}}
        << u"frames[1].annotations: expected a list"_s;
    QTest::newRow("segmentation frame without bitmap")
        << u"segseq"_s << QJsonObject{{"frames"_L1, QJsonArray{vectorFrame({tracked(1, 1)})}}}
        << u"frames[0].segmentation_bitmap: expected an object"_s;
    QTest::newRow("frame unknown category")
        << u"vecseq"_s
        << QJsonObject{{"frames"_L1,
                        QJsonArray{vectorFrame({box(1, 1, 1)}), vectorFrame({box(1, 5, 1)})}}}
        << u"frames[1]: annotation 1: category_id 5 is not a category"_s;
    QTest::newRow("frame id twice")
        << u"segseq"_s
        << QJsonObject{{"frames"_L1, QJsonArray{segmentationFrame({tracked(3, 1), tracked(3, 2)})}}}
        << u"frames[0]: annotation id 3 is used twice"_s;
    QTest::newRow("segmentation frame without track_id")
        << u"segseq"_s
        << QJsonObject{{"frames"_L1,
                        QJsonArray{segmentationFrame({tracked(1, 1), annotation(2, 1)})}}}
        << u"frames[0]: annotation 2: track_id is required in a sequence"_s;
    QJsonObject untracked = box(4, 1, 1);
    untracked.remove("track_id"_L1);
    QTest::newRow("vector frame without track_id")
        << u"vecseq"_s << QJsonObject{{"frames"_L1, QJsonArray{vectorFrame({untracked})}}}
        << u"frames[0]: annotation 4: track_id is required in a sequence"_s;
    QJsonObject shapeless = box(5, 1, 1);
    shapeless.remove("type"_L1);
    QTest::newRow("vector frame without type")
        << u"vecseq"_s << QJsonObject{{"frames"_L1, QJsonArray{vectorFrame({shapeless})}}}
        << u"frames[0]: annotation 5: type must be bbox, polygon, polyline or point"_s;
    QTest::newRow("vector shapes")
        << u"vec"_s << QJsonObject{{"annotations"_L1, QJsonArray{box(1, 1, 1), box(2, 2, 2)}}}
        << QString();
    QTest::newRow("vector without type")
        << u"vec"_s << QJsonObject{{"annotations"_L1, QJsonArray{shapeless}}}
        << u"annotation 5: type must be bbox, polygon, polyline or point"_s;
    QJsonObject circle = box(6, 1, 1);
    circle.insert("type"_L1, u"circle"_s);
    QTest::newRow("vector unknown type")
        << u"vec"_s << QJsonObject{{"annotations"_L1, QJsonArray{circle}}}
        << u"annotation 6: type must be bbox, polygon, polyline or point"_s;
    QJsonObject pointless = box(7, 1, 1);
    pointless.remove("points"_L1);
    QTest::newRow("vector without points")
        << u"vec"_s << QJsonObject{{"annotations"_L1, QJsonArray{pointless}}}
        << u"annotation 7: points: expected a list of [x, y]"_s;
    QTest::newRow("frame annotation id missing")
        << u"segseq"_s
        << QJsonObject{{"frames"_L1,
                        QJsonArray{segmentationFrame({QJsonObject{{"category_id"_L1, 1}}})}}}
        << u"frames[0].annotations[0].id"_s;
}

void TestServerWrites::sequenceLabels() {
    QFETCH(QString, dataset);
    QFETCH(QJsonObject, attributes);
    QFETCH(QString, error);
    const QString uuid = newSample(
        u"writer/"_s + dataset, QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'),
        QJsonObject{{"frames"_L1, QJsonArray{image(u"https://x.invalid/1.jpg"_s)}}});
    QVERIFY(!uuid.isEmpty());
    const QString path = u"/labels/"_s + uuid + u"/ground-truth/"_s;
    const HttpResult put = f.http.put(path, QJsonObject{{"attributes"_L1, attributes}}, key);
    if (!error.isEmpty()) {
        QCOMPARE(put.status, 400);
        QVERIFY2(put.object().value("attributes"_L1).toArray().first().toString().contains(error),
                 put.describe());
        QCOMPARE(f.http.get(path, key).status, 404);
        return;
    }
    QVERIFY2(put.status == 200, put.describe());
    const QJsonObject label = put.object();
    const QString taskType = dataset == "segseq"_L1   ? u"image-segmentation-sequence"_s
                             : dataset == "vecseq"_L1 ? u"image-vector-sequence"_s
                                                      : u"vector"_s;
    QCOMPARE(label.value("label_type"_L1).toString(), taskType);
    const QJsonObject stored = label.value("attributes"_L1).toObject();
    QCOMPARE(stored.value("frames"_L1).toArray(), attributes.value("frames"_L1).toArray());
    QCOMPARE(stored.value("annotations"_L1).toArray().size(),
             attributes.value("annotations"_L1).toArray().size());
    // The sample GET with the labelset carries it whole, and PATCH checks frames the same way.
    QCOMPARE(f.http.get(u"/samples/"_s + uuid + u"/?labelset=ground-truth"_s, key)
                 .object()
                 .value("label"_L1)
                 .toObject(),
             f.http.get(path, key).object());
    if (dataset == "vec"_L1)
        return;
    const HttpResult patched = f.http.patch(
        path, QJsonObject{{"attributes"_L1, QJsonObject{{"frames"_L1, QJsonArray{5}}}}}, key);
    QCOMPARE(patched.status, 400);
    QVERIFY2(patched.object()
                 .value("attributes"_L1)
                 .toArray()
                 .first()
                 .toString()
                 .contains("frames[0]: expected an object"_L1),
             patched.describe());
}

SEGSCOPE_TEST_MAIN(TestServerWrites)
#include "tst_server_writes.moc"
