// The asset flow of docs/api-contract.md §7 (POST /assets/, the presigned multipart upload, serving
// with ETag / Cache-Control / 304), its bad inputs (reused keys, truncated bodies, path traversal),
// and the 413 limits for JSON bodies and assets.
#include "support/serverfixture.h"
#include "support/testmain.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::test::HttpClient;
using segscope::test::HttpResult;
using segscope::test::multipartBody;
using segscope::test::rawRequest;
using segscope::test::ServerFixture;

class TestServerAssets : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void createFile();
    void uploadAndServe();
    void conditionalGet_data();
    void conditionalGet();
    void reusedKeyRefused();
    void truncatedMultipart();
    void badUploads_data();
    void badUploads();
    void filenameTraversal();
    void assetPathTraversal_data();
    void assetPathTraversal();
    void jsonBodyTooLarge();
    void gzipBombTooLarge();
    void assetTooLarge();

private:
    HttpResult upload(const QString &url, const QByteArray &body, const QByteArray &contentType);
    QString path(const QString &url) const { return url.mid(f.baseUrl().toString().size()); }
    ServerFixture f;
    QString key;
};

HttpResult TestServerAssets::upload(const QString &url, const QByteArray &body,
                                    const QByteArray &contentType) {
    QNetworkRequest request{QUrl(url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    return HttpClient::finish(f.http.manager().post(request, body), 60000);
}

void TestServerAssets::initTestCase() {
    QString error;
    QVERIFY2(f.start({}, &error), qPrintable(error));
    key = f.addUser(u"ada"_s);
    QVERIFY(!f.createDataset(key, u"data"_s).isEmpty());
}

void TestServerAssets::createFile() {
    const HttpResult r =
        f.http.post(u"/assets/"_s, QJsonObject{{"filename"_L1, u"flowers.jpg"_s}}, key);
    QCOMPARE(r.status, 201);
    const QJsonObject file = r.object();
    for (const char *k : {"uuid", "filename", "url", "created_at", "presignedPostFields"})
        QVERIFY2(file.contains(QLatin1StringView(k)), k);
    QCOMPARE(file.value("filename"_L1).toString(), u"flowers.jpg"_s);
    const QJsonObject post = file.value("presignedPostFields"_L1).toObject();
    QVERIFY(post.value("url"_L1).toString().startsWith(f.baseUrl().toString()));
    const QJsonObject fields = post.value("fields"_L1).toObject();
    for (const char *k : {"acl", "Content-Type", "key", "x-amz-algorithm", "x-amz-credential",
                          "x-amz-date", "policy", "x-amz-signature"}) {
        QVERIFY2(fields.value(QLatin1StringView(k)).isString(), k);
        QVERIFY2(!fields.value(QLatin1StringView(k)).toString().isEmpty(), k);
    }
    QCOMPARE(fields.size(), 8);
    QVERIFY(file.value("url"_L1).toString().endsWith(u"/flowers.jpg"_s));
    // The URL is not served before the upload.
    QCOMPARE(f.http.get(path(file.value("url"_L1).toString()), {}).status, 404);
    // Without a key: 401.
    QCOMPARE(f.http.post(u"/assets/"_s, QJsonObject{{"filename"_L1, u"x.jpg"_s}}, {}).status, 401);
    // A Host header that is not a plain host cannot break the JSON the URLs are written into.
    const QByteArray json = R"({"filename":"h.jpg"})";
    const HttpResult odd = rawRequest(
        f.baseUrl(), "POST /assets/ HTTP/1.1\r\nHost: x\",\"y\r\nAuthorization: APIKey " +
                         key.toLatin1() + "\r\nContent-Type: application/json\r\nContent-Length: " +
                         QByteArray::number(json.size()) + "\r\nConnection: close\r\n\r\n" + json);
    QCOMPARE(odd.status, 201);
    QVERIFY2(
        odd.object().value("url"_L1).toString().startsWith(f.baseUrl().toString() + u"/assets/"_s),
        odd.body.constData());
}

void TestServerAssets::uploadAndServe() {
    const QByteArray png = segscope::test::tinyPng(7, 5);
    int status = 0;
    const QJsonObject file = segscope::test::uploadAsset(f.http, key, u"mask.png"_s, png, &status);
    QCOMPARE(status, 204);
    QVERIFY(!file.isEmpty());
    const HttpResult r = f.http.get(path(file.value("url"_L1).toString()), {}); // no key needed
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, png);
    QCOMPARE(r.header("Content-Type"), QByteArray("image/png"));
    QCOMPARE(r.header("Cache-Control"), QByteArray("public, max-age=31536000, immutable"));
    QVERIFY(r.header("ETag").startsWith('"') && r.header("ETag").endsWith('"'));
    // A JPEG named .png is served by its bytes' type.
    const QJsonObject jpeg =
        segscope::test::uploadAsset(f.http, key, u"really.png"_s, segscope::test::tinyJpeg());
    QCOMPARE(f.http.get(path(jpeg.value("url"_L1).toString()), {}).header("Content-Type"),
             QByteArray("image/jpeg"));
    // A different ETag for different bytes.
    QVERIFY(f.http.get(path(jpeg.value("url"_L1).toString()), {}).header("ETag") !=
            r.header("ETag"));
    // The upload answered with an empty body, as S3 does.
    const QJsonObject post =
        f.http.post(u"/assets/"_s, QJsonObject{{"filename"_L1, u"e.bin"_s}}, key)
            .object()
            .value("presignedPostFields"_L1)
            .toObject();
    QByteArray type;
    const QByteArray body = multipartBody(post.value("fields"_L1).toObject(), "bytes", &type);
    const HttpResult up = upload(post.value("url"_L1).toString(), body, type);
    QCOMPARE(up.status, 204);
    QVERIFY(up.body.isEmpty());
}

void TestServerAssets::conditionalGet_data() {
    QTest::addColumn<QString>("form");
    QTest::addColumn<int>("status");
    QTest::newRow("exact") << u"%1"_s << 304;
    QTest::newRow("weak") << u"W/%1"_s << 304;
    QTest::newRow("list") << u"\"nope\", %1"_s << 304;
    QTest::newRow("list no space") << u"\"nope\",%1"_s << 304;
    QTest::newRow("star") << u"*"_s << 304;
    QTest::newRow("other") << u"\"nope\""_s << 200;
    QTest::newRow("unquoted") << u"nope"_s << 200;
}

void TestServerAssets::conditionalGet() {
    QFETCH(QString, form);
    QFETCH(int, status);
    const QJsonObject file =
        segscope::test::uploadAsset(f.http, key, u"c.png"_s, segscope::test::tinyPng());
    const QString p = path(file.value("url"_L1).toString());
    const QByteArray etag = f.http.get(p, {}).header("ETag");
    QVERIFY(!etag.isEmpty());
    const HttpResult r = f.http.request(
        "GET", p, {}, {},
        {{"If-None-Match", QString(form).replace(u"%1"_s, QString::fromLatin1(etag)).toLatin1()}});
    QCOMPARE(r.status, status);
    if (status == 304) {
        QVERIFY(r.body.isEmpty());
        QCOMPARE(r.header("ETag"), etag);
    } else {
        QCOMPARE(r.body, segscope::test::tinyPng());
    }
}

void TestServerAssets::reusedKeyRefused() {
    const HttpResult created =
        f.http.post(u"/assets/"_s, QJsonObject{{"filename"_L1, u"once.png"_s}}, key);
    const QJsonObject post = created.object().value("presignedPostFields"_L1).toObject();
    QByteArray type;
    const QByteArray first = multipartBody(post.value("fields"_L1).toObject(), "first", &type);
    QCOMPARE(upload(post.value("url"_L1).toString(), first, type).status, 204);
    const QByteArray second = multipartBody(post.value("fields"_L1).toObject(), "second", &type);
    const HttpResult again = upload(post.value("url"_L1).toString(), second, type);
    QVERIFY2(again.status >= 400 && again.status < 500, again.describe());
    QVERIFY(!again.message().isEmpty());
    QCOMPARE(f.http.get(path(created.object().value("url"_L1).toString()), {}).body,
             QByteArray("first"));
}

void TestServerAssets::truncatedMultipart() {
    const HttpResult created =
        f.http.post(u"/assets/"_s, QJsonObject{{"filename"_L1, u"cut.png"_s}}, key);
    const QJsonObject post = created.object().value("presignedPostFields"_L1).toObject();
    const QString url = created.object().value("url"_L1).toString();
    QByteArray type;
    const QByteArray body =
        multipartBody(post.value("fields"_L1).toObject(), QByteArray(4000, 'z'), &type);
    for (const qsizetype cut :
         {body.size() - 10, body.size() - 200, qsizetype(body.indexOf("name=\"file\"") + 20)}) {
        const HttpResult r = upload(post.value("url"_L1).toString(), body.left(cut), type);
        QVERIFY2(r.status == 400, r.describe());
        QVERIFY(!r.message().isEmpty());
        QCOMPARE(f.http.get(path(url), {}).status, 404); // nothing stored
    }
    // The connection dropped half-way through the body (Content-Length promises more).
    const QUrl storage(post.value("url"_L1).toString());
    const QByteArray head =
        "POST " + storage.path().toUtf8() + " HTTP/1.1\r\nHost: " + storage.authority().toUtf8() +
        "\r\nContent-Type: " + type + "\r\nContent-Length: " + QByteArray::number(body.size()) +
        "\r\nConnection: close\r\n\r\n";
    const HttpResult dropped = rawRequest(f.baseUrl(), head + body.left(body.size() / 2), 1500);
    QVERIFY2(dropped.status == -1 || dropped.status == 400, dropped.describe());
    QCOMPARE(f.http.get(path(url), {}).status, 404);
    // The key was not spent: the whole body still goes through.
    QCOMPARE(upload(post.value("url"_L1).toString(), body, type).status, 204);
    QCOMPARE(f.http.get(path(url), {}).body, QByteArray(4000, 'z'));
}

void TestServerAssets::badUploads_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    const QByteArray b = "--B\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n";
    QTest::newRow("not multipart") << QByteArray("{}") << QByteArray("application/json");
    QTest::newRow("no boundary") << QByteArray("x") << QByteArray("multipart/form-data");
    QTest::newRow("no key")
        << QByteArray(
               "--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--B--\r\n")
        << QByteArray("multipart/form-data; boundary=B");
    QTest::newRow("no file") << QByteArray(b + "assets/x\r\n--B--\r\n")
                             << QByteArray("multipart/form-data; boundary=B");
    QTest::newRow("unknown key")
        << QByteArray(b +
                      "assets/00000000-0000-0000-0000-000000000000\r\n--B\r\nContent-Disposition: "
                      "form-data; "
                      "name=\"file\"\r\n\r\nabc\r\n--B--\r\n")
        << QByteArray("multipart/form-data; boundary=B");
    QTest::newRow("traversal key")
        << QByteArray(b + "../../segscope.sqlite\r\n--B\r\nContent-Disposition: form-data; "
                          "name=\"file\"\r\n\r\nabc\r\n--B--\r\n")
        << QByteArray("multipart/form-data; boundary=B");
    QTest::newRow("part without name")
        << QByteArray("--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--\r\n")
        << QByteArray("multipart/form-data; boundary=B");
    QTest::newRow("empty") << QByteArray() << QByteArray("multipart/form-data; boundary=B");
}

void TestServerAssets::badUploads() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    const HttpResult r = upload(f.baseUrl().toString() + u"/storage/"_s, body, contentType);
    QVERIFY2(r.status >= 400 && r.status < 500, r.describe());
    QVERIFY2(!r.message().isEmpty(), r.describe());
    // The database is intact.
    QFile db(f.dataDir() + u"/segscope.sqlite"_s);
    QVERIFY(db.open(QIODevice::ReadOnly));
    QVERIFY(db.read(16).startsWith("SQLite format 3"));
    QCOMPARE(f.http.get(u"/user"_s, key).status, 200);
}

void TestServerAssets::filenameTraversal() {
    for (const QString &name : {u"../../etc/passwd"_s, u"..\\..\\boot.ini"_s, u"/abs/path.png"_s,
                                u".."_s, u"a/../../b.png"_s, u"x'; DROP TABLE assets; --.png"_s}) {
        const HttpResult created =
            f.http.post(u"/assets/"_s, QJsonObject{{"filename"_L1, name}}, key);
        QVERIFY2(created.status == 201, created.describe());
        QCOMPARE(created.object().value("filename"_L1).toString(), name);
        const QUrl url(created.object().value("url"_L1).toString());
        const QStringList segments = url.path().split(u'/', Qt::SkipEmptyParts);
        QCOMPARE(segments.size(), 3);
        QCOMPARE(segments.at(0), u"assets"_s);
        QVERIFY2(!segments.at(2).startsWith(u'.') && !segments.at(2).contains(u'\\'),
                 qPrintable(url.path()));
        const QJsonObject post = created.object().value("presignedPostFields"_L1).toObject();
        QVERIFY(!post.value("fields"_L1).toObject().value("key"_L1).toString().contains(".."_L1));
        QByteArray type;
        const QByteArray body =
            multipartBody(post.value("fields"_L1).toObject(), name.toUtf8(), &type);
        QCOMPARE(upload(post.value("url"_L1).toString(), body, type).status, 204);
        QCOMPARE(f.http.get(url.path(QUrl::FullyEncoded), {}).body, name.toUtf8());
    }
    // Every stored file is inside the data folder's assets directory.
    QDir parent(f.dataDir());
    QVERIFY(parent.cdUp());
    QVERIFY(!QFile::exists(parent.filePath(u"passwd"_s)));
    QVERIFY(!QFile::exists(parent.filePath(u"b.png"_s)));
    QCOMPARE(f.http.get(u"/user"_s, key).status, 200);
    QCOMPARE(f.http.post(u"/assets/"_s, QJsonObject{}, key).status, 400);
    QCOMPARE(f.http.post(u"/assets/"_s, QJsonObject{{"filename"_L1, 7}}, key).status, 400);
    QCOMPARE(f.http.post(u"/assets/"_s, QJsonObject{{"filename"_L1, u""_s}}, key).status, 400);
    QCOMPARE(
        f.http.post(u"/assets/"_s, QJsonObject{{"filename"_L1, QString(300, u'a')}}, key).status,
        400);
    QCOMPARE(f.http.request("POST", u"/assets/"_s, "{\"filename\":", key).status, 400);
}

void TestServerAssets::assetPathTraversal_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("encoded slashes") << QByteArray("/assets/..%2F..%2Fsegscope.sqlite/x");
    QTest::newRow("dot segments") << QByteArray("/assets/../segscope.sqlite");
    QTest::newRow("deep dot segments") << QByteArray("/assets/../../segscope.sqlite/x");
    QTest::newRow("encoded dots") << QByteArray("/assets/%2e%2e/segscope.sqlite");
    QTest::newRow("encoded dots deep") << QByteArray("/assets/%2e%2e%2f%2e%2e%2fsegscope.sqlite/x");
    QTest::newRow("backslashes") << QByteArray("/assets/..%5C..%5Csegscope.sqlite/x");
    QTest::newRow("etc passwd") << QByteArray("/assets/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd/x");
    QTest::newRow("storage dir") << QByteArray("/assets/assets/x");
    QTest::newRow("sql in uuid") << QByteArray("/assets/x'%20OR%20'1'='1/y");
    QTest::newRow("nul") << QByteArray("/assets/%00/x");
}

void TestServerAssets::assetPathTraversal() {
    QFETCH(QByteArray, target);
    const HttpResult r = rawRequest(
        f.baseUrl(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QVERIFY2(r.status == 404 || r.status == 400, r.describe());
    QVERIFY(!r.body.contains("SQLite format"));
    QVERIFY(!r.body.contains("root:"));
}

void TestServerAssets::jsonBodyTooLarge() {
    const auto count = [this] {
        return f.http.get(u"/datasets/ada/data/"_s, key)
            .object()
            .value("samples_count"_L1)
            .toInt(-1);
    };
    const int before = count();
    const QByteArray padding(10 * 1024 * 1024 + 10, 'x');
    const QByteArray body =
        R"({"name":"huge","attributes":{},"metadata":{"p":")" + padding + R"("}})";
    const HttpResult r = f.http.request("POST", u"/datasets/ada/data/samples/"_s, body, key);
    QCOMPARE(r.status, 413);
    QVERIFY(!r.message().isEmpty());
    QCOMPARE(count(), before);
    // Just under the limit is fine.
    const QByteArray fits = R"({"name":"big","attributes":{},"metadata":{"p":")" +
                            QByteArray(9 * 1024 * 1024, 'y') + R"("}})";
    QCOMPARE(f.http.request("POST", u"/datasets/ada/data/samples/"_s, fits, key).status, 201);
    QCOMPARE(count(), before + 1);
}

void TestServerAssets::gzipBombTooLarge() {
    const QByteArray body = R"({"name":"bomb","attributes":{},"metadata":{"p":")" +
                            QByteArray(12 * 1024 * 1024, 'x') + R"("}})";
    const QByteArray zipped = segscope::test::gzip(body);
    QVERIFY(zipped.size() < 100 * 1024);
    const HttpResult r = f.http.request("POST", u"/datasets/ada/data/samples/"_s, zipped, key,
                                        {{"Content-Encoding", "gzip"}});
    QCOMPARE(r.status, 413);
    QCOMPARE(f.http.get(u"/datasets/ada/data/samples/?name__contains=bomb"_s, key).array().size(),
             0);
}

void TestServerAssets::assetTooLarge() {
    const HttpResult created =
        f.http.post(u"/assets/"_s, QJsonObject{{"filename"_L1, u"big.bin"_s}}, key);
    const QJsonObject post = created.object().value("presignedPostFields"_L1).toObject();
    QByteArray type;
    // One byte over the limit, built in place (a single 100 MB transfer is the slow part).
    const QByteArray marker = "@@FILE@@";
    const QByteArray shell = multipartBody(post.value("fields"_L1).toObject(), marker, &type);
    const qsizetype at = shell.indexOf(marker);
    QByteArray body;
    body.reserve(shell.size() + 100 * 1024 * 1024 + 1);
    body.append(shell.left(at))
        .append(100 * 1024 * 1024 + 1, 'b')
        .append(shell.mid(at + marker.size()));
    const HttpResult r = upload(post.value("url"_L1).toString(), body, type);
    body = QByteArray();
    QCOMPARE(r.status, 413);
    QVERIFY(!r.message().isEmpty());
    QCOMPARE(f.http.get(path(created.object().value("url"_L1).toString()), {}).status, 404);
    // The key is not spent by the refusal.
    QCOMPARE(upload(post.value("url"_L1).toString(),
                    multipartBody(post.value("fields"_L1).toObject(), "small", &type), type)
                 .status,
             204);
}

SEGSCOPE_TEST_MAIN(TestServerAssets)
#include "tst_server_assets.moc"
