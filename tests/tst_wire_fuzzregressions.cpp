// What the JSON value readers' fuzzer (tests/fuzz/fuzz_wirejson.cpp) once broke stays fixed: every
// input in tests/data/fuzz-regressions goes through the fuzzer's own checks, and each fix has a
// test of the behaviour it settled.
#include "support/testdata.h"
#include "support/testmain.h"
#include "wirejsoncheck.h"

#include "api/apierror.h"
#include "wire/dataset.h"
#include "wire/file.h"
#include "wire/sample.h"
#include "wire/samplequery.h"

#include <QDir>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

#include <limits>

using namespace Qt::StringLiterals;
using namespace segscope::wire;
using segscope::fuzz::checkWireInput;

namespace {

QJsonValue parse(const QByteArray &json) {
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

} // namespace

class TestWireFuzzRegressions : public QObject {
    Q_OBJECT

private slots:
    void replay_data();
    void replay();
    void integers_data();
    void integers();
    void labelStatsBeyondInteger();
    void timesOutsideWrittenYears_data();
    void timesOutsideWrittenYears();
    void fileWithoutCreatedAt();
    void nonFiniteNumberText_data();
    void nonFiniteNumberText();
    void absentTimesWrittenAsNull();
    void blankFilterKey();
    void absurdThrottleWait();
};

void TestWireFuzzRegressions::replay_data() {
    QTest::addColumn<QString>("file");
    const QDir dir(segscope::test::dataPath(u"fuzz-regressions"_s));
    const QStringList files = dir.entryList(QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), "no inputs in tests/data/fuzz-regressions");
    for (const QString &name : files)
        QTest::newRow(qPrintable(name)) << name;
}

void TestWireFuzzRegressions::replay() {
    QFETCH(QString, file);
    const QByteArray input = segscope::test::readData(u"fuzz-regressions/"_s + file);
    const QString problem = checkWireInput(input);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// A cast of 1e300 to qint64 was undefined (UBSan stopped there); now out of range or not whole is
// "expected an integer", and every integer JSON can hold exactly is read exactly.
void TestWireFuzzRegressions::integers_data() {
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("value");
    QTest::newRow("1e300") << "1e300"_ba << false << qint64(0);
    QTest::newRow("-1e300") << "-1e300"_ba << false << qint64(0);
    QTest::newRow("2^63") << "9223372036854775808"_ba << false << qint64(0);
    QTest::newRow("2.5") << "2.5"_ba << false << qint64(0);
    QTest::newRow("2^63-1") << "9223372036854775807"_ba << true
                            << std::numeric_limits<qint64>::max();
    QTest::newRow("-2^63") << "-9223372036854775808"_ba << true
                           << std::numeric_limits<qint64>::min();
    QTest::newRow("2^53+1") << "9007199254740993"_ba << true << qint64(9007199254740993LL);
    QTest::newRow("7e0") << "7e0"_ba << true << qint64(7);
}

void TestWireFuzzRegressions::integers() {
    QFETCH(QByteArray, id);
    QFETCH(bool, ok);
    QFETCH(qint64, value);
    JsonError error;
    const auto category =
        readValue<Category>(parse(R"({"id": )"_ba + id + R"(, "name": "car"})"_ba), &error);
    QCOMPARE(category.has_value(), ok);
    if (ok) {
        QCOMPARE(category->id, value);
    } else {
        QCOMPARE(error.path, u"id"_s);
        QVERIFY2(error.message.startsWith(u"expected an integer"_s), qPrintable(error.message));
    }
}

// The tolerant reading skips such a count (one Segscope does not show); the strict one refuses it.
void TestWireFuzzRegressions::labelStatsBeyondInteger() {
    const QByteArray input = segscope::test::readData(u"fuzz-regressions/label-stats-1e300.json"_s);
    JsonError error;
    const std::optional<Dataset> dataset = readValue<Dataset>(parse(input), &error);
    QVERIFY2(dataset, qPrintable(error.toString()));
    QVERIFY(!dataset->labelStats.contains(u"TOTAL"_s));

    JsonError strictError = JsonError::strictReading();
    QVERIFY(!readValue<Dataset>(parse(input), &strictError));
    QCOMPARE(strictError.toString(), u"label_stats.TOTAL: expected an integer"_s);
}

// A time an offset carries past 9999 or before year 1 was read, then written as "10000-..." or
// "-0001-..." that no reader takes back; it is refused where it comes in.
void TestWireFuzzRegressions::timesOutsideWrittenYears_data() {
    QTest::addColumn<QString>("time");
    QTest::addColumn<bool>("ok");
    QTest::newRow("past 9999") << u"9999-12-31T23:59:59-01:00"_s << false;
    QTest::newRow("before 1") << u"0001-01-01T00:00:00+01:00"_s << false;
    QTest::newRow("past 9999, Qt's form") << u"9999-12-31T23:59:59.5-01:00"_s << false;
    QTest::newRow("last") << u"9999-12-31T23:59:59.999Z"_s << true;
    QTest::newRow("first") << u"0001-01-01T00:00:00Z"_s << true;
}

void TestWireFuzzRegressions::timesOutsideWrittenYears() {
    QFETCH(QString, time);
    QFETCH(bool, ok);
    const QJsonObject user{
        {"username"_L1, u"ann"_s}, {"created_at"_L1, time}, {"is_organization"_L1, false}};
    JsonError error = JsonError::strictReading();
    const std::optional<User> read = readValue<User>(user, &error);
    QCOMPARE(read.has_value(), ok);
    if (!ok) {
        QCOMPARE(error.toString(),
                 u"created_at: expected an ISO 8601 time, got \"%1\""_s.arg(time));
        // The tolerant reading takes the user, without the time it cannot use.
        JsonError tolerantError;
        const std::optional<User> tolerant = readValue<User>(user, &tolerantError);
        QVERIFY2(tolerant, qPrintable(tolerantError.toString()));
        QVERIFY(!tolerant->createdAt.isValid());
        return;
    }
    const std::optional<User> again = readValue<User>(read->toJson(), &error);
    QVERIFY2(again, qPrintable(error.toString()));
    QCOMPARE(again->createdAt, read->createdAt);
}

// created_at is optional in a File; it was written as "" when absent, which no reader takes.
void TestWireFuzzRegressions::fileWithoutCreatedAt() {
    const QByteArray input =
        segscope::test::readData(u"fuzz-regressions/file-without-created-at.json"_s);
    JsonError error;
    const std::optional<File> file = readValue<File>(parse(input), &error);
    QVERIFY2(file, qPrintable(error.toString()));
    QVERIFY(!file->toJson().contains("created_at"_L1));
    const std::optional<File> again = readValue<File>(file->toJson(), &error);
    QVERIFY2(again, qPrintable(error.toString()));
    QCOMPARE(again->uploadUrl, u"u"_s);

    File dated = *file;
    dated.createdAt = QDateTime(QDate(2026, 11, 27), QTime(10, 0), Qt::UTC);
    QCOMPARE(dated.toJson().value("created_at"_L1).toString(), u"2026-11-27T10:00:00.000Z"_s);
}

// Qt's toDouble() reads "inf" and "nan": a min of "inf" was kept, then written as null.
void TestWireFuzzRegressions::nonFiniteNumberText_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::newRow("inf") << u"inf"_s << false;
    QTest::newRow("-inf") << u"-inf"_s << false;
    QTest::newRow("nan") << u"nan"_s << false;
    QTest::newRow("1e999") << u"1e999"_s << false;
    QTest::newRow("20") << u"20"_s << true;
    QTest::newRow("blank") << u" "_s << true;
}

void TestWireFuzzRegressions::nonFiniteNumberText() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    const QJsonObject definition{
        {"name"_L1, u"length"_s}, {"input_type"_L1, u"number"_s}, {"min"_L1, text}};
    JsonError error = JsonError::strictReading();
    const std::optional<AttributeDefinition> strict =
        readValue<AttributeDefinition>(definition, &error);
    QCOMPARE(strict.has_value(), ok);
    if (!ok)
        QCOMPARE(error.toString(), u"min: expected a number, got \"%1\""_s.arg(text));
    // Tolerant: a min that is no number is no min.
    JsonError tolerantError;
    const std::optional<AttributeDefinition> tolerant =
        readValue<AttributeDefinition>(definition, &tolerantError);
    QVERIFY2(tolerant, qPrintable(tolerantError.toString()));
    QCOMPARE(tolerant->min.has_value(), ok && !text.trimmed().isEmpty());
}

// Times became optional, and an absent one was written as "", which a strict reading (the
// server's) refuses; it is written as null.
void TestWireFuzzRegressions::absentTimesWrittenAsNull() {
    const QByteArray input =
        segscope::test::readData(u"fuzz-regressions/label-without-times.json"_s);
    JsonError error = JsonError::strictReading();
    const std::optional<Label> label = readValue<Label>(parse(input), &error);
    QVERIFY2(label, qPrintable(error.toString()));
    const QJsonObject written = label->toJson();
    for (const auto key : {"created_at"_L1, "updated_at"_L1, "reviewed_at"_L1})
        QVERIFY2(written.value(key).isNull(), key.data());
    JsonError again = JsonError::strictReading();
    QVERIFY2(readValue<Label>(written, &again), qPrintable(again.toString()));

    User user;
    user.username = u"ann"_s;
    QVERIFY(user.toJson().value("created_at"_L1).isNull());
    QVERIFY(Sample().toJson().value("created_at"_L1).isNull());
    QVERIFY(Dataset().toJson().value("created_at"_L1).isNull());
}

// " :1" was read as a term with an empty key, written back as ":1", which is refused.
void TestWireFuzzRegressions::blankFilterKey() {
    QString error;
    QVERIFY(!MetadataTerm::parse(u" :1"_s, &error));
    QCOMPARE(error, u"Expected key:value terms, got \" :1\"."_s);
    QVERIFY(MetadataTerm::parse(u" a :1"_s));
    QCOMPARE(MetadataTerm::parse(u" a :1"_s)->key, u"a"_s);

    QueryError queryError;
    QVERIFY(!SampleQuery::fromQuery(QUrlQuery(u"filters=weather:rain,%20:1"_s), &queryError));
    QCOMPARE(queryError.parameter, SampleQueryParam::Filters);
}

// "available in 99999999999 seconds" was cast to int (undefined); now it is the longest wait,
// which the client does not wait for.
void TestWireFuzzRegressions::absurdThrottleWait() {
    segscope::api::ResponseInfo info;
    info.httpStatus = 429;
    info.contentType = "application/json";
    info.body = segscope::test::readData(u"fuzz-regressions/throttle-wait-1e11.json"_s);
    const auto error = segscope::api::ApiError::classify(info, nullptr);
    QVERIFY(error);
    QCOMPARE(error->kind, segscope::api::ApiError::Kind::RateLimited);
    QCOMPARE(error->retryAfter, std::numeric_limits<int>::max());

    info.body = R"({"detail": "Request was throttled. Expected available in 2.5 seconds."})"_ba;
    QCOMPARE(segscope::api::ApiError::classify(info, nullptr)->retryAfter, 3);
}

SEGSCOPE_TEST_MAIN(TestWireFuzzRegressions)

#include "tst_wire_fuzzregressions.moc"
