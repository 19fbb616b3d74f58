// The client's readers against responses written by others: the examples of the Segments API
// documentation and responses shaped as the official SDK's models allow (tests/data/api/README.md).
// Tolerant where the code can do without a field, strict where it cannot, and never losing a value
// it does not know.
#include "support/testdata.h"
#include "support/testmain.h"

#include "wire/dataset.h"
#include "wire/file.h"
#include "wire/issue.h"
#include "wire/sample.h"
#include "wire/user.h"

#include <QDir>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope::wire;
using segscope::test::readData;

namespace {

QJsonValue fixture(const QString &name) {
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(readData(u"api/"_s + name), &parse);
    if (parse.error != QJsonParseError::NoError)
        qFatal("%s: %s", qPrintable(name), qPrintable(parse.errorString()));
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

template <class T> T readOk(const QString &name) {
    JsonError error;
    const auto v = readValue<T>(fixture(name), &error);
    if (!v)
        qFatal("%s: %s", qPrintable(name), qPrintable(error.toString()));
    return *v;
}

} // namespace

class TestWireFixtures : public QObject {
    Q_OBJECT

private slots:
    void docsSamples();
    void docsLabel();
    void sdkDatasets();
    void sdkSamples();
    void sdkLabels();
    void sdkIssues();
    void issueWithFewerFields();
    void sampleKinds_data();
    void sampleKinds();
    void everySdkFixtureReads();
    void unknownValuesKept();
    void strictRefusesWhatTolerantKeeps();
    void labelNullIsUnlabeled();
};

void TestWireFixtures::docsSamples() {
    JsonError error;
    const QList<Sample> list = readList<Sample>(fixture(u"docs/get-samples.json"_s), &error);
    QVERIFY2(!error.isSet(), qPrintable(error.toString()));
    QCOMPARE(list.size(), 1);
    for (const Sample &s : {list.first(), readOk<Sample>(u"docs/get-sample.json"_s),
                            readOk<Sample>(u"docs/create-sample.json"_s)}) {
        QCOMPARE(s.uuid, u"10130ecd-790e-463d-86ce-747f5c545c77"_s);
        QCOMPARE(s.name, u"image.png"_s);
        QCOMPARE(s.dataType, u"IMAGE"_s);
        QCOMPARE(s.kind(), SampleKind::Image);
        QCOMPARE(s.displayImageUrl(), u"https://example.com/image.png"_s);
        QCOMPARE(s.createdAt, QDateTime(QDate(2011, 4, 10), QTime(20, 9, 31), Qt::UTC));
        QCOMPARE(s.createdBy, u"jane"_s);
        // Not in the docs: defaults, not errors.
        QVERIFY(s.metadata.isEmpty());
        QCOMPARE(s.priority, 0.0);
        QVERIFY(!s.label.has_value());
    }
}

void TestWireFixtures::docsLabel() {
    const Label l = readOk<Label>(u"docs/get-label.json"_s);
    QCOMPARE(l.labelType, u"segmentation-bitmap"_s);
    QCOMPARE(l.labelStatus, u"LABELED"_s);
    QVERIFY(l.sampleUuid.isEmpty());
    QVERIFY(l.labelset.isEmpty());
    QVERIFY(!l.updatedAt.isValid());
    QCOMPARE(l.createdBy, u"jane"_s);
    QCOMPARE(l.attributes.annotations.size(), 1);
    QCOMPARE(l.attributes.annotations.first().id, 1);
    QCOMPARE(l.attributes.annotations.first().categoryId, 0);
    QVERIFY(l.attributes.bitmapUrl.endsWith(u"/ddf55e99-1a6f-42d2-83e9-8657de3259a1.png"_s));
}

void TestWireFixtures::sdkDatasets() {
    const Dataset min = readOk<Dataset>(u"sdk/dataset-minimal.json"_s);
    QCOMPARE(min.fullName, u"jane/flowers"_s);
    QCOMPARE(min.ownerName(), u"jane"_s);
    QVERIFY(min.flags.enableSkipLabeling);
    QVERIFY(!min.flags.enableObjectLinking); // not in the SDK's model: its default
    QVERIFY(!min.taskAttributes.has_value());
    QVERIFY(!min.samplesCount.has_value());

    const Dataset full = readOk<Dataset>(u"sdk/dataset-complete.json"_s);
    QCOMPARE(full.category, u"custom-botany"_s);
    QCOMPARE(full.owner.email, u"jane@example.com"_s);
    QCOMPARE(full.samplesCount.value_or(-1), 3); // the SDK allows a count as a string
    QCOMPARE(full.collaboratorsCount.value_or(-1), 2);
    QCOMPARE(full.labelStats.value(u"TOTAL"_s), 3);
    QCOMPARE(full.labelStats.value(u"NEEDS_FIX"_s, -1), 0); // a status key we do not know: kept
    QCOMPARE(full.labelsets.size(), 2);
    QCOMPARE(full.labelsets.at(1).description, u"model v2"_s);
    QCOMPARE(full.role, u"admin"_s);
    const TaskAttributes &t = *full.taskAttributes;
    QCOMPARE(t.categories.size(), 3);
    QCOMPARE(t.colorOf(1), QColor(250, 50, 120));
    QCOMPARE(t.colorOf(2), QColor(60, 180, 60, 200));
    QVERIFY(!t.categories.at(2).color.has_value());
    QCOMPARE(t.imageAttributes.size(), 4);
    QCOMPARE(t.imageAttributes.at(1).max.value_or(0), 1.0); // "1": a number sent as text
    QCOMPARE(t.imageAttributes.at(3).inputType, u"vector3d"_s);

    QCOMPARE(readOk<Dataset>(u"sdk/dataset-sequence.json"_s).taskType, u"image-vector-sequence"_s);
    QCOMPARE(readOk<Dataset>(u"sdk/dataset-pointcloud.json"_s).taskType,
             u"pointcloud-cuboid-sequence"_s);
}

void TestWireFixtures::sdkSamples() {
    const Sample min = readOk<Sample>(u"sdk/sample-minimal.json"_s);
    QCOMPARE(min.kind(), SampleKind::Image);
    QCOMPARE(min.imageUrl, u"https://example.com/rose.jpg"_s);
    QVERIFY(!min.label.has_value());

    const Sample full = readOk<Sample>(u"sdk/sample-complete.json"_s);
    QCOMPARE(full.priority, 2.5);
    QCOMPARE(full.assignedLabeler.value_or(QString()), u"jane"_s);
    QVERIFY(!full.assignedReviewer.has_value());
    QCOMPARE(full.datasetFullName, u"jane/flowers"_s);
    QCOMPARE(full.metadata.value("tags"_L1).toArray().size(), 1);
    // The full label inside: read as one, and its summary given to lists.
    QVERIFY(full.fullLabel.has_value());
    QCOMPARE(full.fullLabel->attributes.annotations.size(), 2);
    QCOMPARE(full.fullLabel->reviewedBy, u"bob"_s);
    QCOMPARE(full.label->labelStatus, u"LABELED"_s);
    QCOMPARE(full.label->score.value_or(0), 0.87);
}

void TestWireFixtures::sdkLabels() {
    const Label min = readOk<Label>(u"sdk/label-minimal.json"_s);
    QCOMPARE(min.labelset, u"ground-truth"_s);
    QVERIFY(!min.score.has_value());
    QCOMPARE(min.attributes.formatVersion, u"0.1"_s);

    const Label full = readOk<Label>(u"sdk/label-complete.json"_s);
    QCOMPARE(full.score.value_or(0), 0.87);
    QCOMPARE(full.rating.value_or(0), 4.5);
    QVERIFY(full.reviewedAt.isValid());
    QCOMPARE(full.attributes.imageAttributes.value("weather"_L1).toString(), u"rain"_s);
    QCOMPARE(full.attributes.annotations.at(0).attributes.value("open"_L1).toBool(), true);
    // The SDK allows an annotation's attributes to be null.
    QVERIFY(full.attributes.annotations.at(1).attributes.isEmpty());
    // Round trip: what the client writes back reads the same.
    JsonError error;
    const auto again = readValue<Label>(full.toJson(), &error);
    QVERIFY2(again.has_value(), qPrintable(error.toString()));
    QCOMPARE(again->toJson(), full.toJson());
}

// The SDK's Issue requires every field; get_issues answers a plain array of them.
void TestWireFixtures::sdkIssues() {
    const Issue issue = readOk<Issue>(u"sdk/issue-complete.json"_s);
    QCOMPARE(issue.uuid, u"9b1e4c20-0000-4000-8000-0000000000a1"_s);
    QCOMPARE(issue.description, u"The cyclist's mask misses the front wheel"_s);
    QCOMPARE(issue.status, u"OPEN"_s);
    QVERIFY(issue.isOpen());
    QCOMPARE(issue.createdAt, QDateTime(QDate(2023, 2, 15), QTime(10, 12, 30, 250), Qt::UTC));
    QCOMPARE(issue.updatedAt, QDateTime(QDate(2023, 2, 15), QTime(11, 40, 5, 500), Qt::UTC));
    QCOMPARE(issue.createdBy, u"bob"_s);
    QCOMPARE(issue.updatedBy, u"jane"_s);
    QCOMPARE(issue.sampleUuid, u"4f7c2a10-0000-4000-8000-000000000001"_s);
    QCOMPARE(issue.sampleName, u"rose.jpg"_s);
    QCOMPARE(issue.comments.size(), 1);
    QCOMPARE(issue.comments.first().createdBy, u"jane"_s);
    QCOMPARE(issue.comments.first().text, u"Fixed in the new label, please look again"_s);
    QCOMPARE(issue.comments.first().createdAt, issue.updatedAt);
    // Round trip: what the client writes reads the same, with every field of the SDK's model.
    const QJsonObject written = issue.toJson();
    const QStringList keys = written.keys();
    QCOMPARE(QSet<QString>(keys.begin(), keys.end()),
             QSet<QString>({u"uuid"_s, u"description"_s, u"created_at"_s, u"updated_at"_s,
                            u"created_by"_s, u"updated_by"_s, u"comments"_s, u"status"_s,
                            u"sample_uuid"_s, u"sample_name"_s}));
    JsonError error;
    const auto again = readValue<Issue>(written, &error);
    QVERIFY2(again.has_value(), qPrintable(error.toString()));
    QCOMPARE(again->toJson(), written);

    error = {};
    const QList<Issue> list = readList<Issue>(fixture(u"sdk/issues-list.json"_s), &error);
    QVERIFY2(!error.isSet(), qPrintable(error.toString()));
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toJson(), written);
    QCOMPARE(list.at(1).status, u"CLOSED"_s);
    QVERIFY(!list.at(1).isOpen());
    QVERIFY(list.at(1).comments.isEmpty());
    QCOMPARE(list.at(1).sampleName, u"tulip.jpg"_s);
    QVERIFY(issueStatuses().contains(list.at(0).status));
    QVERIFY(issueStatuses().contains(list.at(1).status));
}

// An issue with only uuid, description and status still reads (a server that sends fewer fields
// than the SDK's model); without one of those three it does not.
void TestWireFixtures::issueWithFewerFields() {
    const QJsonObject sparse{
        {"uuid"_L1, u"i-1"_s}, {"description"_L1, u"Wrong class"_s}, {"status"_L1, u"CLOSED"_s}};
    JsonError error;
    const auto issue = readValue<Issue>(sparse, &error);
    QVERIFY2(issue.has_value(), qPrintable(error.toString()));
    QCOMPARE(issue->uuid, u"i-1"_s);
    QCOMPARE(issue->description, u"Wrong class"_s);
    QCOMPARE(issue->status, u"CLOSED"_s);
    QVERIFY(!issue->createdAt.isValid());
    QVERIFY(!issue->updatedAt.isValid());
    QVERIFY(issue->createdBy.isEmpty());
    QVERIFY(issue->comments.isEmpty());
    QVERIFY(issue->sampleUuid.isEmpty());
    QVERIFY(issue->sampleName.isEmpty());
    // Nulls where the SDK has strings count as absent too.
    QJsonObject nulls = sparse;
    for (const char *key :
         {"created_at", "created_by", "updated_by", "sample_uuid", "sample_name", "comments"})
        nulls.insert(QLatin1StringView(key), QJsonValue::Null);
    error = {};
    QVERIFY2(readValue<Issue>(nulls, &error).has_value(), qPrintable(error.toString()));

    for (const char *required : {"uuid", "description", "status"}) {
        QJsonObject missing = sparse;
        missing.remove(QLatin1StringView(required));
        error = {};
        QVERIFY2(!readValue<Issue>(missing, &error).has_value(), required);
        QVERIFY2(error.toString().contains(QLatin1StringView(required)),
                 qPrintable(error.toString()));
    }
}

void TestWireFixtures::sampleKinds_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<SampleKind>("kind");
    QTest::addColumn<QString>("labelType");
    QTest::addColumn<int>("frames");
    QTest::newRow("image sequence") << u"sdk/sample-image-sequence.json"_s
                                    << SampleKind::ImageSequence << u"image-vector-sequence"_s << 2;
    QTest::newRow("point cloud") << u"sdk/sample-pointcloud.json"_s << SampleKind::PointCloud
                                 << u"pointcloud-cuboid"_s << 0;
    QTest::newRow("point cloud sequence")
        << u"sdk/sample-pointcloud-sequence.json"_s << SampleKind::PointCloudSequence
        << u"pointcloud-segmentation-sequence"_s << 1;
    QTest::newRow("multi-sensor") << u"sdk/sample-multisensor.json"_s << SampleKind::MultiSensor
                                  << u"multisensor-sequence"_s << 0;
    QTest::newRow("text") << u"sdk/sample-text.json"_s << SampleKind::Text
                          << u"text-named-entities"_s << 0;
}

void TestWireFixtures::sampleKinds() {
    QFETCH(QString, file);
    QFETCH(SampleKind, kind);
    QFETCH(QString, labelType);
    QFETCH(int, frames);
    const Sample s = readOk<Sample>(file);
    QCOMPARE(s.kind(), kind);
    QVERIFY(s.fullLabel.has_value());
    QCOMPARE(s.fullLabel->labelType, labelType);
    QCOMPARE(s.fullLabel->attributes.frameAttributes.size(), frames);
    QVERIFY(!sampleKindName(kind).isEmpty());
    if (kind == SampleKind::ImageSequence) {
        QCOMPARE(s.frames.size(), 2);
        QCOMPARE(s.frames.at(0).name, u"f0"_s);
        QVERIFY(s.frames.at(1).name.isEmpty()); // null in the SDK's ImageFrame
        QCOMPARE(s.displayImageUrl(), u"https://example.com/f0.jpg"_s);
        const LabelAttributes &f1 = s.fullLabel->attributes.frameAttributes.at(1);
        QCOMPARE(f1.annotations.size(), 1);
        QCOMPARE(f1.annotations.first().type, u"bbox"_s);
        QCOMPARE(f1.annotations.first().trackId.value_or(0), 1);
        QCOMPARE(f1.annotations.first().points.at(1), QPointF(110, 90));
    } else {
        QVERIFY(s.displayImageUrl().isEmpty());
    }
    // Whatever the kind, its attributes come back as they were sent.
    QCOMPARE(s.toJson().value("attributes"_L1), fixture(file).toObject().value("attributes"_L1));
}

// Every fixture reads as what its name says, so a fixture added later is covered too.
void TestWireFixtures::everySdkFixtureReads() {
    const QDir dir(segscope::test::dataPath(u"api/sdk"_s));
    const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files);
    QVERIFY(files.size() >= 15);
    for (const QString &f : files) {
        const QJsonValue v = fixture(u"sdk/"_s + f);
        JsonError error;
        bool read = false;
        if (f.startsWith(u"dataset-"_s))
            read = readValue<Dataset>(v, &error).has_value();
        else if (f.startsWith(u"sample-"_s))
            read = readValue<Sample>(v, &error).has_value();
        else if (f.startsWith(u"label-"_s))
            read = readValue<Label>(v, &error).has_value();
        else if (f.startsWith(u"user-"_s))
            read = readValue<User>(v, &error).has_value();
        else if (f.startsWith(u"labelset-"_s))
            read = readValue<Labelset>(v, &error).has_value();
        else if (f.startsWith(u"file-"_s))
            read = readValue<File>(v, &error).has_value();
        else if (f.startsWith(u"issue-"_s))
            read = readValue<Issue>(v, &error).has_value();
        else if (f.startsWith(u"issues-"_s))
            read = !readList<Issue>(v, &error).isEmpty();
        else
            QFAIL(qPrintable(u"no reader for "_s + f));
        QVERIFY2(read, qPrintable(f + u": "_s + error.toString()));
    }
}

void TestWireFixtures::unknownValuesKept() {
    const Sample text = readOk<Sample>(u"sdk/sample-text.json"_s);
    QCOMPARE(text.fullLabel->labelStatus, u"NEEDS_REVIEW"_s);
    QCOMPARE(text.label->labelStatus, u"NEEDS_REVIEW"_s);
    // A list summary with a status from tomorrow, and a data type from tomorrow.
    JsonError error;
    const auto s = readValue<Sample>(
        QJsonDocument::fromJson(
            R"({"uuid":"u","name":"n","data_type":"HOLOGRAM","attributes":{"hologram":{"url":"h"}},)"
            R"("label":{"label_status":"AWAITING_QA"}})")
            .object(),
        &error);
    QVERIFY2(s.has_value(), qPrintable(error.toString()));
    QCOMPARE(s->kind(), SampleKind::Unknown);
    QCOMPARE(s->dataType, u"HOLOGRAM"_s);
    QCOMPARE(s->label->labelStatus, u"AWAITING_QA"_s);
    QCOMPARE(s->toJson().value("label"_L1).toObject().value("label_status"_L1).toString(),
             u"AWAITING_QA"_s);
    // Optional fields of the wrong type are taken as absent, not as errors.
    const auto odd = readValue<Sample>(
        QJsonDocument::fromJson(R"({"uuid":"u","name":"n","attributes":{"image":{"url":3}},)"
                                R"("metadata":null,"priority":"high","created_at":"yesterday"})")
            .object(),
        &error);
    QVERIFY2(odd.has_value(), qPrintable(error.toString()));
    QVERIFY(odd->imageUrl.isEmpty());
    QCOMPARE(odd->priority, 0.0);
    QVERIFY(!odd->createdAt.isValid());
}

void TestWireFixtures::strictRefusesWhatTolerantKeeps() {
    const QJsonObject label =
        fixture(u"sdk/sample-text.json"_s).toObject().value("label"_L1).toObject();
    JsonError strict = JsonError::strictReading();
    QVERIFY(!readValue<Label>(label, &strict).has_value());
    QCOMPARE(strict.toString(), u"label_status: unknown label status \"NEEDS_REVIEW\""_s);
    const QJsonObject task =
        fixture(u"sdk/dataset-complete.json"_s).toObject().value("task_attributes"_L1).toObject();
    strict = JsonError::strictReading();
    QVERIFY(!readValue<TaskAttributes>(task, &strict).has_value());
    QCOMPARE(strict.toString(),
             u"image_attributes[3].input_type: unknown input type \"vector3d\""_s);
    JsonError tolerant;
    QVERIFY(readValue<TaskAttributes>(task, &tolerant).has_value());
}

// The SDK's get_sample(labelset=...) answers `label: null` for a sample with no label there.
void TestWireFixtures::labelNullIsUnlabeled() {
    QJsonObject o = fixture(u"sdk/sample-minimal.json"_s).toObject();
    o.insert("label"_L1, QJsonValue::Null);
    JsonError error;
    const auto s = readValue<Sample>(o, &error);
    QVERIFY2(s.has_value(), qPrintable(error.toString()));
    QVERIFY(!s->fullLabel.has_value());
    QCOMPARE(s->label.value_or(LabelSummary{}).labelStatus, u"UNLABELED"_s);
}

SEGSCOPE_TEST_MAIN(TestWireFixtures)
#include "tst_wire_fixtures.moc"
