// Samples that are not single images, offscreen against segscope-server in-process: an image
// sequence with real PNG frames and a segmentation bitmap per frame, stepped with the frame keys
// (the canvas shows frame N's image and N's instance where N drew it); point cloud and text
// samples with their kind badge and placeholder in the grid and their description in the
// detail pane; a label status the client does not know, shown as it came.
//
// SEGSCOPE_SCREENSHOT_DIR=/some/dir saves grabs of the grid and the sequence viewer there.
#include "support/faultserver.h"
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "api/apiclient.h"
#include "api/datasetsapi.h"
#include "browse/samplebrowser.h"
#include "browse/sampledelegate.h"
#include "browse/samplegridview.h"
#include "detail/detailpane.h"
#include "detail/imagecanvas.h"
#include "detail/nonimageview.h"
#include "detail/sequenceviewer.h"
#include "models/samplelistmodel.h"
#include "models/thumbnailcache.h"
#include "shell/theme.h"
#include "wire/instanceid.h"

#include <QAction>
#include <QBuffer>
#include <QLabel>
#include <QSignalSpy>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope;
using segscope::test::ServerFixture;

namespace {

constexpr int kFrames = 4;
constexpr QSize kFrameSize(64, 48);

QByteArray pngBytes(const QImage &image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

//! Frame i is one flat colour, different for each frame.
QColor frameColor(int i) {
    return QColor(30 + 50 * i, 120, 220 - 40 * i);
}

//! Where frame i's car (instance 1) is: a 12x12 square that moves 12 px right each frame.
QRect carRect(int i) {
    return QRect(4 + 12 * i, 18, 12, 12);
}

} // namespace

class TestSequenceView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void framesStepWithKeys();
    void gridShowsKindsAndPlaceholders();
    void nonImageSamplesAreDescribed();
    void unknownStatusIsShownAsItCame();
    void screenshotsAtScreenSizes();

private:
    wire::Dataset fetchDataset(const QString &fullName);
    QString createSample(const QString &dataset, const QJsonObject &sample);
    bool show(ui::DetailPane &pane, const QString &uuid);
    void screenshot(QWidget *widget, const QString &name);

    ServerFixture m_fixture;
    QString m_key;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<ui::DetailPane> m_pane;
    wire::Dataset m_sequences; //!< one image-segmentation-sequence sample
    wire::Dataset m_mixed;     //!< an image, a sequence, a point cloud and a text sample
    QString m_sequenceUuid;
    QString m_pointCloudUuid;
    QString m_textUuid;
    QString m_mixedSequenceUuid; //!< unlabeled
};

void TestSequenceView::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_fixture.start({}, &error), qPrintable(error));
    m_key = m_fixture.addUser(u"ann"_s);
    QVERIFY(!m_key.isEmpty());
    api::ClientOptions client;
    client.baseUrl = m_fixture.baseUrl();
    client.apiKey = m_key;
    client.cacheDirectory = m_fixture.dataDir() + u"/client-cache"_s;
    m_client = std::make_unique<api::ApiClient>(client);

    QVERIFY(
        !m_fixture
             .createDataset(m_key, u"drive"_s, {{"task_type"_L1, u"image-segmentation-sequence"_s}})
             .isEmpty());
    QVERIFY(!m_fixture.createDataset(m_key, u"mixed"_s).isEmpty());

    // The frames and their bitmaps, uploaded as assets.
    QJsonArray frames, labelFrames;
    for (int i = 0; i < kFrames; ++i) {
        QImage image(kFrameSize, QImage::Format_RGB32);
        image.fill(frameColor(i));
        const QJsonObject imageFile =
            test::uploadAsset(m_fixture.http, m_key, u"f%1.png"_s.arg(i), pngBytes(image));
        QVERIFY(!imageFile.isEmpty());
        QImage bitmap(kFrameSize, QImage::Format_RGB32);
        bitmap.fill(wire::instanceIdToRgb(0));
        for (int y = carRect(i).top(); y <= carRect(i).bottom(); ++y)
            for (int x = carRect(i).left(); x <= carRect(i).right(); ++x)
                bitmap.setPixel(x, y, wire::instanceIdToRgb(1));
        const QJsonObject bitmapFile =
            test::uploadAsset(m_fixture.http, m_key, u"f%1-label.png"_s.arg(i), pngBytes(bitmap));
        QVERIFY(!bitmapFile.isEmpty());
        frames.append(QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, imageFile["url"_L1]}}},
                                  {"name"_L1, u"f%1"_s.arg(i)},
                                  {"timestamp"_L1, i * 0.1}});
        labelFrames.append(QJsonObject{
            {"format_version"_L1, u"0.1"_s},
            {"annotations"_L1,
             QJsonArray{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, 1}, {"track_id"_L1, 1}}}},
            {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, bitmapFile["url"_L1]}}},
            {"image_attributes"_L1, QJsonObject{}}});
    }
    const QJsonObject sequence{{"name"_L1, u"drive-001"_s},
                               {"attributes"_L1, QJsonObject{{"frames"_L1, frames}}}};
    m_sequenceUuid = createSample(u"ann/drive"_s, sequence);
    QVERIFY(!m_sequenceUuid.isEmpty());
    const test::HttpResult label = m_fixture.http.put(
        u"/labels/%1/ground-truth/"_s.arg(m_sequenceUuid),
        QJsonObject{{"label_status"_L1, u"LABELED"_s},
                    {"attributes"_L1,
                     QJsonObject{{"format_version"_L1, u"0.1"_s}, {"frames"_L1, labelFrames}}}},
        m_key);
    QVERIFY2(label.status == 200, label.describe().constData());

    // The mixed dataset: a sequence (the same frames), a point cloud, a text.
    m_mixedSequenceUuid = createSample(u"ann/mixed"_s, sequence);
    QVERIFY(!m_mixedSequenceUuid.isEmpty());
    const test::HttpResult mixedLabel = m_fixture.http.put(
        u"/labels/%1/ground-truth/"_s.arg(m_mixedSequenceUuid),
        QJsonObject{{"label_status"_L1, u"REJECTED"_s},
                    {"attributes"_L1,
                     QJsonObject{{"format_version"_L1, u"0.1"_s}, {"frames"_L1, labelFrames}}}},
        m_key);
    QVERIFY2(mixedLabel.status == 200, mixedLabel.describe().constData());
    m_pointCloudUuid = createSample(
        u"ann/mixed"_s,
        {{"name"_L1, u"scan-7"_s},
         {"attributes"_L1,
          QJsonObject{{"pcd"_L1, QJsonObject{{"url"_L1, u"https://example.invalid/scan-7.pcd"_s},
                                             {"type"_L1, u"pcd"_s}}}}}});
    QVERIFY(!m_pointCloudUuid.isEmpty());
    m_textUuid = createSample(
        u"ann/mixed"_s,
        {{"name"_L1, u"review-42"_s},
         {"attributes"_L1, QJsonObject{{"text"_L1, u"The brakes squeal when it rains."_s}}}});
    QVERIFY(!m_textUuid.isEmpty());
    const test::HttpResult pcLabel = m_fixture.http.put(
        u"/labels/%1/ground-truth/"_s.arg(m_pointCloudUuid),
        QJsonObject{{"label_status"_L1, u"REVIEWED"_s},
                    {"attributes"_L1,
                     QJsonObject{{"format_version"_L1, u"0.1"_s},
                                 {"annotations"_L1,
                                  QJsonArray{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, 1}},
                                             QJsonObject{{"id"_L1, 2}, {"category_id"_L1, 1}},
                                             QJsonObject{{"id"_L1, 3}, {"category_id"_L1, 2}}}}}}},
        m_key);
    QVERIFY2(pcLabel.status == 200, pcLabel.describe().constData());

    m_sequences = fetchDataset(u"ann/drive"_s);
    m_mixed = fetchDataset(u"ann/mixed"_s);
    QCOMPARE(m_mixed.samplesCount.value_or(0), 3);
}

void TestSequenceView::init() {
    m_pane = std::make_unique<ui::DetailPane>();
    m_pane->resize(1000, 640);
    m_pane->setClient(m_client.get());
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

void TestSequenceView::cleanup() {
    m_pane.reset();
}

wire::Dataset TestSequenceView::fetchDataset(const QString &fullName) {
    wire::Dataset dataset;
    bool done = false;
    api::getDataset(*m_client, fullName, this, [&](api::Result<wire::Dataset> r) {
        if (r.ok())
            dataset = r.value();
        else
            qWarning("%s", qPrintable(r.error().toString()));
        done = true;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 10000))
        qWarning("no dataset within 10 s");
    return dataset;
}

QString TestSequenceView::createSample(const QString &dataset, const QJsonObject &sample) {
    const test::HttpResult r =
        m_fixture.http.post(u"/datasets/%1/samples/"_s.arg(dataset), sample, m_key);
    if (r.status != 201)
        qWarning("createSample: %s", r.describe().constData());
    return r.object().value("uuid"_L1).toString();
}

bool TestSequenceView::show(ui::DetailPane &pane, const QString &uuid) {
    QSignalSpy shown(&pane, &ui::DetailPane::sampleShown);
    pane.showSample(uuid);
    return shown.wait(15000) && pane.loadedSample() && pane.loadedSample()->sample.uuid == uuid;
}

void TestSequenceView::screenshot(QWidget *widget, const QString &name) {
    const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name + u".png"_s);
}

void TestSequenceView::framesStepWithKeys() {
    m_pane->setDataset(m_sequences);
    QVERIFY(show(*m_pane, m_sequenceUuid));
    ui::ImageCanvas *canvas = m_pane->canvas();
    auto *frameLabel = m_pane->findChild<QLabel *>(u"frameLabel"_s);
    QVERIFY(frameLabel);
    QTRY_VERIFY(frameLabel->isVisible());
    QCOMPARE(frameLabel->text(), u"Frame 1 / 4 · f0 · t 0"_s);
    m_pane->focusView();
    canvas->setZoom(2);

    // What the canvas draws of frame `i`: its colour, and its car where frame i put it (and
    // background where the previous frame had it).
    const auto checkFrame = [&](int i) {
        QTRY_VERIFY_WITH_TIMEOUT(m_pane->loadedSample() && m_pane->loadedSample()->frame == i,
                                 10000);
        const auto frame = m_pane->loadedSample();
        QVERIFY2(frame->overlay, qPrintable(frame->bitmapError));
        QVERIFY(frame->facts.defects.isEmpty());
        QTRY_VERIFY(!canvas->overlayPending());
        const QPoint car = carRect(i).center();
        QCOMPARE(frame->overlay->hitTest(car.x(), car.y()).id, 1u);
        const QPoint elsewhere = carRect((i + 2) % kFrames).center();
        QCOMPARE(frame->overlay->hitTest(elsewhere.x(), elsewhere.y()).id, 0u);
        const QImage drawn = canvas->renderFullResolution();
        QCOMPARE(drawn.pixelColor(elsewhere), frameColor(i)); // the frame's own image
        QVERIFY(drawn.pixelColor(car) != frameColor(i));      // with the car's label over it
        QCOMPARE(frameLabel->text().section(u" · "_s, 0, 1),
                 u"Frame %1 / 4 · f%2"_s.arg(i + 1).arg(i));
        QCOMPARE(canvas->zoom(), 2.0); // zoom stays across frames
    };
    checkFrame(0);
    QTest::keyClick(canvas, Qt::Key_Period);
    checkFrame(1);
    screenshot(m_pane.get(), u"sequence-frame2"_s);
    QTest::keyClick(canvas, Qt::Key_Right, Qt::AltModifier);
    checkFrame(2);
    QTest::keyClick(canvas, Qt::Key_Comma);
    checkFrame(1);
    QTest::keyClick(canvas, Qt::Key_End);
    checkFrame(3);
    QTest::keyClick(canvas, Qt::Key_Period); // past the last frame: stays
    QCOMPARE(m_pane->sequenceViewer()->wantedFrame(), 3);
    QTest::keyClick(canvas, Qt::Key_Home);
    checkFrame(0);

    // The hover readout follows the frame: frame 1's car pixel is background in frame 0.
    QTest::keyClick(canvas, Qt::Key_Period);
    checkFrame(1);
    const QPoint car1 = carRect(1).center();
    QTest::mouseMove(canvas->viewport(),
                     canvas->viewportPointOf(QPointF(car1) + QPointF(0.5, 0.5)).toPoint());
    auto *readout = m_pane->findChild<QLabel *>(u"hoverReadout"_s);
    QTRY_VERIFY2(readout->text().contains(u"instance 1"_s), qPrintable(readout->text()));
    QVERIFY(readout->text().contains(u"x %1, y %2"_s.arg(car1.x()).arg(car1.y())));
    QTest::keyClick(canvas, Qt::Key_Comma);
    checkFrame(0);
    QVERIFY2(readout->text().contains(u"background"_s), qPrintable(readout->text()));
    QVERIFY(readout->text().contains(u"x %1, y %2"_s.arg(car1.x()).arg(car1.y())));
    // Left/Right still step samples, not frames.
    QSignalSpy steps(m_pane.get(), &ui::DetailPane::stepRequested);
    QTest::keyClick(canvas, Qt::Key_Right);
    QCOMPARE(steps.size(), 1);
    QCOMPARE(m_pane->sequenceViewer()->wantedFrame(), 0);
}

void TestSequenceView::gridShowsKindsAndPlaceholders() {
    ui::SampleBrowser browser;
    browser.resize(900, 600);
    browser.setClient(m_client.get());
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    browser.showDataset(m_mixed);
    models::SampleListModel *model = browser.model();
    QTRY_COMPARE_WITH_TIMEOUT(model->loadedRowCount(), 3, 10000);
    QHash<QString, QString> kinds;
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex index = model->index(r, 0);
        kinds.insert(index.data(models::SampleListModel::UuidRole).toString(),
                     index.data(models::SampleListModel::KindTextRole).toString());
    }
    QCOMPARE(kinds.value(m_pointCloudUuid), u"point cloud"_s);
    QCOMPARE(kinds.value(m_textUuid), u"text"_s);
    QCOMPARE(kinds.value(m_mixedSequenceUuid), u"sequence · 4 frames"_s);

    // The point cloud's cell: a placeholder (no thumbnail is asked for, none failed) with the
    // kind's badge in the corner, dark with light text.
    ui::SampleGridView *grid = browser.gridView();
    const int row = model->rowOfUuid(m_pointCloudUuid);
    QVERIFY(row >= 0);
    const QRect cell = grid->visualRect(model->index(row, 0));
    QVERIFY(!cell.isEmpty());
    const QImage shot = grid->viewport()->grab().toImage();
    screenshot(&browser, u"grid-mixed"_s);
    const QColor badge = shot.pixelColor(cell.topLeft() + QPoint(14, 14));
    const QColor placeholder = shot.pixelColor(cell.topLeft() + QPoint(14, 50));
    QVERIFY2(std::abs(badge.lightness() - placeholder.lightness()) > 120,
             qPrintable(badge.name() + u" on "_s + placeholder.name()));
    // The sequence's cell shows its first frame: frame 0's colour in the thumbnail's middle.
    const int seqRow = model->rowOfUuid(m_mixedSequenceUuid);
    const QRect seqCell = grid->visualRect(model->index(seqRow, 0));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QImage s = grid->viewport()->grab().toImage();
            const QColor c = s.pixelColor(seqCell.center() + QPoint(0, -8));
            return std::abs(c.red() - frameColor(0).red()) < 8 &&
                   std::abs(c.blue() - frameColor(0).blue()) < 8;
        }(),
        10000);

    // The table names the kind in its Type column.
    QCOMPARE(model->index(row, models::SampleListModel::TypeColumn).data().toString(),
             u"point cloud"_s);
}

void TestSequenceView::nonImageSamplesAreDescribed() {
    m_pane->setDataset(m_mixed);
    auto *views = m_pane->findChild<QStackedWidget *>(u"detailViews"_s);
    auto *description = m_pane->findChild<ui::NonImageView *>(u"nonImageView"_s);
    QVERIFY(views && description);

    QVERIFY(show(*m_pane, m_pointCloudUuid));
    QCOMPARE(views->currentWidget(), description);
    QString text = description->toPlainText();
    QVERIFY2(text.startsWith(u"Point cloud"_s), qPrintable(text));
    QVERIFY2(text.contains(u"https://example.invalid/scan-7.pcd"_s), qPrintable(text));
    QVERIFY2(text.contains(u"reviewed"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Annotations\t3"_s) || text.contains(u"Annotations 3"_s) ||
                 text.contains(u"Annotations\n3"_s),
             qPrintable(text));
    QVERIFY2(text.contains(u"car"_s) && text.contains(u"road"_s), qPrintable(text));
    // Not an image, which is no defect: no warning, no error.
    QVERIFY(m_pane->loadedSample()->facts.defects.isEmpty());
    QVERIFY(m_pane->findChild<QLabel *>(u"detailStatus"_s)->isHidden());
    QVERIFY(!m_pane->findChild<QAction *>(u"nextFrameAction"_s)->isEnabled());
    screenshot(m_pane.get(), u"detail-pointcloud"_s);

    QVERIFY(show(*m_pane, m_textUuid));
    text = description->toPlainText();
    QVERIFY2(text.startsWith(u"Text"_s), qPrintable(text));
    QVERIFY2(text.contains(u"The brakes squeal when it rains."_s), qPrintable(text));
    QVERIFY2(text.contains(u"not labeled in this labelset"_s), qPrintable(text));
    QVERIFY(m_pane->loadedSample()->facts.defects.isEmpty());
    auto *badge = m_pane->findChild<QLabel *>(u"labelStatusBadge"_s);
    QVERIFY(badge->isHidden()); // no label, no badge

    // Back to an image sequence: the canvas again, with the frame controls.
    QVERIFY(show(*m_pane, m_mixedSequenceUuid));
    QCOMPARE(views->currentIndex(), 0);
    QVERIFY(m_pane->findChild<QAction *>(u"nextFrameAction"_s)->isEnabled());
    QVERIFY(!m_pane->loadedSample()->image.isNull());
}

void TestSequenceView::unknownStatusIsShownAsItCame() {
    // The grid's badge: the status as it came, in the neutral colour; known ones keep theirs.
    QCOMPARE(ui::SampleDelegate::statusText(u"NEEDS_REVIEW"_s), u"NEEDS_REVIEW"_s);
    QCOMPARE(ui::SampleDelegate::statusText(u"REVIEWED"_s), u"reviewed"_s);
    const QColor neutral = ui::SampleDelegate::statusColor(u"NEEDS_REVIEW"_s);
    QCOMPARE(neutral.hslSaturation() < 40, true);
    QVERIFY(ui::SampleDelegate::statusColor(u"REJECTED"_s) != neutral);

    // The detail pane, with a label in a status segscope-server refuses to store (it keeps to
    // the statuses it knows), so the fault server plays the service: one body answers both the
    // sample and the label request (each reader takes its own fields).
    test::FaultServer service;
    QVERIFY(service.listen());
    const QByteArray body = R"({"uuid": "5a0e0000-0000-4000-8000-000000000001",
        "name": "odd-status", "attributes": {"text": "Needs a second look."}, "metadata": {},
        "created_at": "2024-01-02T03:04:05Z", "created_by": "ann", "priority": 0,
        "sample_uuid": "5a0e0000-0000-4000-8000-000000000001", "label_type": "text-named-entities",
        "label_status": "NEEDS_REVIEW", "labelset": "ground-truth", "score": 0.5})";
    service.setFallback(test::Fault::json(200, body));
    api::ClientOptions options;
    options.baseUrl = service.url();
    options.apiKey = u"k"_s;
    options.cacheDirectory = m_fixture.dataDir() + u"/fault-cache"_s;
    api::ApiClient client(options);
    m_pane->setClient(&client);
    m_pane->setDataset(m_mixed);
    QVERIFY(show(*m_pane, u"5a0e0000-0000-4000-8000-000000000001"_s));
    QVERIFY(m_pane->loadedSample()->label);
    auto *badge = m_pane->findChild<QLabel *>(u"labelStatusBadge"_s);
    QVERIFY(badge->isVisible());
    QCOMPARE(badge->text(), u"NEEDS_REVIEW"_s);
    const QString text = m_pane->findChild<ui::NonImageView *>(u"nonImageView"_s)->toPlainText();
    QVERIFY2(text.contains(u"NEEDS_REVIEW"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Needs a second look."_s), qPrintable(text));
    QVERIFY(m_pane->loadedSample()->facts.defects.isEmpty());
    QVERIFY(m_pane->findChild<QLabel *>(u"detailStatus"_s)->isHidden());
    m_pane->setClient(nullptr);
}

void TestSequenceView::screenshotsAtScreenSizes() {
    // The grid with mixed kinds beside the sequence viewer, at two screen sizes in both themes:
    // the frame label keeps its whole text; with SEGSCOPE_SCREENSHOT_DIR the window is also kept
    // as a picture to be looked at (cut text, unreadable badges).
    for (const char *themeName : {ui::theme::Light, ui::theme::Dark}) {
        ui::theme::apply(QString::fromLatin1(themeName));
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            QSplitter window;
            auto *browser = new ui::SampleBrowser(&window);
            auto *pane = new ui::DetailPane(&window);
            window.addWidget(browser);
            window.addWidget(pane);
            window.resize(size);
            window.setSizes({size.width() * 2 / 5, size.width() * 3 / 5});
            browser->setClient(m_client.get());
            pane->setClient(m_client.get());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            browser->showDataset(m_mixed);
            QTRY_COMPARE_WITH_TIMEOUT(browser->model()->loadedRowCount(), 3, 10000);
            pane->setDataset(m_mixed);
            QVERIFY(show(*pane, m_mixedSequenceUuid));
            pane->focusView();
            QTest::keyClick(pane->canvas(), Qt::Key_Period);
            QTRY_VERIFY(pane->loadedSample()->frame == 1 && !pane->canvas()->overlayPending());
            const QString thumb =
                browser->model()->row(browser->model()->rowOfUuid(m_mixedSequenceUuid))->imageUrl;
            QTRY_VERIFY(!browser->thumbnails()->thumbnail(thumb).isNull());
            const auto *frameLabel = pane->findChild<QLabel *>(u"frameLabel"_s);
            QVERIFY(frameLabel && frameLabel->isVisible());
            QVERIFY2(frameLabel->width() >= frameLabel->sizeHint().width(),
                     qPrintable(u"%1 at %2 px, needs %3"_s.arg(frameLabel->text())
                                    .arg(frameLabel->width())
                                    .arg(frameLabel->sizeHint().width())));
            screenshot(&window, u"kinds-%1x%2-%3"_s.arg(size.width())
                                    .arg(size.height())
                                    .arg(QString::fromLatin1(themeName).toLower()));
        }
    }
    ui::theme::apply(QString::fromLatin1(ui::theme::System));
}

SEGSCOPE_GUI_TEST_MAIN(TestSequenceView)
#include "tst_sequenceview.moc"
