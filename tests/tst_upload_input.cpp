// What a user hands in for an upload, read the one way the dialog and `segscope upload` share:
// annotations files in each shape people have at hand (a bare list, a label's attributes, a
// whole label, a sample with its label), each way such a file can be wrong, the read cap, and
// metadata values typed as booleans, numbers or strings.
#include "support/testmain.h"
#include "support/uploadfiles.h"

#include "upload/annotationfile.h"
#include "upload/typedmetadata.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::upload::AnnotationFile;
using segscope::upload::TypedMetadata;
using Type = segscope::upload::TypedMetadata::Type;

Q_DECLARE_METATYPE(segscope::upload::TypedMetadata::Type)

namespace {

const QJsonArray TwoAnnotations{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, 5}},
                                QJsonObject{{"id"_L1, 2}, {"category_id"_L1, 6}}};

QByteArray json(const QJsonValue &v) {
    return v.isArray() ? QJsonDocument(v.toArray()).toJson() : QJsonDocument(v.toObject()).toJson();
}

} // namespace

class TestUploadInput : public QObject {
    Q_OBJECT

private slots:
    void annotationForms_data();
    void annotationForms();
    void annotationErrors_data();
    void annotationErrors();
    void annotationsNotJson();
    void annotationsUnreadable();
    void annotationsReadCap();

    void inferredMetadata_data();
    void inferredMetadata();
    void typedMetadata_data();
    void typedMetadata();
    void metadataKeys();

private:
    QString write(const QString &name, const QByteArray &bytes) {
        const QString path = m_dir.filePath(name);
        if (!segscope::test::writeBytes(path, bytes))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QTemporaryDir m_dir;
};

void TestUploadInput::annotationForms_data() {
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QJsonObject>("attributes");
    const QJsonObject plain{{"format_version"_L1, u"0.1"_s}, {"annotations"_L1, TwoAnnotations}};
    const QJsonObject bitmap{{"url"_L1, u"https://example.com/old.png"_s}};

    QTest::newRow("bare list") << json(TwoAnnotations) << plain;
    QTest::newRow("empty list") << QByteArray("[]")
                                << QJsonObject{{"format_version"_L1, u"0.1"_s},
                                               {"annotations"_L1, QJsonArray()}};
    QTest::newRow("attributes without format_version")
        << json(QJsonObject{{"annotations"_L1, TwoAnnotations}}) << plain;
    const QJsonObject full{{"format_version"_L1, u"0.2"_s},
                           {"annotations"_L1, TwoAnnotations},
                           {"image_attributes"_L1, QJsonObject{{"weather"_L1, u"rain"_s}}}};
    QTest::newRow("attributes: format_version and other fields kept") << json(full) << full;
    QJsonObject withBitmap = plain;
    withBitmap.insert("segmentation_bitmap"_L1, bitmap);
    QTest::newRow("attributes: the old bitmap's url dropped") << json(withBitmap) << plain;
    QTest::newRow("a whole label, as the API returns it")
        << json(QJsonObject{{"sample_uuid"_L1, u"6f1c"_s},
                            {"labelset"_L1, u"ground-truth"_s},
                            {"label_type"_L1, u"segmentation-bitmap"_s},
                            {"label_status"_L1, u"REVIEWED"_s},
                            {"attributes"_L1, withBitmap}})
        << plain;
    QTest::newRow("a sample with its label")
        << json(QJsonObject{{"uuid"_L1, u"6f1c"_s},
                            {"name"_L1, u"photo.jpg"_s},
                            {"attributes"_L1, QJsonObject{{"image"_L1, bitmap}}}, // its image's
                            {"label"_L1, QJsonObject{{"label_status"_L1, u"LABELED"_s},
                                                     {"attributes"_L1, full}}}})
        << full;
    const QJsonArray box{
        QJsonObject{{"id"_L1, 1},
                    {"category_id"_L1, 2},
                    {"type"_L1, u"bbox"_s},
                    {"points"_L1, QJsonArray{QJsonArray{1, 2}, QJsonArray{8, 9}}}}};
    QTest::newRow("vector annotations")
        << json(QJsonObject{{"annotations"_L1, box}})
        << QJsonObject{{"format_version"_L1, u"0.1"_s}, {"annotations"_L1, box}};
}

void TestUploadInput::annotationForms() {
    QFETCH(QByteArray, file);
    QFETCH(QJsonObject, attributes);
    QString error;
    const auto read = AnnotationFile::read(write(u"labels.json"_s, file), &error);
    QVERIFY2(read, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(read->labelAttributes(), attributes);
    QCOMPARE(read->formatVersion(), attributes.value("format_version"_L1).toString());
    QCOMPARE(read->annotations(), attributes.value("annotations"_L1).toArray());
    // The same document in memory reads the same.
    const auto inMemory = AnnotationFile::fromJson(file, u"labels.json"_s, &error);
    QVERIFY(inMemory);
    QCOMPARE(inMemory->labelAttributes(), attributes);
}

void TestUploadInput::annotationErrors_data() {
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("error");
    QTest::newRow("an object of something else")
        << QByteArray(R"({"name": "photo.jpg"})")
        << u"labels.json: expected an `annotations` list, a label with `attributes` or a sample "
           u"with its `label`"_s;
    QTest::newRow("annotations an object")
        << QByteArray(R"({"annotations": {"id": 1, "category_id": 1}})")
        << u"labels.json: annotations: expected an array, got an object"_s;
    QTest::newRow("annotations null") << QByteArray(R"({"annotations": null})")
                                      << u"labels.json: annotations: expected a list of "
                                         u"annotations"_s;
    QTest::newRow("bare list: an id that is text")
        << QByteArray(R"([{"id": 1, "category_id": 1}, {"id": "two", "category_id": 1}])")
        << u"labels.json: [1].id: expected an integer, got a string"_s;
    QTest::newRow("bare list: an entry that is not an object")
        << QByteArray(R"([{"id": 1, "category_id": 1}, 7])")
        << u"labels.json: [1]: expected an object, got a number"_s;
    QTest::newRow("label: a category missing")
        << QByteArray(R"({"attributes": {"annotations": [{"id": 1}]}})")
        << u"labels.json: attributes.annotations[0].category_id: required field is missing"_s;
    QTest::newRow("sample's label: an id out of range")
        << QByteArray(R"({"label": {"attributes": {"annotations": [{"id": 16777216, )"
                      R"("category_id": 1}]}}})")
        << u"labels.json: label.attributes.annotations[0].id: expected an id from 0 to "
           u"16777215"_s;
    QTest::newRow("a vector annotation's point")
        << QByteArray(R"({"annotations": [{"id": 1, "category_id": 1, "type": "polygon", )"
                      R"("points": [[0, 0], [4]]}]})")
        << u"labels.json: annotations[0].points[1]: expected a point [x, y]"_s;
    QTest::newRow("a sample without a label") << QByteArray(R"({"uuid": "6f1c", "label": null})")
                                              << u"labels.json: label: the sample has no label"_s;
    QTest::newRow("a sample whose label is not one")
        << QByteArray(R"({"label": "ground-truth"})") << u"labels.json: label: expected a label"_s;
    QTest::newRow("a label without attributes")
        << QByteArray(R"({"label": {"label_status": "SKIPPED"}})")
        << u"labels.json: label.attributes: expected an object, got nothing"_s;
    QTest::newRow("a label whose attributes are text")
        << QByteArray(R"({"attributes": "none"})")
        << u"labels.json: attributes: expected an object, got a string"_s;
    QTest::newRow("format_version a number")
        << QByteArray(R"({"format_version": 0.1, "annotations": []})")
        << u"labels.json: format_version: expected a string, got a number"_s;
}

void TestUploadInput::annotationErrors() {
    QFETCH(QByteArray, file);
    QFETCH(QString, error);
    QString message;
    QVERIFY(!AnnotationFile::read(write(u"labels.json"_s, file), &message));
    QCOMPARE(message, error);
}

void TestUploadInput::annotationsNotJson() {
    QString error;
    QVERIFY(!AnnotationFile::read(write(u"cut.json"_s, R"({"annotations": [{"id": 1)"), &error));
    QVERIFY2(error.startsWith(u"cut.json: not valid JSON: "_s), qPrintable(error));
    QVERIFY2(error.contains(u" at byte "_s), qPrintable(error));
    QVERIFY(!AnnotationFile::read(write(u"empty.json"_s, QByteArray()), &error));
    QVERIFY2(error.startsWith(u"empty.json: not valid JSON: "_s), qPrintable(error));
    // JSON that is neither a list nor an object is no document to Qt.
    QVERIFY(!AnnotationFile::read(write(u"number.json"_s, "42"), &error));
    QVERIFY2(error.startsWith(u"number.json: not valid JSON: "_s), qPrintable(error));
}

void TestUploadInput::annotationsUnreadable() {
    QString error;
    QVERIFY(!AnnotationFile::read(m_dir.filePath(u"missing.json"_s), &error));
    QVERIFY2(error.startsWith(u"missing.json: cannot be read: "_s), qPrintable(error));
    QVERIFY(QDir(m_dir.path()).mkpath(u"folder.json"_s));
    QVERIFY(!AnnotationFile::read(m_dir.filePath(u"folder.json"_s), &error));
    QVERIFY2(error.startsWith(u"folder.json: cannot be read: "_s), qPrintable(error));
    QVERIFY(!AnnotationFile::read(QString(), &error));
    QCOMPARE(error, u"no annotations file given"_s);
}

// A file of exactly the cap is read (JSON allows the padding: whitespace); one byte more is not.
void TestUploadInput::annotationsReadCap() {
    QByteArray atCap = json(QJsonObject{{"annotations"_L1, TwoAnnotations}});
    atCap.append(QByteArray(AnnotationFile::MaxBytes - atCap.size(), ' '));
    QCOMPARE(qint64(atCap.size()), AnnotationFile::MaxBytes);
    QString error;
    const auto read = AnnotationFile::read(write(u"large.json"_s, atCap), &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->annotations(), TwoAnnotations);

    const QString over = write(u"larger.json"_s, atCap + ' ');
    QVERIFY(!AnnotationFile::read(over, &error));
    QCOMPARE(error, u"larger.json: larger than 10 MB, too large for annotations"_s);
}

void TestUploadInput::inferredMetadata_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("integer") << u"3"_s << QJsonValue(3);
    QTest::newRow("negative float") << u"-0.5"_s << QJsonValue(-0.5);
    QTest::newRow("exponent") << u"1e3"_s << QJsonValue(1000);
    QTest::newRow("spaces around a number") << u" 42 "_s << QJsonValue(42);
    QTest::newRow("true") << u"true"_s << QJsonValue(true);
    QTest::newRow("false") << u"false"_s << QJsonValue(false);
    QTest::newRow("True is text") << u"True"_s << QJsonValue(u"True"_s);
    QTest::newRow("yes is text") << u"yes"_s << QJsonValue(u"yes"_s);
    QTest::newRow("text") << u"north"_s << QJsonValue(u"north"_s);
    QTest::newRow("text keeps its spaces") << u" north "_s << QJsonValue(u" north "_s);
    QTest::newRow("empty") << QString() << QJsonValue(QString());
    QTest::newRow("number then text") << u"007x"_s << QJsonValue(u"007x"_s);
    QTest::newRow("decimal comma is text") << u"1,5"_s << QJsonValue(u"1,5"_s);
    QTest::newRow("inf is text") << u"inf"_s << QJsonValue(u"inf"_s);
    QTest::newRow("nan is text") << u"nan"_s << QJsonValue(u"nan"_s);
    QTest::newRow("too large is text") << u"1e400"_s << QJsonValue(u"1e400"_s);
}

void TestUploadInput::inferredMetadata() {
    QFETCH(QString, text);
    QFETCH(QJsonValue, value);
    QCOMPARE(TypedMetadata::inferValue(text), value);
    const Type expected = value.isBool()     ? Type::Boolean
                          : value.isDouble() ? Type::Number
                                             : Type::Text;
    QCOMPARE(TypedMetadata::inferType(text), expected);
}

void TestUploadInput::typedMetadata_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<Type>("type");
    QTest::addColumn<QJsonValue>("value"); // undefined: refused with `error`
    QTest::addColumn<QString>("error");
    QTest::newRow("number") << u"12.5"_s << Type::Number << QJsonValue(12.5) << QString();
    QTest::newRow("number with spaces") << u" 7 "_s << Type::Number << QJsonValue(7) << QString();
    QTest::newRow("word as number")
        << u"fast"_s << Type::Number << QJsonValue(QJsonValue::Undefined)
        << u"\"fast\" is not a number"_s;
    QTest::newRow("empty as number")
        << QString() << Type::Number << QJsonValue(QJsonValue::Undefined)
        << u"\"\" is not a number"_s;
    QTest::newRow("infinite number")
        << u"1e400"_s << Type::Number << QJsonValue(QJsonValue::Undefined)
        << u"\"1e400\" is not a number"_s;
    QTest::newRow("group separator")
        << u"1,000"_s << Type::Number << QJsonValue(QJsonValue::Undefined)
        << u"\"1,000\" is not a number"_s;
    QTest::newRow("yes") << u"yes"_s << Type::Boolean << QJsonValue(true) << QString();
    QTest::newRow("No") << u"No"_s << Type::Boolean << QJsonValue(false) << QString();
    QTest::newRow("TRUE") << u"TRUE"_s << Type::Boolean << QJsonValue(true) << QString();
    QTest::newRow("1") << u"1"_s << Type::Boolean << QJsonValue(true) << QString();
    QTest::newRow("0") << u"0"_s << Type::Boolean << QJsonValue(false) << QString();
    QTest::newRow("maybe") << u"maybe"_s << Type::Boolean << QJsonValue(QJsonValue::Undefined)
                           << u"\"maybe\" is not true or false"_s;
    QTest::newRow("a number as text") << u"3"_s << Type::Text << QJsonValue(u"3"_s) << QString();
    QTest::newRow("text as typed")
        << u" north "_s << Type::Text << QJsonValue(u" north "_s) << QString();
}

void TestUploadInput::typedMetadata() {
    QFETCH(QString, text);
    QFETCH(Type, type);
    QFETCH(QJsonValue, value);
    QFETCH(QString, error);
    QString message;
    const std::optional<QJsonValue> converted = TypedMetadata::convert(text, type, &message);
    QCOMPARE(converted.has_value(), !value.isUndefined());
    if (converted)
        QCOMPARE(*converted, value);
    QCOMPARE(message, error);
}

void TestUploadInput::metadataKeys() {
    TypedMetadata metadata;
    QCOMPARE(metadata.add(u"speed"_s, u"12"_s), QString());
    QCOMPARE(metadata.add(u"night"_s, u"yes"_s, Type::Boolean), QString());
    QCOMPARE(metadata.add(u"site"_s, u"north=east"_s), QString());
    QCOMPARE(metadata.add(QString(), u"orphan"_s), u"a value needs a key"_s);
    QCOMPARE(metadata.add(u"speed"_s, u"13"_s), u"the key \"speed\" is used twice"_s);
    QCOMPARE(metadata.add(u"count"_s, u"many"_s, Type::Number), u"\"many\" is not a number"_s);
    // What was refused left nothing behind; the first value of a repeated key stays.
    QCOMPARE(metadata.values(),
             (QJsonObject{{"speed"_L1, 12}, {"night"_L1, true}, {"site"_L1, u"north=east"_s}}));
}

SEGSCOPE_TEST_MAIN(TestUploadInput)
#include "tst_upload_input.moc"
