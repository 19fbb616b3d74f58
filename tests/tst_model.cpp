// Value types: reading with validation and JSON paths, and round-trips through toJson.
#include "support/testdata.h"
#include "support/testmain.h"

#include "wire/dataset.h"
#include "wire/file.h"
#include "wire/sample.h"
#include "wire/vocabulary.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope::wire;
using segscope::test::readData;

class TestModel : public QObject {
    Q_OBJECT

private slots:
    void samplePage();
    void sampleRoundTrip();
    void badInput_data();
    void badInput();
    void dataset();
    void datasetMissingFlag();
    void label();
    void skippedLabelHasNoBitmap();
    void vectorAnnotations();
    void file();
    void vocabulary();
    void times_data();
    void times();
};

void TestModel::samplePage() {
    JsonError error;
    const QList<Sample> samples =
        readList<Sample>(QJsonDocument::fromJson(readData(u"sample_page.json"_s)).array(), &error);
    QVERIFY2(!error.isSet(), qPrintable(error.toString()));
    QCOMPARE(samples.size(), 2);
    const Sample &s = samples.at(0);
    QCOMPARE(s.name, u"frame_0001.jpg"_s);
    QCOMPARE(s.imageUrl, u"https://assets.example/a.jpg"_s);
    QCOMPARE(s.metadata.value("speed"_L1).toDouble(), 12.5);
    QCOMPARE(s.createdAt.toUTC().time().msec(), 123);
    QVERIFY(!s.assignedLabeler.has_value());
    QCOMPARE(s.assignedReviewer.value_or(QString()), u"ann"_s);
    QVERIFY(s.label.has_value());
    QCOMPARE(s.label->labelStatus, u"LABELED"_s);
    QCOMPARE(s.label->score.value_or(0), 0.9);
    const Sample &seq = samples.at(1);
    QCOMPARE(seq.frames.size(), 2);
    QCOMPARE(seq.frames.at(0).timestamp.value_or(0), 1.5);
    QCOMPARE(seq.displayImageUrl(), u"https://assets.example/f0.jpg"_s);
    QVERIFY(!seq.label.has_value());
}

void TestModel::sampleRoundTrip() {
    JsonError error;
    const QList<Sample> samples =
        readList<Sample>(QJsonDocument::fromJson(readData(u"sample_page.json"_s)).array(), &error);
    QVERIFY(!error.isSet());
    for (const Sample &s : samples) {
        JsonError again;
        const auto copy = readValue<Sample>(s.toJson(), &again);
        QVERIFY2(copy.has_value(), qPrintable(again.toString()));
        QCOMPARE(copy->toJson(), s.toJson());
    }
}

// What the client cannot do without (uuid, name, attributes; a label's object) is an error with
// its path; everything else is tolerated (see tst_wire_tolerance).
void TestModel::badInput_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    const QByteArray ok = R"({"uuid":"u","name":"n","attributes":{})";
    QTest::newRow("not an array") << QByteArray("{}") << u"expected an array"_s;
    QTest::newRow("not an object")
        << QByteArray("[1]") << u"[0]: expected an object, got a number"_s;
    QTest::newRow("missing uuid") << QByteArray(R"([{"name":"n","attributes":{}}])")
                                  << u"[0].uuid: required field is missing"_s;
    QTest::newRow("name a number") << QByteArray(R"([{"uuid":"u","name":3,"attributes":{}}])")
                                   << u"[0].name: expected a string, got a number"_s;
    QTest::newRow("missing attributes")
        << QByteArray("[" + ok + "}," + R"({"uuid":"u2","name":"n2"}])")
        << u"[1].attributes: required field is missing"_s;
    QTest::newRow("attributes an array")
        << QByteArray(R"([{"uuid":"u","name":"n","attributes":[]}])")
        << u"[0].attributes: expected an object, got an array"_s;
    QTest::newRow("label not an object") << QByteArray("[" + ok + R"(,"label":"LABELED"}])")
                                         << u"[0].label: expected an object, got a string"_s;
    QTest::newRow("frame not an object")
        << QByteArray(
               R"([{"uuid":"u","name":"n","attributes":{"frames":[{"image":{"url":"a"}},7]}}])")
        << u"[0].attributes.frames[1]: expected an object, got a number"_s;
    QTest::newRow("full label's annotations not a list")
        << QByteArray("[" + ok + R"(,"label":{"attributes":{"annotations":{}}}}])")
        << u"[0].label.attributes.annotations: expected an array, got an object"_s;
}

void TestModel::badInput() {
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    JsonError error;
    const QList<Sample> samples = readList<Sample>(
        doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()), &error);
    QVERIFY(samples.isEmpty());
    QCOMPARE(error.toString(), expected);
}

void TestModel::dataset() {
    JsonError error;
    const auto d =
        readValue<Dataset>(QJsonDocument::fromJson(readData(u"dataset.json"_s)).object(), &error);
    QVERIFY2(d.has_value(), qPrintable(error.toString()));
    QCOMPARE(d->fullName, u"demo/street-scenes"_s);
    QCOMPARE(d->owner.username, u"demo"_s);
    QCOMPARE(d->labelStats.value(u"TOTAL"_s), 4);
    QVERIFY(d->flags.enableInterpolation);
    QVERIFY(!d->flags.enableRatings);
    QCOMPARE(d->samplesCount.value_or(-1), 4);
    QVERIFY(d->taskAttributes.has_value());
    const TaskAttributes &t = *d->taskAttributes;
    QCOMPARE(t.categories.size(), 3);
    QCOMPARE(t.colorOf(1), QColor(128, 64, 128));
    // No colour of its own: the palette colour of its position (index 1 and 2).
    QCOMPARE(t.colorOf(5), QColor(0xD8, 0x52, 0x18));
    QCOMPARE(t.colorOf(9), QColor(0xEC, 0xB0, 0x1F));
    QCOMPARE(t.categories.at(1).attributes.size(), 3);
    const AttributeDefinition &len = t.categories.at(1).attributes.at(2);
    QVERIFY(!len.min.has_value()); // "" means absent
    QCOMPARE(len.max.value_or(0), 20.0);
    QCOMPARE(d->labelsets.size(), 1);
    QVERIFY(d->labelsets.at(0).isGroundtruth);

    JsonError again;
    const auto copy = readValue<Dataset>(d->toJson(), &again);
    QVERIFY2(copy.has_value(), qPrintable(again.toString()));
    QCOMPARE(copy->toJson(), d->toJson());
}

void TestModel::datasetMissingFlag() {
    // A flag the service stops sending takes its default; a missing task_type is an error.
    QJsonObject o = QJsonDocument::fromJson(readData(u"dataset.json"_s)).object();
    o.remove("enable_object_linking"_L1);
    o.remove("enable_interpolation"_L1);
    JsonError error;
    const auto d = readValue<Dataset>(o, &error);
    QVERIFY2(d.has_value(), qPrintable(error.toString()));
    QVERIFY(!d->flags.enableObjectLinking);
    QVERIFY(d->flags.enableInterpolation);
    o.remove("task_type"_L1);
    QVERIFY(!readValue<Dataset>(o, &error).has_value());
    QCOMPARE(error.toString(), u"task_type: required field is missing"_s);
    error = {};
    o = QJsonDocument::fromJson(readData(u"dataset.json"_s)).object();
    QJsonObject ta = o.value("task_attributes"_L1).toObject();
    QJsonArray cats = ta.value("categories"_L1).toArray();
    QJsonObject c = cats.at(0).toObject();
    c.insert("color"_L1, QJsonArray{300, 0, 0});
    cats.replace(0, c);
    ta.insert("categories"_L1, cats);
    o.insert("task_attributes"_L1, ta);
    // Tolerant: a colour out of range is taken as none, so the category takes the palette's.
    error = {};
    const auto tolerant = readValue<Dataset>(o, &error);
    QVERIFY2(tolerant.has_value(), qPrintable(error.toString()));
    QVERIFY(!tolerant->taskAttributes->categories.at(0).color.has_value());
    // Strict (what the server applies to a body it is asked to store): an error with its path.
    error = JsonError::strictReading();
    QVERIFY(!readValue<Dataset>(o, &error).has_value());
    QCOMPARE(error.path, u"task_attributes.categories[0].color"_s);
}

void TestModel::label() {
    JsonError error;
    const auto l = readValue<Label>(
        QJsonDocument::fromJson(readData(u"label_bitmap.json"_s)).object(), &error);
    QVERIFY2(l.has_value(), qPrintable(error.toString()));
    QCOMPARE(l->labelStatus, u"REVIEWED"_s);
    QCOMPARE(l->attributes.bitmapUrl, u"https://assets.example/bitmap.png"_s);
    QCOMPARE(l->attributes.annotations.size(), 2);
    const Annotation *car = l->attributes.annotation(70000);
    QVERIFY(car);
    QCOMPARE(car->categoryId, 5);
    QCOMPARE(car->attributes.value("occluded"_L1).toBool(), true);
    QVERIFY(!l->score.has_value());
    JsonError again;
    const auto copy = readValue<Label>(l->toJson(), &again);
    QVERIFY2(copy.has_value(), qPrintable(again.toString()));
    QCOMPARE(copy->toJson(), l->toJson());
}

void TestModel::skippedLabelHasNoBitmap() {
    QJsonObject o = QJsonDocument::fromJson(readData(u"label_bitmap.json"_s)).object();
    QJsonObject attrs = o.value("attributes"_L1).toObject();
    attrs.insert("segmentation_bitmap"_L1, QJsonObject{{"url"_L1, QJsonValue()}});
    o.insert("attributes"_L1, attrs);
    o.insert("label_status"_L1, u"SKIPPED"_s);
    JsonError error;
    const auto l = readValue<Label>(o, &error);
    QVERIFY2(l.has_value(), qPrintable(error.toString()));
    QVERIFY(l->attributes.hasBitmapField);
    QVERIFY(l->attributes.bitmapUrl.isEmpty());
}

void TestModel::vectorAnnotations() {
    const QJsonObject attrs = QJsonDocument::fromJson(
                                  R"({"format_version":"0.1","annotations":[
            {"id":1,"category_id":2,"type":"bbox","points":[[1.5,2],[10,20]]},
            {"id":2,"category_id":2,"type":"polygon","points":[[0,0],[5,0],[5,"x"]]}]})")
                                  .object();
    JsonError error;
    QVERIFY(!readValue<LabelAttributes>(attrs, &error).has_value());
    QCOMPARE(error.toString(), u"annotations[1].points[2]: expected a point [x, y]"_s);
}

void TestModel::file() {
    const QJsonObject o = QJsonDocument::fromJson(R"({"uuid":"f1","filename":"a.jpg",
        "url":"http://h/assets/f1/a.jpg","created_at":"2026-11-27T10:20:30.000Z",
        "presignedPostFields":{"url":"http://h/upload/","fields":{"acl":"public-read",
        "Content-Type":"image/jpeg","key":"assets/f1","x-amz-algorithm":"A",
        "x-amz-credential":"C","x-amz-date":"D","policy":"P","x-amz-signature":"S"}}})")
                              .object();
    JsonError error;
    const auto f = readValue<File>(o, &error);
    QVERIFY2(f.has_value(), qPrintable(error.toString()));
    QCOMPARE(f->uploadFields.size(), 8);
    QCOMPARE(f->uploadFields.at(0).first, u"key"_s);
    QCOMPARE(f->toJson(), o);
}

void TestModel::vocabulary() {
    QVERIFY(isDatasetCategory(u"custom-cats"_s));
    QVERIFY(!isDatasetCategory(u"custom-"_s));
    QVERIFY(isImageTaskType(u"bboxes"_s));
    QVERIFY(!isImageTaskType(u"pointcloud-cuboid"_s));
    QCOMPARE(labelPalette().size(), 36);
    QCOMPARE(instanceColor(1), QColor(0x00, 0x71, 0xBC));
    QCOMPARE(instanceColor(37), QColor(0x00, 0x71, 0xBC));
}

// The reader's fast path for the API's time format must agree with Qt's ISO parser, and
// anything it does not take must still reach Qt's parser (or fail with the value quoted).
void TestModel::times_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("micro Z") << u"2026-11-27T10:20:30.123456Z"_s << true;
    QTest::newRow("milli Z") << u"2026-11-27T10:20:30.123Z"_s << true;
    QTest::newRow("tenths") << u"2026-11-27T10:20:30.5Z"_s << true;
    QTest::newRow("no fraction") << u"2026-11-27T10:20:30Z"_s << true;
    QTest::newRow("plus offset") << u"2026-11-27T01:20:30.250+02:00"_s << true;
    QTest::newRow("minus offset") << u"2026-12-31T23:59:59-05:30"_s << true;
    QTest::newRow("leap day") << u"2024-02-29T00:00:00Z"_s << true;
    QTest::newRow("before epoch") << u"1969-07-20T20:17:40Z"_s << true;
    QTest::newRow("no zone") << u"2026-11-27T10:20:30"_s << true;
    QTest::newRow("bad day") << u"2026-02-30T10:20:30Z"_s << false;
    QTest::newRow("bad hour") << u"2026-11-27T25:20:30Z"_s << false;
    QTest::newRow("dot only") << u"2026-11-27T10:20:30.Z"_s << false;
    QTest::newRow("short") << u"2026-11-27"_s << true;
    QTest::newRow("words") << u"yesterday"_s << false;
}

void TestModel::times() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const QJsonObject o{{"created_at"_L1, text}};
    JsonError error;
    ObjectReader r(o, JsonPath{}, &error);
    const QDateTime t = r.dateTime("created_at"_L1);
    QCOMPARE(r.ok(), valid);
    if (!valid) {
        QVERIFY(error.toString().contains(text));
        return;
    }
    const QDateTime expected = QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
    QVERIFY(expected.isValid());
    QCOMPARE(t.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
    QCOMPARE(t.timeSpec(), Qt::UTC);
}

SEGSCOPE_TEST_MAIN(TestModel)
#include "tst_model.moc"
