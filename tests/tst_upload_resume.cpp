// The upload queue over time, against segscope-server behind a fault-injecting proxy: cancel at
// any step, a queue destroyed mid-run and resumed from its state file, a 429 storm during a
// bulk run, the concurrency cap and the order.
#include "support/testmain.h"
#include "support/uploadfixture.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope::test;
using segscope::upload::UploadItem;
using segscope::upload::UploadQueue;
using segscope::upload::UploadSummary;
using State = UploadItem::State;

namespace {

constexpr int Bound = UploadFixture::Bound;

bool isWorking(State s) {
    return s != State::Queued && s != State::Done && s != State::Skipped && s != State::Failed &&
           s != State::Cancelled;
}

int countFinished(const UploadQueue &queue) {
    const QList<UploadItem> items = queue.items();
    return int(std::count_if(items.cbegin(), items.cend(),
                             [](const UploadItem &i) { return i.isFinished(); }));
}

} // namespace

class TestUploadResume : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void cancelMidUpload();
    void cancelQueuedAndCreating();
    void killAndResume();
    void rateLimitedBulk();
    void concurrencyCap();
    void processedInOrder();

private:
    std::unique_ptr<UploadFixture> m_f;
};

void TestUploadResume::init() {
    m_f = std::make_unique<UploadFixture>();
    QString error;
    QVERIFY2(m_f->start(&error), qPrintable(error));
}

void TestUploadResume::cleanup() {
    m_f.reset();
}

// The storage post is held open (every byte sent, no answer): cancel aborts it, the item is
// Cancelled and nothing is stored or created.
void TestUploadResume::cancelMidUpload() {
    m_f->proxy->act("POST", u"/storage"_s, ProxyAction::Hold);
    auto queue = m_f->queue();
    QSignalSpy progress(queue.get(), &UploadQueue::progress);
    QSignalSpy idle(queue.get(), &UploadQueue::idle);
    const QString id = queue->enqueue(m_f->item(m_f->writeJpeg(u"big.jpg"_s, 3, 600, 400)));
    queue->start();
    QTRY_VERIFY_WITH_TIMEOUT(queue->item(id)->state == State::Uploading &&
                                 m_f->proxy->count("POST", u"/storage"_s) == 1,
                             Bound);
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty(), Bound);
    QVERIFY(queue->item(id)->bytesSent > 0);
    QCOMPARE(m_f->proxy->inFlight(), 1);

    queue->cancel(id);
    QCOMPARE(queue->item(id)->state, State::Cancelled);
    QTRY_COMPARE_WITH_TIMEOUT(idle.size(), 1, Bound);
    QCOMPARE(idle.first().at(0).value<UploadSummary>().cancelled, 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_f->proxy->inFlight(), 0, Bound); // the connection was aborted
    QCOMPARE(m_f->storedAssets(), 0);
    QCOMPARE(m_f->proxy->count("POST", UploadFixture::SamplesPath), 0);
    QCOMPARE(m_f->samples().size(), 0);
}

// One item waits its turn, the other hangs on its create: the first is cancelled while
// queued, cancelAll() stops the create in flight.
void TestUploadResume::cancelQueuedAndCreating() {
    m_f->proxy->act("POST", UploadFixture::SamplesPath, ProxyAction::Hold);
    auto queue = m_f->queue();
    queue->setConcurrency(1);
    const QString a = queue->enqueue(m_f->item(m_f->writeJpeg(u"a.jpg"_s, 1)));
    const QString b = queue->enqueue(m_f->item(m_f->writeJpeg(u"b.jpg"_s, 2)));
    QSignalSpy idle(queue.get(), &UploadQueue::idle);
    queue->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_f->proxy->count("POST", UploadFixture::SamplesPath) == 1, Bound);
    QCOMPARE(queue->item(a)->state, State::CreatingSample);
    QCOMPARE(queue->item(b)->state, State::Queued);

    queue->cancel(b);
    QCOMPARE(queue->item(b)->state, State::Cancelled);
    QCOMPARE(queue->item(a)->state, State::CreatingSample);
    queue->cancelAll();
    QCOMPARE(queue->item(a)->state, State::Cancelled);
    QTRY_COMPARE_WITH_TIMEOUT(idle.size(), 1, Bound);
    QCOMPARE(idle.first().at(0).value<UploadSummary>().cancelled, 2);
    QTRY_COMPARE_WITH_TIMEOUT(m_f->proxy->inFlight(), 0, Bound);
    QCOMPARE(m_f->proxy->count("POST", u"/storage"_s), 1); // b never started
    QCOMPARE(m_f->samples().size(), 0);
}

// 12 files; the queue is destroyed (as a kill would) while one create has been done by the
// server but not answered and one upload hangs. A new queue on the same state file finishes
// the run: every file exists exactly once, the answered steps are not repeated.
void TestUploadResume::killAndResume() {
    const QString state = m_f->path(u"state/queue.json"_s);
    QStringList names;
    auto queue = m_f->queue(state);
    for (int i = 0; i < 12; ++i) {
        names.append(u"k%1.jpg"_s.arg(i, 2, 10, QChar(u'0')));
        queue->enqueue(m_f->item(m_f->writeJpeg(names.last(), quint32(i))));
    }
    m_f->proxy->setLatency(2);
    m_f->proxy->act("POST", UploadFixture::SamplesPath, ProxyAction::ForwardThenHold, 4);
    m_f->proxy->act("POST", u"/storage"_s, ProxyAction::Hold, 6);
    queue->start();
    // Ten finish; the held create was done by the server; the held upload arrived.
    QTRY_VERIFY_WITH_TIMEOUT(countFinished(*queue) == 10 &&
                                 m_f->proxy->countStatus("POST", UploadFixture::SamplesPath, 201) ==
                                     11 &&
                                 m_f->proxy->count("POST", u"/storage"_s) == 12,
                             Bound);

    QString heldCreate, heldUpload;
    for (const UploadItem &item : queue->items()) {
        if (item.state == State::CreatingSample)
            heldCreate = item.sampleName;
        if (item.state == State::Uploading)
            heldUpload = item.sampleName;
    }
    QVERIFY(!heldCreate.isEmpty() && !heldUpload.isEmpty());
    const QHash<QString, QString> persisted = UploadFixture::persistedStates(state);
    QCOMPARE(persisted.value(heldCreate), u"creating-sample"_s);
    QCOMPARE(persisted.value(heldUpload), u"uploading"_s);
    QCOMPARE(persisted.values().count(u"done"_s), 10);

    queue.reset(); // the kill: calls aborted, nothing more written
    QTRY_COMPARE_WITH_TIMEOUT(m_f->proxy->inFlight(), 0, Bound);
    m_f->proxy->clearRules();
    m_f->proxy->resetCounts();

    auto resumed = m_f->queue(state);
    QCOMPARE(resumed->items().size(), 12);
    QCOMPARE(countFinished(*resumed), 10);
    const UploadItem before = [&] {
        for (const UploadItem &i : resumed->items()) {
            if (i.sampleName == heldCreate)
                return i;
        }
        return UploadItem{};
    }();
    QCOMPARE(before.state, State::Queued);
    QVERIFY(!before.assetUrl.isEmpty());
    QVERIFY(before.createSent);
    QVERIFY(before.sampleUuid.isEmpty());

    UploadSummary summary;
    QVERIFY(UploadFixture::run(*resumed, &summary));
    QCOMPARE(summary.added, 12);
    QCOMPARE(summary.failed + summary.skipped + summary.cancelled, 0);
    QCOMPARE(m_f->samples().size(), 12);
    for (const QString &name : std::as_const(names))
        QCOMPARE(m_f->countNamed(name), 1);
    // Only the hung upload is redone; the held create is found by name, not repeated.
    QCOMPARE(m_f->proxy->count("POST", u"/assets"_s), 1);
    QCOMPARE(m_f->proxy->count("POST", u"/storage"_s), 1);
    QCOMPARE(m_f->proxy->count("POST", UploadFixture::SamplesPath), 1);
    QCOMPARE(m_f->storedAssets(), 12);
    QVERIFY(!UploadFixture::readAll(state).contains(m_f->key.toUtf8()));

    QSignalSpy changed(resumed.get(), &UploadQueue::itemChanged);
    resumed->clearFinished();
    QCOMPARE(resumed->items().size(), 0);
    QCOMPARE(changed.size(), 12);
    QCOMPARE(UploadFixture::persistedStates(state).size(), 0);
}

// Creates and uploads answered 429 over and over: the client's own retries run out (two
// attempts here), the queue waits as Retry-After says and tries again; all arrive once.
void TestUploadResume::rateLimitedBulk() {
    auto options = m_f->clientOptions();
    options.maxAttempts = 2;
    segscope::api::ApiClient client(options);
    m_f->proxy->respond("POST", UploadFixture::SamplesPath, Fault::rateLimited(2, 2), 1, 7);
    m_f->proxy->respond("POST", u"/storage"_s, Fault::rateLimited(1, std::nullopt), 2, 3);
    auto queue = m_f->queue({}, &client);
    QStringList names;
    for (int i = 0; i < 8; ++i) {
        names.append(u"b%1.jpg"_s.arg(i));
        queue->enqueue(m_f->item(m_f->writeJpeg(names.last(), quint32(i))));
    }
    UploadSummary summary;
    QVERIFY(UploadFixture::run(*queue, &summary));
    QCOMPARE(summary.added, 8);
    QCOMPARE(m_f->proxy->count("POST", UploadFixture::SamplesPath), 8 + 7);
    QCOMPARE(m_f->proxy->countStatus("POST", UploadFixture::SamplesPath, 201), 8);
    int retried = 0;
    for (const UploadItem &item : queue->items())
        retried += item.attempts;
    QVERIFY2(retried >= 3, qPrintable(QString::number(retried))); // the queue's own retries
    for (const QString &name : std::as_const(names))
        QCOMPARE(m_f->countNamed(name), 1);
    QCOMPARE(m_f->storedAssets(), 8);
}

// Nine items, each request slowed down: never more than three items at work, nor more than
// three requests open at the server, and the cap is reached.
void TestUploadResume::concurrencyCap() {
    m_f->proxy->setLatency(15);
    auto queue = m_f->queue();
    int maxWorking = 0;
    int maxRunning = 0;
    connect(queue.get(), &UploadQueue::itemChanged, this, [&] {
        const QList<UploadItem> items = queue->items();
        maxWorking = std::max<int>(
            maxWorking, int(std::count_if(items.cbegin(), items.cend(),
                                          [](const UploadItem &i) { return isWorking(i.state); })));
        maxRunning = std::max(maxRunning, queue->runningCount());
    });
    for (int i = 0; i < 9; ++i)
        queue->enqueue(m_f->item(m_f->writeJpeg(u"c%1.jpg"_s.arg(i), quint32(i))));
    UploadSummary summary;
    QVERIFY(UploadFixture::run(*queue, &summary));
    QCOMPARE(summary.added, 9);
    QCOMPARE(maxWorking, 3);
    QVERIFY(maxRunning <= 3);
    QVERIFY2(m_f->proxy->maxInFlight() <= 3 && m_f->proxy->maxInFlight() >= 2,
             qPrintable(QString::number(m_f->proxy->maxInFlight())));
}

// With one at a time, items go in the order they were enqueued.
void TestUploadResume::processedInOrder() {
    auto queue = m_f->queue();
    queue->setConcurrency(1);
    QStringList ids;
    for (int i = 0; i < 4; ++i)
        ids.append(queue->enqueue(m_f->item(m_f->writeJpeg(u"o%1.jpg"_s.arg(i), quint32(i)))));
    QStringList started;
    int maxWorking = 0;
    connect(queue.get(), &UploadQueue::itemChanged, this, [&](const QString &id) {
        if (queue->item(id)->state == State::CheckingName && !started.contains(id))
            started.append(id);
        const QList<UploadItem> items = queue->items();
        maxWorking = std::max<int>(
            maxWorking, int(std::count_if(items.cbegin(), items.cend(),
                                          [](const UploadItem &i) { return isWorking(i.state); })));
    });
    QVERIFY(UploadFixture::run(*queue));
    QCOMPARE(started, ids);
    QCOMPARE(maxWorking, 1);
    QCOMPARE(m_f->proxy->maxInFlight(), 1);
}

SEGSCOPE_TEST_MAIN(TestUploadResume)
#include "tst_upload_resume.moc"
