// The upload queue against segscope-server (in-process, behind a fault-injecting proxy): the
// happy path with labels, duplicates, and a failure at each step, with what the server ended up
// storing counted.
#include "support/testmain.h"
#include "support/uploadfixture.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope::test;
using segscope::upload::UploadItem;
using segscope::upload::UploadSummary;
using State = UploadItem::State;

namespace {

constexpr int Bound = UploadFixture::Bound;

// Ids: 0 on the left quarter, 1 above the middle, 2 below.
quint32 twoInstances(int x, int y) {
    if (x < 10)
        return 0;
    return y < 15 ? 1 : 2;
}

QJsonObject annotations(const QList<std::pair<int, int>> &idToCategory) {
    QJsonArray list;
    for (const auto &[id, category] : idToCategory)
        list.append(QJsonObject{{"id"_L1, id}, {"category_id"_L1, category}});
    return QJsonObject{{"format_version"_L1, u"0.1"_s}, {"annotations"_L1, list}};
}

QStringList captured;
void capture(QtMsgType, const QMessageLogContext &context, const QString &message) {
    captured.append(QString::fromLatin1(context.category ? context.category : "") + u' ' + message);
}

Fault jsonError(int status, const QByteArray &detail) {
    return Fault::json(status, R"({"detail": ")" + detail + R"("})");
}

} // namespace

class TestUpload : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void happyPath();
    void labelRejectedBeforeSending();
    void existingNameSkipped();
    void rerunCreatesNothing();
    void assetCreateFailsOnce();
    void assetCreateForbidden();
    void storageUploadFailsOnce();
    void createFailsAfterUpload();
    void createAnswerLost();
    void createConflictAfterLostAnswer();
    void createAnswerUnreadable();
    void labelPutFailsOnce();
    void unknownDataset();

private:
    std::unique_ptr<UploadFixture> m_f;
};

void TestUpload::init() {
    m_f = std::make_unique<UploadFixture>();
    QString error;
    QVERIFY2(m_f->start(&error), qPrintable(error));
}

void TestUpload::cleanup() {
    m_f.reset();
}

// A JPEG with metadata and priority, a PNG with a label, and a remote URL: each sample appears
// as sent, the assets hold the files' bytes, the label its bitmap and annotations. Neither the
// state file nor the logs ever carry the key.
void TestUpload::happyPath() {
    const QString state = m_f->path(u"state/queue.json"_s);
    const QString jpeg = m_f->writeJpeg(u"street.jpg"_s, 7, 64, 48);
    const QString png = m_f->write(u"road.png"_s, plainImage(40, 30, "PNG"));
    const QString bitmap = m_f->write(u"road_label.png"_s, idPng(40, 30, twoInstances));

    captured.clear();
    QLoggingCategory::setFilterRules(u"segscope.*.debug=true"_s);
    const QtMessageHandler previous = qInstallMessageHandler(capture);
    auto queue = m_f->queue(state);
    QSignalSpy progress(queue.get(), &segscope::upload::UploadQueue::progress);

    UploadItem a = m_f->item(jpeg);
    a.metadata = QJsonObject{{"weather"_L1, u"rain"_s}, {"n"_L1, 3}, {"night"_L1, true}};
    a.priority = 2.5;
    const QString idA = queue->enqueue(a);
    UploadItem b = m_f->item(png);
    b.labelset = u"ground-truth"_s;
    b.bitmapPath = bitmap;
    b.labelAttributes = annotations({{1, 1}, {2, 2}});
    const QString idB = queue->enqueue(b);
    UploadItem c;
    c.dataset = UploadFixture::Dataset;
    c.imageUrl = QUrl(u"https://example.com/images/remote.jpg"_s);
    const QString idC = queue->enqueue(c);

    UploadSummary summary;
    const bool ran = UploadFixture::run(*queue, &summary);
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(ran);
    QCOMPARE(summary.added, 3);
    QCOMPARE(summary.failed + summary.skipped + summary.cancelled, 0);

    const UploadItem doneA = *queue->item(idA);
    QCOMPARE(doneA.state, State::Done);
    QCOMPARE(doneA.sampleName, u"street.jpg"_s);
    QVERIFY(!doneA.assetUrl.isEmpty());
    QCOMPARE(doneA.bytesSent, doneA.bytesTotal);
    QVERIFY(doneA.bytesTotal > QFileInfo(jpeg).size());
    QVERIFY(!progress.isEmpty());
    const QJsonObject sa = m_f->sampleNamed(u"street.jpg"_s);
    QCOMPARE(sa.value("uuid"_L1).toString(), doneA.sampleUuid);
    QCOMPARE(sa.value("metadata"_L1).toObject(), a.metadata);
    QCOMPARE(sa.value("priority"_L1).toDouble(), 2.5);
    const QString urlA = sa.value("attributes"_L1)["image"_L1]["url"_L1].toString();
    QCOMPARE(QUrl(urlA).path(), QUrl(doneA.assetUrl).path());
    QCOMPARE(m_f->download(urlA), UploadFixture::readAll(jpeg));

    const UploadItem doneB = *queue->item(idB);
    QVERIFY(doneB.labelDone);
    QVERIFY(!doneB.bitmapUrl.isEmpty());
    const HttpResult label = m_f->label(doneB.sampleUuid, u"ground-truth"_s);
    QCOMPARE(label.status, 200);
    QCOMPARE(label.object().value("label_status"_L1).toString(), u"PRELABELED"_s);
    const QJsonObject attributes = label.object().value("attributes"_L1).toObject();
    QCOMPARE(attributes.value("annotations"_L1).toArray().size(), 2);
    const QString bitmapUrl = attributes["segmentation_bitmap"_L1]["url"_L1].toString();
    QCOMPARE(m_f->download(bitmapUrl), UploadFixture::readAll(bitmap));

    const UploadItem doneC = *queue->item(idC);
    QCOMPARE(doneC.sampleName, u"remote.jpg"_s);
    QCOMPARE(m_f->sampleNamed(u"remote.jpg"_s)["attributes"_L1]["image"_L1]["url"_L1].toString(),
             u"https://example.com/images/remote.jpg"_s);
    QVERIFY(doneC.assetUrl.isEmpty());
    // Two images and a bitmap; nothing for the URL.
    QCOMPARE(m_f->proxy->count("POST", u"/assets"_s), 3);
    QCOMPARE(m_f->storedAssets(), 3);

    const QByteArray saved = UploadFixture::readAll(state);
    QVERIFY(saved.contains("street.jpg"));
    QVERIFY(!saved.contains(m_f->key.toUtf8()));
    QVERIFY(captured.size() > 5); // the debug logs ran
    for (const QString &line : std::as_const(captured))
        QVERIFY2(!line.contains(m_f->key), qPrintable(line));
}

// A label whose bitmap has an id without annotation and a category the dataset lacks fails
// with both reasons before anything is created.
void TestUpload::labelRejectedBeforeSending() {
    auto queue = m_f->queue();
    UploadItem item = m_f->item(m_f->write(u"road.png"_s, plainImage(40, 30, "PNG")));
    item.labelset = u"ground-truth"_s;
    item.bitmapPath = m_f->write(u"road_label.png"_s, idPng(40, 30, twoInstances));
    item.labelAttributes = annotations({{1, 9}});
    const QString id = queue->enqueue(item);
    UploadSummary summary;
    QVERIFY(UploadFixture::run(*queue, &summary));
    QCOMPARE(summary.failed, 1);
    const UploadItem failed = *queue->item(id);
    QCOMPARE(failed.state, State::Failed);
    QVERIFY2(failed.error.startsWith(u"label: "_s), qPrintable(failed.error));
    QVERIFY2(failed.error.contains(u"category 9 is not defined"_s), qPrintable(failed.error));
    QVERIFY2(failed.error.contains(u"no annotation: 2"_s), qPrintable(failed.error));
    QCOMPARE(summary.failures, QStringList{u"road.png: "_s + failed.error});
    QCOMPARE(m_f->proxy->count("POST", u"/"_s), 0);
    QCOMPARE(m_f->samples().size(), 0);
}

// A name another sample already has is skipped, not overwritten nor duplicated.
void TestUpload::existingNameSkipped() {
    QVERIFY(m_f->addSample(u"taken.jpg"_s));
    auto queue = m_f->queue();
    const QString taken = queue->enqueue(m_f->item(m_f->writeJpeg(u"taken.jpg"_s, 1)));
    queue->enqueue(m_f->item(m_f->writeJpeg(u"new.jpg"_s, 2)));
    UploadSummary summary;
    QVERIFY(UploadFixture::run(*queue, &summary));
    QCOMPARE(summary.added, 1);
    QCOMPARE(summary.skipped, 1);
    QCOMPARE(queue->item(taken)->error, u"already exists"_s);
    QCOMPARE(m_f->countNamed(u"taken.jpg"_s), 1);
    QCOMPARE(m_f->proxy->count("POST", u"/storage"_s), 1); // nothing uploaded for taken.jpg
    QCOMPARE(m_f->samples().size(), 2);
}

// The same files again: a new queue skips them all; the finished queue reopened does nothing.
void TestUpload::rerunCreatesNothing() {
    const QString state = m_f->path(u"state.json"_s);
    QStringList files;
    for (int i = 0; i < 4; ++i)
        files.append(m_f->writeJpeg(u"r%1.jpg"_s.arg(i), quint32(i)));
    {
        auto queue = m_f->queue(state);
        for (const QString &f : std::as_const(files))
            queue->enqueue(m_f->item(f));
        UploadSummary summary;
        QVERIFY(UploadFixture::run(*queue, &summary));
        QCOMPARE(summary.added, 4);
    }
    const int requests = int(m_f->proxy->requests().size());
    {
        auto reopened = m_f->queue(state);
        QCOMPARE(reopened->items().size(), 4);
        UploadSummary summary;
        QVERIFY(UploadFixture::run(*reopened, &summary));
        QCOMPARE(summary.added, 4);
        QCOMPARE(int(m_f->proxy->requests().size()), requests); // nothing sent
    }
    auto again = m_f->queue();
    for (const QString &f : std::as_const(files))
        again->enqueue(m_f->item(f));
    UploadSummary summary;
    QVERIFY(UploadFixture::run(*again, &summary));
    QCOMPARE(summary.skipped, 4);
    QCOMPARE(summary.added, 0);
    QCOMPARE(m_f->samples().size(), 4);
    QCOMPARE(m_f->storedAssets(), 4);
}

void TestUpload::assetCreateFailsOnce() {
    m_f->proxy->respond("POST", u"/assets"_s, jsonError(500, "boom"));
    auto queue = m_f->queue();
    const QString id = queue->enqueue(m_f->item(m_f->writeJpeg(u"a.jpg"_s, 1)));
    QVERIFY(UploadFixture::run(*queue));
    QCOMPARE(queue->item(id)->state, State::Done);
    QCOMPARE(queue->item(id)->attempts, 1);
    QCOMPARE(m_f->proxy->count("POST", u"/assets"_s), 2);
    QCOMPARE(m_f->proxy->count("POST", u"/storage"_s), 1);
    QCOMPARE(m_f->proxy->count("POST", UploadFixture::SamplesPath), 1);
    QCOMPARE(m_f->storedAssets(), 1);
    QCOMPARE(m_f->countNamed(u"a.jpg"_s), 1);
}

// A permanent error fails the item at once with the server's one line; nothing follows.
void TestUpload::assetCreateForbidden() {
    m_f->proxy->respond("POST", u"/assets"_s,
                        jsonError(403, "You do not have permission to perform this action."), 0,
                        10);
    auto queue = m_f->queue();
    const QString id = queue->enqueue(m_f->item(m_f->writeJpeg(u"a.jpg"_s, 1)));
    UploadSummary summary;
    QVERIFY(UploadFixture::run(*queue, &summary));
    QCOMPARE(summary.failed, 1);
    QCOMPARE(queue->item(id)->error,
             u"You do not have permission to perform this action. (HTTP 403)"_s);
    QCOMPARE(queue->item(id)->attempts, 0);
    QCOMPARE(m_f->proxy->count("POST", u"/assets"_s), 1);
    QCOMPARE(m_f->proxy->count("POST", u"/storage"_s), 0);
    QCOMPARE(m_f->proxy->count("POST", UploadFixture::SamplesPath), 0);
}

// The storage post fails (never reaching the store): a new asset is created and uploaded.
void TestUpload::storageUploadFailsOnce() {
    m_f->proxy->respond("POST", u"/storage"_s, jsonError(500, "disk"));
    auto queue = m_f->queue();
    const QString id = queue->enqueue(m_f->item(m_f->writeJpeg(u"a.jpg"_s, 1)));
    QVERIFY(UploadFixture::run(*queue));
    QCOMPARE(queue->item(id)->state, State::Done);
    QCOMPARE(m_f->proxy->count("POST", u"/assets"_s), 2);
    QCOMPARE(m_f->proxy->count("POST", u"/storage"_s), 2);
    QCOMPARE(m_f->storedAssets(), 1);
    QCOMPARE(m_f->proxy->count("POST", UploadFixture::SamplesPath), 1);
    QCOMPARE(m_f->countNamed(u"a.jpg"_s), 1);
}

// The create fails twice after the upload succeeded: only the create is retried.
void TestUpload::createFailsAfterUpload() {
    m_f->proxy->respond("POST", UploadFixture::SamplesPath, jsonError(503, "maintenance"), 0, 2);
    auto queue = m_f->queue();
    const QString id = queue->enqueue(m_f->item(m_f->writeJpeg(u"a.jpg"_s, 1)));
    QVERIFY(UploadFixture::run(*queue));
    QCOMPARE(queue->item(id)->state, State::Done);
    QCOMPARE(queue->item(id)->attempts, 2);
    QCOMPARE(m_f->proxy->count("POST", UploadFixture::SamplesPath), 3);
    QCOMPARE(m_f->proxy->count("POST", u"/assets"_s), 1);
    QCOMPARE(m_f->proxy->count("POST", u"/storage"_s), 1);
    QCOMPARE(m_f->storedAssets(), 1);
    QCOMPARE(m_f->countNamed(u"a.jpg"_s), 1);
}

// The server creates the sample but the answer is cut off: the retry's name check finds our
// sample (our asset url) and the item is done, with no second sample and no second upload.
void TestUpload::createAnswerLost() {
    m_f->proxy->act("POST", UploadFixture::SamplesPath, ProxyAction::ForwardThenDrop);
    auto queue = m_f->queue();
    const QString id = queue->enqueue(m_f->item(m_f->writeJpeg(u"a.jpg"_s, 1)));
    UploadSummary summary;
    QVERIFY(UploadFixture::run(*queue, &summary));
    QCOMPARE(summary.added, 1);
    QCOMPARE(m_f->proxy->countStatus("POST", UploadFixture::SamplesPath, 201), 1);
    QCOMPARE(m_f->proxy->count("POST", UploadFixture::SamplesPath), 1);
    QCOMPARE(m_f->proxy->count("POST", u"/storage"_s), 1);
    QCOMPARE(m_f->countNamed(u"a.jpg"_s), 1);
    QCOMPARE(queue->item(id)->sampleUuid, m_f->sampleNamed(u"a.jpg"_s).value("uuid"_L1).toString());
}

// Same, but the next name check sees a stale listing: the create answers 400 "already exists",
// the queue checks the name again and recognises its asset: done, not skipped.
void TestUpload::createConflictAfterLostAnswer() {
    m_f->proxy->act("POST", UploadFixture::SamplesPath, ProxyAction::ForwardThenDrop);
    m_f->proxy->respond("GET", UploadFixture::SamplesPath, Fault::json(200, "[]"), 1);
    auto queue = m_f->queue();
    const QString id = queue->enqueue(m_f->item(m_f->writeJpeg(u"a.jpg"_s, 1)));
    QVERIFY(UploadFixture::run(*queue));
    QCOMPARE(queue->item(id)->state, State::Done);
    QCOMPARE(m_f->proxy->countStatus("POST", UploadFixture::SamplesPath, 201), 1);
    QCOMPARE(m_f->proxy->countStatus("POST", UploadFixture::SamplesPath, 400), 1);
    QCOMPARE(m_f->proxy->count("POST", u"/storage"_s), 1);
    QCOMPARE(m_f->countNamed(u"a.jpg"_s), 1);
    QCOMPARE(queue->item(id)->sampleUuid, m_f->sampleNamed(u"a.jpg"_s).value("uuid"_L1).toString());
}

// A 201 whose body is not a sample: retried (after a name check) rather than failed, since a
// create the client could not read may have happened.
void TestUpload::createAnswerUnreadable() {
    m_f->proxy->respond("POST", UploadFixture::SamplesPath, Fault::json(201, R"({"uuid": 5})"));
    auto queue = m_f->queue();
    const QString id = queue->enqueue(m_f->item(m_f->writeJpeg(u"a.jpg"_s, 1)));
    QVERIFY(UploadFixture::run(*queue));
    QCOMPARE(queue->item(id)->state, State::Done);
    QCOMPARE(queue->item(id)->attempts, 1);
    QCOMPARE(m_f->proxy->count("POST", UploadFixture::SamplesPath), 2);
    QCOMPARE(m_f->proxy->count("POST", u"/storage"_s), 1);
    QCOMPARE(m_f->countNamed(u"a.jpg"_s), 1);
}

void TestUpload::labelPutFailsOnce() {
    m_f->proxy->respond("PUT", u"/labels/"_s, jsonError(500, "boom"));
    auto queue = m_f->queue();
    UploadItem item = m_f->item(m_f->write(u"road.png"_s, plainImage(40, 30, "PNG")));
    item.labelset = u"ground-truth"_s;
    item.bitmapPath = m_f->write(u"road_label.png"_s, idPng(40, 30, twoInstances));
    item.labelAttributes = annotations({{1, 1}, {2, 2}});
    item.labelStatus = u"LABELED"_s;
    const QString id = queue->enqueue(item);
    QVERIFY(UploadFixture::run(*queue));
    QCOMPARE(queue->item(id)->state, State::Done);
    QCOMPARE(m_f->proxy->count("PUT", u"/labels/"_s), 2);
    QCOMPARE(m_f->proxy->count("POST", UploadFixture::SamplesPath), 1);
    QCOMPARE(m_f->proxy->count("POST", u"/storage"_s), 2); // the image and the bitmap, once each
    const HttpResult label = m_f->label(queue->item(id)->sampleUuid, u"ground-truth"_s);
    QCOMPARE(label.status, 200);
    QCOMPARE(label.object().value("label_status"_L1).toString(), u"LABELED"_s);
}

void TestUpload::unknownDataset() {
    auto queue = m_f->queue();
    UploadItem item = m_f->item(m_f->writeJpeg(u"a.jpg"_s, 1));
    item.dataset = u"ann/missing"_s;
    const QString id = queue->enqueue(item);
    QVERIFY(UploadFixture::run(*queue));
    QCOMPARE(queue->item(id)->state, State::Failed);
    QCOMPARE(queue->item(id)->error, u"Not found. (HTTP 404)"_s);
    QCOMPARE(m_f->proxy->count("POST", u"/"_s), 0);
}

SEGSCOPE_TEST_MAIN(TestUpload)
#include "tst_upload.moc"
