// The checks the upload pipeline runs before sending anything: image files by content, image
// URLs, labels against the dataset's categories and the image's size.
#include "support/testmain.h"
#include "support/uploadfiles.h"

#include "upload/uploadchecks.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::wire::Category;
using segscope::wire::TaskAttributes;
using namespace segscope::upload;
using namespace segscope::test;

namespace {

// Ids 0 (left column), 1 (top half), 2 (bottom half) on an 8x6 bitmap.
quint32 threeIds(int x, int y) {
    if (x == 0)
        return 0;
    return y < 3 ? 1 : 2;
}

QJsonObject annotations(const QList<std::pair<int, int>> &idToCategory) {
    QJsonArray list;
    for (const auto &[id, category] : idToCategory)
        list.append(QJsonObject{{"id"_L1, id}, {"category_id"_L1, category}});
    return QJsonObject{{"format_version"_L1, u"0.1"_s}, {"annotations"_L1, list}};
}

TaskAttributes carAndRoad() {
    TaskAttributes task;
    task.categories = {Category{1, u"car"_s, {}, false, {}}, Category{2, u"road"_s, {}, false, {}}};
    return task;
}

} // namespace

class TestUploadChecks : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void imageFile_data();
    void imageFile();
    void imageFileSize();
    void imageUrl_data();
    void imageUrl();
    void label_data();
    void label();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    void write(const QString &name, const QByteArray &bytes) {
        QVERIFY(writeBytes(path(name), bytes));
    }

    QTemporaryDir m_dir;
};

void TestUploadChecks::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QByteArray jpeg = noiseJpeg(64, 48, 1);
    const QByteArray png = plainImage(40, 30, "PNG");
    const QByteArray bmp = plainImage(40, 30, "BMP");
    write(u"photo.jpg"_s, jpeg);
    write(u"photo.png"_s, png);
    write(u"photo.bmp"_s, bmp);
    write(u"png-named.jpg"_s, png);
    write(u"notes.jpg"_s, "these are my notes, not a picture\n");
    write(u"empty.jpg"_s, {});
    write(u"cut-header.jpg"_s, jpeg.left(20));
    write(u"cut-half.png"_s, png.left(png.size() / 2));
    write(u"cut-half.bmp"_s, bmp.left(bmp.size() / 2));
    QVERIFY(QDir().mkpath(path(u"folder.jpg"_s)));
    // Sparse files: a real JPEG at the start, then holes up to the size (nothing written).
    for (const auto &[name, size] : {std::pair{u"over.jpg"_s, MaxImageBytes + 1},
                                     std::pair{u"exactly.jpg"_s, MaxImageBytes}}) {
        write(name, jpeg);
        QFile file(path(name));
        QVERIFY(file.resize(size));
    }
    write(u"ids.png"_s, idPng(8, 6, threeIds));
}

void TestUploadChecks::imageFile_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("problem"); // a part of the message; empty: no problem
    QTest::newRow("jpeg") << u"photo.jpg"_s << QString();
    QTest::newRow("png") << u"photo.png"_s << QString();
    QTest::newRow("bmp") << u"photo.bmp"_s << QString();
    QTest::newRow("png named .jpg (content decides)") << u"png-named.jpg"_s << QString();
    QTest::newRow("exactly 100 MB") << u"exactly.jpg"_s << QString();
    QTest::newRow("text renamed .jpg") << u"notes.jpg"_s << u"not a JPEG, PNG or BMP image"_s;
    QTest::newRow("empty") << u"empty.jpg"_s << u"not a JPEG, PNG or BMP image"_s;
    QTest::newRow("jpeg cut in its header")
        << u"cut-header.jpg"_s << u"not a readable JPEG image: truncated or corrupt header"_s;
    QTest::newRow("png cut in half") << u"cut-half.png"_s << u"truncated PNG image"_s;
    QTest::newRow("bmp cut in half") << u"cut-half.bmp"_s << u"truncated BMP image"_s;
    QTest::newRow("missing") << u"nothing-here.jpg"_s << u"cannot be read: "_s;
    QTest::newRow("a directory") << u"folder.jpg"_s << u"cannot be read: it is a directory"_s;
    QTest::newRow("over 100 MB") << u"over.jpg"_s << u"larger than 100 MB"_s;
}

void TestUploadChecks::imageFile() {
    QFETCH(QString, name);
    QFETCH(QString, problem);
    const QString result = checkImageFile(path(name));
    if (problem.isEmpty())
        QVERIFY2(result.isEmpty(), qPrintable(result));
    else
        QVERIFY2(result.contains(problem), qPrintable(result));
    QVERIFY(!result.contains(u'\n'));
}

void TestUploadChecks::imageFileSize() {
    QCOMPARE(segscope::upload::imageFileSize(path(u"photo.jpg"_s)), QSize(64, 48));
    QCOMPARE(segscope::upload::imageFileSize(path(u"png-named.jpg"_s)), QSize(40, 30));
    QVERIFY(!segscope::upload::imageFileSize(path(u"notes.jpg"_s)).isValid());
}

void TestUploadChecks::imageUrl_data() {
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("problem");
    QTest::newRow("https") << QUrl(u"https://example.com/a.jpg"_s) << QString();
    QTest::newRow("http with port") << QUrl(u"http://127.0.0.1:8000/a.png"_s) << QString();
    QTest::newRow("empty") << QUrl() << u"no image URL"_s;
    QTest::newRow("ftp") << QUrl(u"ftp://example.com/a.jpg"_s) << u"not an http(s) URL"_s;
    QTest::newRow("file") << QUrl(u"file:///tmp/a.jpg"_s) << u"not an http(s) URL"_s;
    QTest::newRow("relative") << QUrl(u"a.jpg"_s) << u"not an http(s) URL"_s;
    QTest::newRow("no host") << QUrl(u"http:///a.jpg"_s) << u"no host"_s;
    QTest::newRow("invalid") << QUrl(u"http://exa mple.com/"_s, QUrl::StrictMode)
                             << u"not a valid URL"_s;
}

void TestUploadChecks::imageUrl() {
    QFETCH(QUrl, url);
    QFETCH(QString, problem);
    const QString result = checkImageUrl(url);
    if (problem.isEmpty())
        QVERIFY2(result.isEmpty(), qPrintable(result));
    else
        QVERIFY2(result.contains(problem), qPrintable(result));
}

void TestUploadChecks::label_data() {
    QTest::addColumn<QString>("bitmap");
    QTest::addColumn<QJsonObject>("attributes");
    QTest::addColumn<QSize>("imageSize");
    QTest::addColumn<QStringList>("problems"); // each a part of one line, in order

    const QJsonObject good = annotations({{1, 1}, {2, 2}});
    QTest::newRow("fine") << u"ids.png"_s << good << QSize(8, 6) << QStringList();
    QTest::newRow("fine, image size unknown") << u"ids.png"_s << good << QSize() << QStringList();
    QTest::newRow("wrong size") << u"ids.png"_s << good << QSize(10, 6)
                                << QStringList{u"bitmap is 8x6 but the image is 10x6"_s};
    QTest::newRow("unknown category")
        << u"ids.png"_s << annotations({{1, 1}, {2, 9}}) << QSize(8, 6)
        << QStringList{u"category 9 is not defined by the dataset"_s};
    QTest::newRow("id without annotation")
        << u"ids.png"_s << annotations({{1, 1}}) << QSize(8, 6)
        << QStringList{u"ids in the bitmap with no annotation: 2 (21 pixels)"_s};
    QTest::newRow("all three") << u"ids.png"_s << annotations({{1, 7}}) << QSize(8, 8)
                               << QStringList{u"category 7 is not defined"_s,
                                              u"bitmap is 8x6 but the image is 8x8"_s,
                                              u"with no annotation: 2"_s};
    QTest::newRow("bitmap not a PNG")
        << u"photo.jpg"_s << good << QSize(64, 48) << QStringList{u"bitmap: "_s};
    QTest::newRow("bitmap missing")
        << u"nothing.png"_s << good << QSize(8, 6) << QStringList{u"bitmap cannot be read"_s};
    QTest::newRow("annotation without id")
        << u"ids.png"_s
        << QJsonObject{{"annotations"_L1, QJsonArray{QJsonObject{{"category_id"_L1, 1}}}}}
        << QSize(8, 6) << QStringList{u"annotations: annotations[0].id"_s};
}

void TestUploadChecks::label() {
    QFETCH(QString, bitmap);
    QFETCH(QJsonObject, attributes);
    QFETCH(QSize, imageSize);
    QFETCH(QStringList, problems);
    const QStringList result = checkLabel(path(bitmap), attributes, carAndRoad(), imageSize);
    QCOMPARE(result.size(), problems.size());
    for (qsizetype i = 0; i < problems.size(); ++i)
        QVERIFY2(result.at(i).contains(problems.at(i)), qPrintable(result.join(u" | "_s)));
}

SEGSCOPE_TEST_MAIN(TestUploadChecks)
#include "tst_upload_checks.moc"
