// `segscope upload`, run as the built binary against segscope-server (in-process, behind the
// fault-injecting proxy): output lines and exit codes, typed metadata, labels found by suffix,
// a run killed midway and run again.
#include "support/cliprocess.h"
#include "support/testmain.h"
#include "support/uploadfixture.h"

#include "cli/uploadcommand.h"

#include <QLockFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope::test;

namespace {

constexpr int Bound = UploadFixture::Bound;

struct Run {
    int exitCode = -1;
    QStringList lines; //!< stdout
    QByteArray err;
};

Run toRun(const segscope::test::CliRun &r) {
    return {r.exitCode, r.lines(), r.err};
}

QJsonObject annotations(const QList<std::pair<int, int>> &idToCategory) {
    QJsonArray list;
    for (const auto &[id, category] : idToCategory)
        list.append(QJsonObject{{"id"_L1, id}, {"category_id"_L1, category}});
    return QJsonObject{{"format_version"_L1, u"0.1"_s}, {"annotations"_L1, list}};
}

quint32 halves(int, int y) {
    return y < 15 ? 1 : 2;
}

} // namespace

class TestUploadCli : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void typedMetadata_data();
    void typedMetadata();
    void addsSkipsAndFails();
    void rerunSkipsEverything();
    void labelsBySuffix();
    void unreadableAnnotationsFail();
    void usageErrors_data();
    void usageErrors();
    void secondRunRefused();
    void killedRunResumes();

private:
    QStringList args(const QStringList &rest) const;
    void startProcess(QProcess &process, const QStringList &args) const;
    Run run(const QStringList &args);
    QString stateFile() const;

    std::unique_ptr<UploadFixture> m_f;
    std::unique_ptr<QTemporaryDir> m_home;
};

void TestUploadCli::init() {
    m_f = std::make_unique<UploadFixture>();
    QString error;
    QVERIFY2(m_f->start(&error), qPrintable(error));
    m_home = std::make_unique<QTemporaryDir>();
}

void TestUploadCli::cleanup() {
    m_f.reset();
    m_home.reset();
}

QStringList TestUploadCli::args(const QStringList &rest) const {
    return QStringList{u"upload"_s, UploadFixture::Dataset} + rest +
           QStringList{u"--server"_s, m_f->proxy->url().toString()};
}

QString TestUploadCli::stateFile() const {
    return m_home->filePath(u"cache/Segscope/segscope/upload-queue-cli.json"_s);
}

void TestUploadCli::startProcess(QProcess &process, const QStringList &arguments) const {
    process.setProcessEnvironment(segscope::test::cliEnvironment(m_home->path(), m_f->key));
    process.setWorkingDirectory(m_f->path(QString()));
    process.start(QStringLiteral(SEGSCOPE_CLI_BINARY), arguments);
}

Run TestUploadCli::run(const QStringList &arguments) {
    QProcess process;
    startProcess(process, arguments);
    // The server answers on this thread: finishCli waits with the event loop running.
    return toRun(segscope::test::finishCli(process, Bound));
}

void TestUploadCli::typedMetadata_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("integer") << u"3"_s << QJsonValue(3);
    QTest::newRow("negative float") << u"-0.5"_s << QJsonValue(-0.5);
    QTest::newRow("exponent") << u"1e3"_s << QJsonValue(1000);
    QTest::newRow("true") << u"true"_s << QJsonValue(true);
    QTest::newRow("false") << u"false"_s << QJsonValue(false);
    QTest::newRow("True is text") << u"True"_s << QJsonValue(u"True"_s);
    QTest::newRow("text") << u"north"_s << QJsonValue(u"north"_s);
    QTest::newRow("empty") << QString() << QJsonValue(QString());
    QTest::newRow("number then text") << u"007x"_s << QJsonValue(u"007x"_s);
    QTest::newRow("inf is text") << u"inf"_s << QJsonValue(u"inf"_s);
    QTest::newRow("nan is text") << u"nan"_s << QJsonValue(u"nan"_s);
}

void TestUploadCli::typedMetadata() {
    QFETCH(QString, text);
    QFETCH(QJsonValue, value);
    QCOMPARE(segscope::cli::UploadCommand::typedValue(text), value);
}

void TestUploadCli::addsSkipsAndFails() {
    m_f->writeJpeg(u"a.jpg"_s, 1);
    m_f->writeJpeg(u"b.jpg"_s, 2);
    m_f->write(u"c.png"_s, plainImage(20, 10, "PNG"));
    m_f->writeJpeg(u"taken.jpg"_s, 3);
    m_f->write(u"bad.jpg"_s, "not an image at all");
    QVERIFY(m_f->addSample(u"taken.jpg"_s));

    const Run r = run(
        args({u"a.jpg"_s, u"b.jpg"_s, u"c.png"_s, u"taken.jpg"_s, u"bad.jpg"_s, u"--metadata"_s,
              u"n=3"_s, u"--metadata"_s, u"night=true"_s, u"--metadata"_s, u"site=north=east"_s}));
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.lines.size(), 6);
    QCOMPARE(r.lines.last(), u"3 added, 1 skipped, 1 failed"_s);
    const QStringList perFile = r.lines.mid(0, 5);
    for (const QString &name : {u"a.jpg"_s, u"b.jpg"_s, u"c.png"_s}) {
        const QString uuid = m_f->sampleNamed(name).value("uuid"_L1).toString();
        QVERIFY2(perFile.contains(u"added %1 %2"_s.arg(name, uuid)),
                 qPrintable(r.lines.join(u'|')));
        QCOMPARE(m_f->sampleNamed(name).value("metadata"_L1).toObject(),
                 (QJsonObject{{"n"_L1, 3}, {"night"_L1, true}, {"site"_L1, u"north=east"_s}}));
    }
    QVERIFY(perFile.contains(u"skipped taken.jpg: already exists"_s));
    QVERIFY(perFile.contains(u"failed bad.jpg: not a JPEG, PNG or BMP image"_s));
    QCOMPARE(m_f->samples().size(), 4);
    QVERIFY(!QFile::exists(stateFile())); // cleared when the run ended
    QVERIFY(!r.err.contains(m_f->key.toUtf8()));
}

void TestUploadCli::rerunSkipsEverything() {
    m_f->writeJpeg(u"a.jpg"_s, 1);
    m_f->writeJpeg(u"b.jpg"_s, 2);
    const Run first = run(args({u"a.jpg"_s, u"b.jpg"_s}));
    QCOMPARE(first.exitCode, 0);
    QCOMPARE(first.lines.last(), u"2 added, 0 skipped, 0 failed"_s);
    const Run second = run(args({u"a.jpg"_s, u"b.jpg"_s}));
    QCOMPARE(second.exitCode, 0);
    QCOMPARE(second.lines.size(), 3);
    QVERIFY(second.lines.contains(u"skipped a.jpg: already exists"_s));
    QVERIFY(second.lines.contains(u"skipped b.jpg: already exists"_s));
    QCOMPARE(second.lines.last(), u"0 added, 2 skipped, 0 failed"_s);
    QCOMPARE(m_f->samples().size(), 2);
}

// a.jpg has a bitmap and annotations: labelled. b.jpg has a bitmap without JSON and c.jpg
// nothing: added without a label, with a warning. The label files named on the command line
// are not uploaded as samples.
void TestUploadCli::labelsBySuffix() {
    for (const QString &name : {u"a"_s, u"b"_s, u"c"_s})
        m_f->write(name + u".jpg"_s, plainImage(40, 30, "JPG"));
    m_f->write(u"a_label.png"_s, idPng(40, 30, halves));
    m_f->write(u"a_label.json"_s, QJsonDocument(annotations({{1, 1}, {2, 2}})).toJson());
    m_f->write(u"b_label.png"_s, idPng(40, 30, halves));
    const Run r = run(args({u"a.jpg"_s, u"a_label.png"_s, u"a_label.json"_s, u"b.jpg"_s,
                            u"b_label.png"_s, u"c.jpg"_s, u"--labelset"_s, u"ground-truth"_s,
                            u"--bitmap-suffix"_s, u"_label.png"_s}));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.lines.last(), u"3 added, 0 skipped, 0 failed"_s);
    QCOMPARE(m_f->samples().size(), 3);
    const HttpResult a =
        m_f->label(m_f->sampleNamed(u"a.jpg"_s).value("uuid"_L1).toString(), u"ground-truth"_s);
    QCOMPARE(a.status, 200);
    const QJsonObject attributes = a.object().value("attributes"_L1).toObject();
    QCOMPARE(attributes.value("annotations"_L1).toArray().size(), 2);
    QCOMPARE(m_f->download(attributes["segmentation_bitmap"_L1]["url"_L1].toString()),
             UploadFixture::readAll(m_f->path(u"a_label.png"_s)));
    for (const QString &name : {u"b.jpg"_s, u"c.jpg"_s}) {
        const QString uuid = m_f->sampleNamed(name).value("uuid"_L1).toString();
        QCOMPARE(m_f->label(uuid, u"ground-truth"_s).status, 404);
    }
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(u"b.jpg: no b_label.json for b_label.png, uploaded without a label"_s),
             qPrintable(err));
    QVERIFY2(err.contains(u"c.jpg: no c_label.png, uploaded without a label"_s), qPrintable(err));
}

void TestUploadCli::unreadableAnnotationsFail() {
    m_f->write(u"d.jpg"_s, plainImage(40, 30, "JPG"));
    m_f->write(u"d_label.png"_s, idPng(40, 30, halves));
    m_f->write(u"d_label.json"_s, "{\"annotations\": [");
    m_f->write(u"e.jpg"_s, plainImage(40, 30, "JPG"));
    m_f->write(u"e_label.png"_s, idPng(40, 30, halves));
    m_f->write(u"e_label.json"_s, QJsonDocument(annotations({{1, 5}, {2, 2}})).toJson());
    const Run r = run(args({u"d.jpg"_s, u"e.jpg"_s, u"--labelset"_s, u"ground-truth"_s,
                            u"--bitmap-suffix"_s, u"_label.png"_s}));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.lines.first().startsWith(u"failed d.jpg: d_label.json: not valid JSON"_s),
             qPrintable(r.lines.join(u'|')));
    QVERIFY(r.lines.contains(u"failed e.jpg: label: category 5 is not defined by the dataset"_s));
    QCOMPARE(r.lines.last(), u"0 added, 0 skipped, 2 failed"_s);
    QCOMPARE(m_f->samples().size(), 0);
}

void TestUploadCli::usageErrors_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no file") << QStringList{u"upload"_s, u"ann/photos"_s} << u"FILE"_s;
    QTest::newRow("dataset not owner/name")
        << QStringList{u"upload"_s, u"photos"_s, u"a.jpg"_s} << u"OWNER/NAME"_s;
    QTest::newRow("metadata without =")
        << QStringList{u"upload"_s, u"a/b"_s, u"a.jpg"_s, u"--metadata"_s, u"rain"_s}
        << u"KEY=VALUE"_s;
    QTest::newRow("labelset alone")
        << QStringList{u"upload"_s, u"a/b"_s, u"a.jpg"_s, u"--labelset"_s, u"ground-truth"_s}
        << u"--bitmap-suffix"_s;
    QTest::newRow("suffix alone") << QStringList{u"upload"_s, u"a/b"_s, u"a.jpg"_s,
                                                 u"--bitmap-suffix"_s, u"_l.png"_s}
                                  << u"--labelset"_s;
    QTest::newRow("concurrency 0")
        << QStringList{u"upload"_s, u"a/b"_s, u"a.jpg"_s, u"--concurrency"_s, u"0"_s}
        << u"--concurrency"_s;
    QTest::newRow("only label files")
        << QStringList{u"upload"_s,     u"a/b"_s,          u"a_l.png"_s,
                       u"--labelset"_s, u"ground-truth"_s, u"--bitmap-suffix"_s,
                       u"_l.png"_s}
        << u"no image"_s;
}

void TestUploadCli::usageErrors() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run r = run(arguments + QStringList{u"--server"_s, m_f->proxy->url().toString()});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.lines.isEmpty());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QCOMPARE(m_f->proxy->requests().size(), 0);
}

void TestUploadCli::secondRunRefused() {
    m_f->writeJpeg(u"a.jpg"_s, 1);
    QVERIFY(QDir().mkpath(QFileInfo(stateFile()).absolutePath()));
    QLockFile other(stateFile() + u".lock"_s);
    QVERIFY(other.tryLock(0));
    const Run r = run(args({u"a.jpg"_s}));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("another segscope upload is running"), r.err.constData());
    QCOMPARE(m_f->samples().size(), 0);
}

// The third create is done by the server but never answered, and the later ones never reach
// it; the process is killed the moment the third is done. The same command again reports every
// file added, creates each exactly once, and clears its state.
void TestUploadCli::killedRunResumes() {
    QStringList files;
    for (int i = 0; i < 6; ++i) {
        files.append(u"f%1.jpg"_s.arg(i));
        m_f->writeJpeg(files.last(), quint32(i));
    }
    m_f->proxy->act("POST", UploadFixture::SamplesPath, ProxyAction::ForwardThenHold, 2);
    m_f->proxy->act("POST", UploadFixture::SamplesPath, ProxyAction::Hold, 3, 100);
    QProcess process;
    QObject killer;
    connect(m_f->proxy.get(), &FaultProxy::forwarded, &killer, [&] {
        if (m_f->proxy->countStatus("POST", UploadFixture::SamplesPath, 201) == 3)
            process.kill();
    });
    QSignalSpy finished(&process, &QProcess::finished);
    startProcess(process, args(files));
    QVERIFY(process.waitForStarted(Bound));
    QVERIFY(finished.wait(Bound));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit); // killed, not ended by itself
    QVERIFY(QFile::exists(stateFile()));
    QVERIFY(!UploadFixture::readAll(stateFile()).contains(m_f->key.toUtf8()));
    const int createdBefore = m_f->proxy->countStatus("POST", UploadFixture::SamplesPath, 201);
    QCOMPARE(createdBefore, 3);
    m_f->proxy->clearRules();
    m_f->proxy->resetCounts();

    const Run r = run(args(files));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.lines.size(), 7);
    QCOMPARE(r.lines.last(), u"6 added, 0 skipped, 0 failed"_s);
    static const QRegularExpression added(u"^added (f\\d\\.jpg) [0-9a-f-]{36}$"_s);
    for (const QString &name : std::as_const(files)) {
        QCOMPARE(m_f->countNamed(name), 1);
        QCOMPARE(r.lines.filter(u"added "_s + name + u' ').size(), 1);
    }
    for (qsizetype i = 0; i < 6; ++i)
        QVERIFY2(added.match(r.lines.at(i)).hasMatch(), qPrintable(r.lines.at(i)));
    QCOMPARE(m_f->proxy->countStatus("POST", UploadFixture::SamplesPath, 201), 6 - createdBefore);
    QCOMPARE(m_f->proxy->countStatus("POST", UploadFixture::SamplesPath, 400), 0);
    QVERIFY(!QFile::exists(stateFile()));
}

SEGSCOPE_TEST_MAIN(TestUploadCli)
#include "tst_upload_cli.moc"
