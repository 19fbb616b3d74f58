// The detail pane offscreen against segscope-server in-process: a demo sample's overlay checked
// pixel by pixel in each mode, the legend, hover and click, zoom to an instance, label defects
// made on purpose, vector shapes, export. The server is shared; each slot gets a new pane and
// opens what it needs, so each stands alone.
//
// SEGSCOPE_SCREENSHOT_DIR=/some/dir makes it save a grab of the pane in each mode there.
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "api/apiclient.h"
#include "api/datasetsapi.h"
#include "api/labelsapi.h"
#include "api/samplesapi.h"
#include "detail/detailpane.h"
#include "detail/imagecanvas.h"
#include "detail/labelpanels.h"

#include <QAction>
#include <QBuffer>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace segscope;
using segscope::test::ServerFixture;

namespace {

QByteArray pngBytes(const QImage &image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

//! A pixel of `id` whose 7x7 neighbourhood is all `id`, so scaling and outlines leave it alone.
QPoint interiorPixel(const labels::InstanceIndex &index, quint32 id) {
    const QRect b = index.bounds(index.indexOf(id));
    for (int y = b.top() + 3; y <= b.bottom() - 3; ++y) {
        for (int x = b.left() + 3; x <= b.right() - 3; ++x) {
            bool inside = true;
            for (int dy = -3; dy <= 3 && inside; ++dy)
                for (int dx = -3; dx <= 3 && inside; ++dx)
                    inside = index.idAt(x + dx, y + dy) == id;
            if (inside)
                return {x, y};
        }
    }
    return {-1, -1};
}

} // namespace

// Runs a set-up helper (which may fail the test) and stops the slot when it did.
#define SET_UP(call)                                                                               \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

class TestDetailPane : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void overlayPixelsInEachMode();
    void legendHidesACategory();
    void recolouringLeavesTheGuiThread();
    void hoverClickAndZoomToInstance();
    void skippedLabelIsADefect();
    void defectsAreShownNotHidden();
    void vectorShapes();
    void exportAndStep();

private:
    //! Opens demo/street-scenes, shows its labelled sample and finds its largest annotated
    //! instance (m_labeled, m_instance, m_instanceCategoryColor, m_inside).
    void showLabeledSample();
    void openDataset(const QString &fullName);
    bool show(const QString &uuid);
    QString sampleWithStatus(const QString &dataset, const QString &status);
    void screenshot(const QString &name);
    void setOpacity(int percent) {
        m_pane->findChild<QSlider *>(u"opacitySlider"_s)->setValue(percent);
    }
    void setImageShown(bool shown) {
        m_pane->findChild<QAction *>(u"toggleImageAction"_s)->setChecked(shown);
    }
    //! What the view shows at full resolution, once the overlay is re-coloured for the options
    //! set last (colouring runs on a pool, so it lags an option change by a few milliseconds).
    QImage rendered() const {
        ui::ImageCanvas *canvas = m_pane->canvas();
        if (!QTest::qWaitFor([canvas] { return !canvas->overlayPending(); }, 5000)) {
            qWarning("the overlay was not re-coloured within 5 s");
            return QImage(); // fails whatever compares it
        }
        return canvas->renderFullResolution();
    }

    ServerFixture m_fixture;
    QString m_key;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<ui::DetailPane> m_pane;
    wire::Dataset m_dataset;
    // The labelled demo sample and its largest annotated instance.
    QString m_labeled;
    quint32 m_instance = 0;
    QColor m_instanceCategoryColor;
    QPoint m_inside;
};

void TestDetailPane::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    server::ServerOptions options;
    options.demo = true;
    options.demoImages = 12;
    QString error;
    QVERIFY2(m_fixture.start(options, &error), qPrintable(error));
    m_key = m_fixture.server()->demoKey();
    api::ClientOptions client;
    client.baseUrl = m_fixture.baseUrl();
    client.apiKey = m_key;
    client.cacheDirectory = m_fixture.dataDir() + u"/client-cache"_s;
    m_client = std::make_unique<api::ApiClient>(client);
}

void TestDetailPane::init() {
    m_pane = std::make_unique<ui::DetailPane>();
    m_pane->resize(1200, 720);
    m_pane->setClient(m_client.get());
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

void TestDetailPane::cleanup() {
    m_pane.reset();
    m_dataset = {};
    m_labeled.clear();
    m_instance = 0;
    m_instanceCategoryColor = {};
    m_inside = {};
}

void TestDetailPane::openDataset(const QString &fullName) {
    bool done = false;
    api::getDataset(*m_client, fullName, this, [&](api::Result<wire::Dataset> r) {
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        m_dataset = r.value();
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    m_pane->setDataset(m_dataset);
}

bool TestDetailPane::show(const QString &uuid) {
    QSignalSpy shown(m_pane.get(), &ui::DetailPane::sampleShown);
    m_pane->showSample(uuid);
    return shown.wait(15000) && m_pane->loadedSample() &&
           m_pane->loadedSample()->sample.uuid == uuid;
}

QString TestDetailPane::sampleWithStatus(const QString &dataset, const QString &status) {
    const test::HttpResult r = m_fixture.http.get(
        u"/datasets/%1/samples/?labelset=ground-truth&label_status=%2&per_page=1"_s.arg(dataset,
                                                                                        status),
        m_key);
    return r.array().isEmpty() ? QString() : r.array().at(0)["uuid"_L1].toString();
}

void TestDetailPane::screenshot(const QString &name) {
    const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        m_pane->grab().save(dir + u'/' + name + u".png"_s);
}

void TestDetailPane::showLabeledSample() {
    openDataset(u"demo/street-scenes"_s);
    m_labeled = sampleWithStatus(u"demo/street-scenes"_s, u"LABELED"_s);
    QVERIFY(!m_labeled.isEmpty());
    QVERIFY(show(m_labeled));
    const auto sample = m_pane->loadedSample();
    QVERIFY2(sample->overlay, qPrintable(sample->bitmapError));
    QCOMPARE(sample->overlay->index().size(), sample->image.size());

    // The largest annotated instance, and a pixel well inside it.
    qint64 most = 0;
    for (const labels::InstanceStatistics &i : sample->statistics.instances) {
        if (i.annotated && i.pixels > most && m_dataset.taskAttributes->category(i.categoryId)) {
            most = i.pixels;
            m_instance = i.id;
            m_instanceCategoryColor = m_dataset.taskAttributes->colorOf(i.categoryId);
        }
    }
    QVERIFY(m_instance != 0);
    const labels::InstanceIndex &index = sample->overlay->index();
    m_inside = interiorPixel(index, m_instance);
    QVERIFY(m_inside.x() >= 0);
}

void TestDetailPane::overlayPixelsInEachMode() {
    SET_UP(showLabeledSample());
    screenshot(u"detail-fill"_s);
    const auto sample = m_pane->loadedSample();
    const labels::InstanceIndex &index = sample->overlay->index();

    // Opacity 1 without the image: the category's colour exactly; background transparent.
    setOpacity(100);
    setImageShown(false);
    QImage out = rendered();
    QCOMPARE(out.size(), sample->image.size());
    QCOMPARE(out.pixelColor(m_inside), m_instanceCategoryColor);
    // What the view paints at its zoom is the same colour (once the view has caught up with
    // the layout the pane may still have pending).
    const auto painted = [this] {
        ui::ImageCanvas *canvas = m_pane->canvas();
        const QPoint at = canvas->viewportPointOf(QPointF(m_inside) + QPointF(0.5, 0.5)).toPoint();
        return canvas->viewport()->grab().toImage().pixelColor(at).rgb();
    };
    QTRY_COMPARE(painted(), m_instanceCategoryColor.rgb());

    // Half opacity over the image: a blend, neither the image nor the colour.
    setImageShown(true);
    setOpacity(50);
    out = rendered();
    const QColor image = sample->image.pixelColor(m_inside);
    const QColor blended = out.pixelColor(m_inside);
    QVERIFY(std::abs(blended.red() - (image.red() + m_instanceCategoryColor.red()) / 2) <= 2);
    QVERIFY(std::abs(blended.green() - (image.green() + m_instanceCategoryColor.green()) / 2) <= 2);

    // Outline: the interior is transparent, the instance's edge is drawn.
    setImageShown(false);
    setOpacity(100);
    m_pane->findChild<QComboBox *>(u"drawModeBox"_s)->setCurrentIndex(1);
    out = rendered();
    QCOMPARE(out.pixelColor(m_inside).alpha(), 0);
    int x = m_inside.x();
    while (index.idAt(x - 1, m_inside.y()) == m_instance)
        --x;
    QCOMPARE(out.pixelColor(x, m_inside.y()), m_instanceCategoryColor);
    screenshot(u"detail-outline"_s);

    // Colour by instance: the contract's instance colour.
    m_pane->findChild<QComboBox *>(u"drawModeBox"_s)->setCurrentIndex(0);
    m_pane->findChild<QComboBox *>(u"colorByBox"_s)->setCurrentIndex(1);
    QCOMPARE(rendered().pixelColor(m_inside), wire::instanceColor(m_instance));
    setImageShown(true);
    setOpacity(60);
    screenshot(u"detail-instances"_s);
    m_pane->findChild<QComboBox *>(u"colorByBox"_s)->setCurrentIndex(0);
}

void TestDetailPane::legendHidesACategory() {
    SET_UP(showLabeledSample());
    auto *legend = m_pane->findChild<ui::LegendPanel *>(u"legendPanel"_s);
    const qint64 category =
        m_pane->loadedSample()
            ->overlay->annotationOf(m_pane->loadedSample()->overlay->index().indexOf(m_instance))
            ->categoryId;
    QTreeWidgetItem *item = nullptr;
    for (int i = 0; i < legend->topLevelItemCount(); ++i) {
        if (legend->topLevelItem(i)->text(0) == m_dataset.taskAttributes->category(category)->name)
            item = legend->topLevelItem(i);
    }
    QVERIFY(item);
    // The panel shows the facts the loader computed, one row each.
    QCOMPARE(legend->topLevelItemCount(), m_pane->loadedSample()->facts.legend.size());
    QVERIFY(item->text(1).toInt() >= 1);   // instances of it in this sample
    QVERIFY(item->text(2).endsWith(u'%')); // its share of the image
    setImageShown(false);
    setOpacity(100);
    item->setCheckState(0, Qt::Unchecked);
    QCOMPARE(rendered().pixelColor(m_inside).alpha(), 0);
    // Hidden categories stay hidden while stepping through samples of the dataset.
    QCOMPARE(legend->hiddenCategories(), QSet<qint64>{category});
    item->setCheckState(0, Qt::Checked);
    QCOMPARE(rendered().pixelColor(m_inside), m_instanceCategoryColor);
    setImageShown(true);
}

void TestDetailPane::recolouringLeavesTheGuiThread() {
    SET_UP(showLabeledSample());
    ui::ImageCanvas *canvas = m_pane->canvas();
    setImageShown(false);
    setOpacity(100);
    QCOMPARE(rendered().pixelColor(m_inside), m_instanceCategoryColor);
    // An option change returns at once: the view keeps the previous colouring until the new one
    // is swapped in, which the event loop delivers.
    QSignalSpy recoloured(canvas, &ui::ImageCanvas::overlayRecoloured);
    const QImage before = canvas->overlayImage();
    setOpacity(40);
    QVERIFY(canvas->overlayPending());
    QCOMPARE(canvas->overlayImage().constBits(), before.constBits());
    QCOMPARE(canvas->renderFullResolution().pixelColor(m_inside), m_instanceCategoryColor);
    QVERIFY(recoloured.wait(5000));
    QTRY_VERIFY(!canvas->overlayPending());
    QCOMPARE(rendered().pixelColor(m_inside).alpha(),
             int(std::lround(m_instanceCategoryColor.alpha() * 0.4)));

    // A run of changes in one turn colours once, with the last options.
    recoloured.clear();
    for (int percent = 41; percent <= 60; ++percent)
        setOpacity(percent);
    QTRY_VERIFY(!canvas->overlayPending());
    QCOMPARE(recoloured.size(), 1);
    QCOMPARE(rendered().pixelColor(m_inside).alpha(),
             int(std::lround(m_instanceCategoryColor.alpha() * 0.6)));
    setOpacity(50);
    setImageShown(true);
}

void TestDetailPane::hoverClickAndZoomToInstance() {
    SET_UP(showLabeledSample());
    ui::ImageCanvas *canvas = m_pane->canvas();
    auto *readout = m_pane->findChild<QLabel *>(u"hoverReadout"_s);
    emit canvas->hovered(m_inside);
    const QString text = readout->text();
    QVERIFY2(text.contains(u"x %1, y %2"_s.arg(m_inside.x()).arg(m_inside.y())), qPrintable(text));
    QVERIFY2(text.contains(u"instance %1"_s.arg(m_instance)), qPrintable(text));
    QVERIFY2(text.contains(u"RGB "_s), qPrintable(text));

    // A click on the instance highlights it and selects it in the instances panel (once the
    // view has the focus: the click that gives it the focus selects nothing, tst_detailview).
    canvas->zoomToFit();
    canvas->setFocus();
    const QPoint at = canvas->viewportPointOf(QPointF(m_inside) + QPointF(0.5, 0.5)).toPoint();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(canvas->overlayOptions().highlightedId, m_instance);
    auto *instances = m_pane->findChild<ui::InstancesPanel *>(u"instancesPanel"_s);
    QVERIFY(instances->currentItem());
    QCOMPARE(instances->currentItem()->text(0).toUInt(), m_instance);

    // Activating a small instance in the panel zooms to it: closer than fit, centred on it.
    quint32 small = 0;
    qint64 fewest = std::numeric_limits<qint64>::max();
    for (const labels::InstanceStatistics &i : m_pane->loadedSample()->statistics.instances) {
        if (i.annotated && i.pixels >= 50 && i.pixels < fewest) {
            fewest = i.pixels;
            small = i.id;
        }
    }
    QVERIFY(small != 0);
    const double fit = canvas->zoom();
    emit instances->instanceActivated(small);
    QVERIFY(canvas->zoom() > fit);
    QCOMPARE(canvas->overlayOptions().highlightedId, small);
    const QRectF bounds = instances->boundsOf(small);
    const QPointF centre = canvas->viewportPointOf(bounds.center());
    QVERIFY(canvas->viewport()->rect().contains(centre.toPoint()));
    screenshot(u"detail-zoomed"_s);

    // A click on the background clears the highlight.
    canvas->zoomToFit();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(canvas->overlayOptions().highlightedId, 0u);
}

void TestDetailPane::skippedLabelIsADefect() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    const QString skipped = sampleWithStatus(u"demo/street-scenes"_s, u"SKIPPED"_s);
    QVERIFY(!skipped.isEmpty());
    QVERIFY(show(skipped));
    const auto sample = m_pane->loadedSample();
    QVERIFY(!sample->overlay);
    QVERIFY(!sample->image.isNull()); // the image is still shown
    auto *defects = m_pane->findChild<QListWidget *>(u"defectList"_s);
    QVERIFY(defects->count() >= 1);
    QVERIFY2(defects->item(0)->text().contains(u"no segmentation bitmap"_s),
             qPrintable(defects->item(0)->text()));
}

void TestDetailPane::defectsAreShownNotHidden() {
    // A dataset of our own with a label that has every defect the pane must show.
    const QJsonObject task{
        {"format_version"_L1, "0.1"_L1},
        {"categories"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"name"_L1, "thing"_L1}}}}};
    const QJsonObject created = m_fixture.createDataset(
        m_key, u"defects"_s,
        {{"task_type"_L1, "segmentation-bitmap"_L1}, {"task_attributes"_L1, task}});
    QVERIFY(!created.isEmpty());
    QImage image(8, 6, QImage::Format_RGB32);
    image.fill(QColor(10, 20, 30));
    const QJsonObject imageAsset =
        test::uploadAsset(m_fixture.http, m_key, u"image.png"_s, pngBytes(image));
    QVERIFY(!imageAsset.isEmpty());
    // 10x6 (the image is 8x6): ids 1 (annotated) and 5 (no annotation); annotation 2 is empty.
    QImage bitmap(10, 6, QImage::Format_RGBA8888);
    bitmap.fill(QColor(1, 0, 0, 255));
    for (int x = 0; x < 10; ++x)
        bitmap.setPixelColor(x, 5, QColor(0, 0, 0, 255)); // background
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 3; ++x)
            bitmap.setPixelColor(x, y, QColor(5, 0, 0, 255));
    const QJsonObject bitmapAsset =
        test::uploadAsset(m_fixture.http, m_key, u"bitmap.png"_s, pngBytes(bitmap));
    QByteArray truncated = pngBytes(bitmap);
    truncated.chop(30);
    const QJsonObject truncatedAsset =
        test::uploadAsset(m_fixture.http, m_key, u"truncated.png"_s, truncated);
    QVERIFY(!bitmapAsset.isEmpty() && !truncatedAsset.isEmpty());

    const auto makeSample = [&](const QString &name, const QJsonObject &bitmapFile) {
        const test::HttpResult s = m_fixture.http.post(
            u"/datasets/demo/defects/samples/"_s,
            QJsonObject{{"name"_L1, name},
                        {"attributes"_L1,
                         QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, imageAsset["url"_L1]}}}}}},
            m_key);
        const QString uuid = s.object()["uuid"_L1].toString();
        const QJsonObject attributes{
            {"format_version"_L1, "0.1"_L1},
            {"annotations"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, 1}},
                                          QJsonObject{{"id"_L1, 2}, {"category_id"_L1, 1}}}},
            {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, bitmapFile["url"_L1]}}}};
        const test::HttpResult l = m_fixture.http.put(
            u"/labels/%1/ground-truth/"_s.arg(uuid),
            QJsonObject{{"attributes"_L1, attributes}, {"label_status"_L1, "LABELED"_L1}}, m_key);
        return l.status == 200 || l.status == 201 ? uuid : QString();
    };
    const QString wrongSize = makeSample(u"wrong-size"_s, bitmapAsset);
    const QString broken = makeSample(u"truncated"_s, truncatedAsset);
    QVERIFY(!wrongSize.isEmpty() && !broken.isEmpty());

    openDataset(u"demo/defects"_s);
    QVERIFY(show(wrongSize));
    auto *defects = m_pane->findChild<QListWidget *>(u"defectList"_s);
    QStringList lines;
    for (int i = 0; i < defects->count(); ++i)
        lines.append(defects->item(i)->text());
    QCOMPARE(lines, m_pane->loadedSample()->facts.defects);
    const QString all = lines.join(u'\n');
    QVERIFY2(all.contains(u"bitmap is 10x6 but the image is 8x6"_s), qPrintable(all));
    QVERIFY2(all.contains(u"ids with no annotation: 5"_s), qPrintable(all));
    QVERIFY2(all.contains(u"annotations with no pixels: 2"_s), qPrintable(all));
    // The view spans the larger bitmap so its overhang is visible; the unannotated id is marked.
    QCOMPARE(m_pane->canvas()->contentSize(), QSize(10, 6));
    setImageShown(false);
    setOpacity(100);
    const QImage out = rendered();
    QCOMPARE(out.pixelColor(0, 0), QColor(255, 0, 255, 200)); // id 5: the defect marker
    QCOMPARE(out.pixelColor(5, 2), m_dataset.taskAttributes->colorOf(1));
    QCOMPARE(out.pixelColor(5, 5).alpha(), 0); // background
    setOpacity(50);
    setImageShown(true);
    screenshot(u"detail-defects"_s);

    QVERIFY(show(broken));
    QVERIFY(!m_pane->loadedSample()->overlay);
    QVERIFY(!m_pane->loadedSample()->image.isNull());
    QVERIFY2(defects->item(0)->text().contains(u"could not be decoded"_s),
             qPrintable(defects->item(0)->text()));
}

void TestDetailPane::vectorShapes() {
    openDataset(u"demo/street-shapes"_s);
    const QString uuid = sampleWithStatus(u"demo/street-shapes"_s, u"LABELED"_s);
    QVERIFY(!uuid.isEmpty());
    QVERIFY(show(uuid));
    const auto sample = m_pane->loadedSample();
    QVERIFY(sample->label);
    const wire::Annotation *box = nullptr;
    for (const wire::Annotation &a : sample->label->attributes.annotations) {
        if (a.type == "bbox"_L1 && !box)
            box = &a;
    }
    QVERIFY(box);
    auto *instances = m_pane->findChild<ui::InstancesPanel *>(u"instancesPanel"_s);
    QCOMPARE(instances->topLevelItemCount(), sample->label->attributes.annotations.size());
    setImageShown(false);
    setOpacity(100);
    const QRectF r = QRectF(box->points.at(0), box->points.at(1)).normalized();
    QCOMPARE(rendered().pixelColor(r.center().toPoint()).alpha(), 255);
    emit m_pane->canvas()->hovered(r.center().toPoint());
    const QString text = m_pane->findChild<QLabel *>(u"hoverReadout"_s)->text();
    QVERIFY2(text.contains(u"bbox"_s) || text.contains(u"polygon"_s), qPrintable(text));
    setImageShown(true);
    setOpacity(50);
    screenshot(u"detail-vector"_s);
}

void TestDetailPane::exportAndStep() {
    SET_UP(showLabeledSample());
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(u"view.png"_s);
    QVERIFY2(m_pane->exportTo(path, &error), qPrintable(error));
    const QImage exported(path);
    QCOMPARE(exported.size(), m_pane->loadedSample()->image.size());
    QVERIFY(!m_pane->exportTo(u"/nonexistent-dir/view.png"_s, &error));
    QVERIFY(!error.isEmpty());

    // Right and Left ask for the next and previous sample.
    QSignalSpy step(m_pane.get(), &ui::DetailPane::stepRequested);
    m_pane->canvas()->setFocus();
    QTest::keyClick(m_pane->canvas(), Qt::Key_Right);
    QTest::keyClick(m_pane->canvas(), Qt::Key_Left);
    QCOMPARE(step.size(), 2);
    QCOMPARE(step.at(0).at(0).toInt(), 1);
    QCOMPARE(step.at(1).at(0).toInt(), -1);
}

SEGSCOPE_GUI_TEST_MAIN(TestDetailPane)
#include "tst_detailpane.moc"
