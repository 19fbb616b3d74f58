// ApiError::classify: one table of transfers and the error each must give.
#include "support/testmain.h"

#include "api/apierror.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::api::AbortReason;
using segscope::api::ApiError;
using segscope::api::ResponseInfo;
using Kind = segscope::api::ApiError::Kind;

Q_DECLARE_METATYPE(segscope::api::ResponseInfo)
Q_DECLARE_METATYPE(segscope::api::ApiError::Kind)

class TestApiError : public QObject {
    Q_OBJECT

private slots:
    void classify_data();
    void classify();
    void successHandsOutJson();
    void fieldErrors();
    void invalidPage();
    void retryAfterFromDate();
    void fromJsonError();
};

namespace {

ResponseInfo http(int status, const QByteArray &contentType, const QByteArray &body,
                  QNetworkReply::NetworkError error = QNetworkReply::NoError) {
    ResponseInfo info;
    info.httpStatus = status;
    info.contentType = contentType;
    info.body = body;
    info.networkError = error;
    return info;
}

ResponseInfo transport(QNetworkReply::NetworkError error, const QString &text,
                       AbortReason reason = AbortReason::None) {
    ResponseInfo info;
    info.networkError = error;
    info.networkErrorString = text;
    info.abortReason = reason;
    return info;
}

} // namespace

void TestApiError::classify_data() {
    QTest::addColumn<ResponseInfo>("info");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("message"); // a substring of the message
    QTest::addColumn<int>("retryAfter");  // -1: none

    const QByteArray json = "application/json";
    QTest::newRow("401 no key")
        << http(401, json, R"({"detail":"Authentication credentials were not provided."})",
                QNetworkReply::AuthenticationRequiredError)
        << Kind::Unauthorized << u"Authentication credentials were not provided."_s << -1;
    QTest::newRow("403")
        << http(403, json, R"({"detail":"You do not have permission to perform this action."})",
                QNetworkReply::ContentAccessDenied)
        << Kind::Forbidden << u"permission"_s << -1;
    QTest::newRow("404") << http(404, json, R"({"detail":"Not found."})",
                                 QNetworkReply::ContentNotFoundError)
                         << Kind::NotFound << u"Not found."_s << -1;
    QTest::newRow("400 duplicate")
        << http(400, json, R"({"detail":"A dataset with this name already exists."})",
                QNetworkReply::ProtocolInvalidOperationError)
        << Kind::Invalid << u"already exists"_s << -1;
    QTest::newRow("413") << http(413, json, R"({"detail":"Too large."})",
                                 QNetworkReply::UnknownContentError)
                         << Kind::Invalid << u"Too large."_s << -1;
    ResponseInfo throttled =
        http(429, json, R"({"detail":"Request was throttled. Expected available in 7 seconds."})",
             QNetworkReply::UnknownContentError);
    QTest::newRow("429 detail only") << throttled << Kind::RateLimited << u"throttled"_s << 7;
    throttled.retryAfter = "3";
    QTest::newRow("429 Retry-After wins") << throttled << Kind::RateLimited << u"throttled"_s << 3;
    QTest::newRow("429 nothing") << http(429, json, R"({"detail":"Request was throttled."})")
                                 << Kind::RateLimited << u"throttled"_s << -1;
    QTest::newRow("500 json") << http(500, json, R"({"detail":"boom"})",
                                      QNetworkReply::InternalServerError)
                              << Kind::Server << u"boom"_s << -1;
    ResponseInfo proxy = http(502, "text/html", "<html><body>Bad Gateway</body></html>",
                              QNetworkReply::UnknownServerError);
    proxy.reasonPhrase = "Bad Gateway";
    QTest::newRow("502 html from proxy")
        << proxy << Kind::Server << u"HTTP 502 Bad Gateway (text/html instead of a JSON error"_s
        << -1;
    QTest::newRow("200 invalid json")
        << http(200, json, "{\"a\": [1, 2") << Kind::Parse << u"invalid JSON"_s << -1;
    QTest::newRow("200 wrong content type")
        << http(200, "text/html", "<html></html>") << Kind::Parse
        << u"expected a JSON response, got text/html"_s << -1;
    QTest::newRow("302 unfollowed") << http(302, {}, {}) << Kind::Server << u"redirect"_s << -1;
    QTest::newRow("refused") << transport(QNetworkReply::ConnectionRefusedError,
                                          u"Connection refused"_s)
                             << Kind::Network << u"Connection refused"_s << -1;
    QTest::newRow("reset") << transport(QNetworkReply::RemoteHostClosedError,
                                        u"Remote host closed"_s)
                           << Kind::Network << u"Remote host closed"_s << -1;
    ResponseInfo truncated = http(200, json, "[{\"a\"", QNetworkReply::RemoteHostClosedError);
    truncated.networkErrorString = u"Connection closed"_s;
    QTest::newRow("truncated 200") << truncated << Kind::Network << u"Connection closed"_s << -1;
    QTest::newRow("qt timeout") << transport(QNetworkReply::TimeoutError, u"timed out"_s)
                                << Kind::Timeout << u"timed out"_s << -1;
    QTest::newRow("stalled") << transport(QNetworkReply::OperationCanceledError,
                                          u"Operation canceled"_s, AbortReason::Stalled)
                             << Kind::Timeout << u"stalled"_s << -1;
    QTest::newRow("too large") << transport(QNetworkReply::OperationCanceledError,
                                            u"Operation canceled"_s, AbortReason::TooLarge)
                               << Kind::Parse << u"larger"_s << -1;
    ResponseInfo redirect = transport(QNetworkReply::OperationCanceledError, u"canceled"_s,
                                      AbortReason::CrossOriginRedirect);
    redirect.location = "http://elsewhere.example/x";
    QTest::newRow("cross-origin redirect")
        << redirect << Kind::Server << u"http://elsewhere.example/x"_s << -1;
    QTest::newRow("cancelled") << transport(QNetworkReply::OperationCanceledError,
                                            u"Operation canceled"_s)
                               << Kind::Cancelled << u"canceled"_s << -1;
}

void TestApiError::classify() {
    QFETCH(ResponseInfo, info);
    QFETCH(Kind, kind);
    QFETCH(QString, message);
    QFETCH(int, retryAfter);
    const std::optional<ApiError> error = ApiError::classify(info, nullptr);
    QVERIFY(error.has_value());
    QCOMPARE(ApiError::kindName(error->kind), ApiError::kindName(kind));
    QVERIFY2(error->message.contains(message), qPrintable(error->message));
    QCOMPARE(error->retryAfter.value_or(-1), retryAfter);
    QCOMPARE(error->httpStatus, info.httpStatus);
    QVERIFY(!error->toString().contains(u'\n'));
}

void TestApiError::successHandsOutJson() {
    QJsonDocument json;
    ResponseInfo ok = http(200, "application/json; charset=utf-8", R"([{"a":1}])");
    QVERIFY(!ApiError::classify(ok, &json).has_value());
    QCOMPARE(json.array().size(), 1);
    QVERIFY(!ApiError::classify(http(204, {}, {}), &json).has_value());
    ResponseInfo asset = http(200, "image/png", "\x89PNG");
    asset.expectJson = false;
    QVERIFY(!ApiError::classify(asset, nullptr).has_value());
}

void TestApiError::fieldErrors() {
    const auto error = ApiError::classify(
        http(400, "application/json",
             R"({"name": ["This field is required."], "task_type": ["Not a valid choice.", "x"]})",
             QNetworkReply::ProtocolInvalidOperationError),
        nullptr);
    QVERIFY(error);
    QCOMPARE(error->kind, Kind::Invalid);
    QCOMPARE(error->fieldErrors.size(), 2);
    QCOMPARE(error->fieldErrors.value(u"name"_s), QStringList{u"This field is required."_s});
    QCOMPARE(error->fieldErrors.value(u"task_type"_s).size(), 2);
    QCOMPARE(error->message, u"name: This field is required.; task_type: Not a valid choice. x"_s);
}

void TestApiError::invalidPage() {
    const auto past =
        ApiError::classify(http(404, "application/json", R"({"detail":"Invalid page."})"), nullptr);
    QVERIFY(past && past->isInvalidPage());
    const auto other =
        ApiError::classify(http(404, "application/json", R"({"detail":"Not found."})"), nullptr);
    QVERIFY(other && !other->isInvalidPage());
}

void TestApiError::retryAfterFromDate() {
    ResponseInfo info = http(429, "application/json", R"({"detail":"slow down"})");
    const QDateTime in30 = QDateTime::currentDateTimeUtc().addSecs(30);
    info.retryAfter = QLocale::c().toString(in30, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
    const auto error = ApiError::classify(info, nullptr);
    QVERIFY(error && error->retryAfter);
    QVERIFY2(*error->retryAfter >= 28 && *error->retryAfter <= 30,
             qPrintable(QString::number(*error->retryAfter)));
}

void TestApiError::fromJsonError() {
    const ApiError e = ApiError::fromJsonError({u"[3].uuid"_s, u"expected a string"_s});
    QCOMPARE(e.kind, Kind::Parse);
    QVERIFY(e.message.contains(u"[3].uuid: expected a string"_s));
}

SEGSCOPE_TEST_MAIN(TestApiError)
#include "tst_apierror.moc"
