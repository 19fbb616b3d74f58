// What the detail pane shows (issue 13), offscreen against segscope-server in-process: outlines
// of a width on screen and in an export, swatches in the canvas's colours, the notices and
// placeholders that say what a state is, and text readable in both themes.
//
// SEGSCOPE_SCREENSHOT_DIR=/some/dir saves grabs of the pane at the widths it gets in a 1366x768
// and a 1920x1080 window, in the light and dark themes.
#include "support/detailharness.h"
#include "support/testmain.h"

#include "detail/labelpanels.h"
#include "detail/sampleinfoview.h"
#include "labels/outlinepainter.h"
#include "shell/helpdialogs.h"
#include "shell/theme.h"

#include <QApplication>
#include <QDialog>
#include <QLabel>
#include <QListWidget>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolBar>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace segscope;

class TestDetailStates : public QObject, public test::DetailHarness {
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }
    void init() { newPane(); }
    void cleanup() { closePane(); }
    void outlineWidthOnScreenAndInExport();
    void paintOutlinesAtAnyZoom();
    void swatchesInCanvasColours();
    void statesSayWhatTheyAre();
    void infoReadableInDarkTheme();
    void fitsAtScreenSizes();
};

void TestDetailStates::outlineWidthOnScreenAndInExport() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    QVERIFY(show(samplesWithStatus(u"LABELED"_s, 1).at(0)));
    QVERIFY(m_pane->loadedSample()->overlay);
    setOption("colorByBox", 0);
    setOption("drawModeBox", 1); // outlines only
    setToggle("toggleImageAction", false);
    auto *width = m_pane->findChild<QSpinBox *>(u"outlineWidthBox"_s);
    QVERIFY(width);
    canvas()->zoomToFit();
    QVERIFY(canvas()->zoom() < 0.9); // minified: 1 px edges of the bitmap would blur away

    // On screen at fit: pixels that differ from the view without labels are outline pixels.
    setToggle("toggleLabelsAction", false);
    const QImage bare = canvas()->viewport()->grab().toImage();
    setToggle("toggleLabelsAction", true);
    const auto outlinePixels = [&](int pixels) {
        width->setValue(pixels);
        if (!overlaySettled())
            return -1;
        const QImage shot = canvas()->viewport()->grab().toImage();
        int count = 0;
        for (int y = 0; y < shot.height(); ++y)
            for (int x = 0; x < shot.width(); ++x)
                count += shot.pixel(x, y) != bare.pixel(x, y) ? 1 : 0;
        return count;
    };
    const int one = outlinePixels(1);
    const int three = outlinePixels(3);
    QVERIFY2(one > 500, qPrintable(QString::number(one)));
    QVERIFY2(three > 2 * one, qPrintable(u"%1 vs %2"_s.arg(three).arg(one)));
    // Opaque: an outline pixel has the category's colour exactly, not a blend.
    QPoint inside;
    const quint32 id = largestInstance(&inside);
    QVERIFY(inside.x() >= 0);
    const auto sample = m_pane->loadedSample();
    const labels::InstanceIndex &index = sample->overlay->index();
    // A left edge of the instance with only the instance around it for 8 px to the right and
    // 4 px up and down, so a band of 3 px there is the left edge's alone.
    const QRect bounds = index.bounds(index.indexOf(id));
    int left = -1, row = -1;
    for (int y = bounds.top() + 4; y <= bounds.bottom() - 4 && left < 0; ++y) {
        for (int x = std::max(1, bounds.left()); x <= bounds.right() && left < 0; ++x) {
            bool clear = index.idAt(x - 1, y) != id;
            for (int dx = 0; dx < 8 && clear; ++dx)
                for (int dy = -4; dy <= 4 && clear; ++dy)
                    clear = index.idAt(x + dx, y + dy) == id;
            if (clear) {
                left = x;
                row = y;
            }
        }
    }
    QVERIFY(left > 0);
    inside = QPoint(left + 6, row);
    const QColor colour = sample->overlay->colorOf(index.indexOf(id), canvas()->overlayOptions());
    const QPointF at = canvas()->viewportPointOf(QPointF(left, row) + QPointF(0.2, 0.5));
    // The edge's screen position depends on how the fit scale rounds: look along a few pixels
    // across it for one of exactly the instance's colour.
    const QImage screen = canvas()->viewport()->grab().toImage();
    bool opaqueOutline = false;
    for (int dx = -2; dx <= 4 && !opaqueOutline; ++dx)
        opaqueOutline = screen.pixelColor(at.toPoint() + QPoint(dx, 0)).rgb() == colour.rgb();
    QVERIFY2(opaqueOutline, qPrintable(u"no pixel of %1 near the edge at %2,%3"_s.arg(
                                colour.name(), QString::number(at.x()), QString::number(at.y()))));

    // The export: the same width in image pixels.
    const QImage out = canvas()->renderFullResolution();
    for (int x = left; x < left + 3; ++x)
        QCOMPARE(out.pixelColor(x, row).rgb(), colour.rgb());
    QCOMPARE(out.pixelColor(left + 3, row).alpha(), 0);
    QCOMPARE(out.pixelColor(inside).alpha(), 0);
    width->setValue(2);
    setOption("drawModeBox", 0);
    setToggle("toggleImageAction", true);
}

void TestDetailStates::paintOutlinesAtAnyZoom() {
    // 10x4: id 1 in columns 0..4, id 2 in columns 5..9; the border of the bitmap is no edge.
    labels::InstanceBitmap bitmap = labels::InstanceBitmap::allocate(10, 4);
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 10; ++x)
            bitmap.ids[size_t(y * 10 + x)] = x < 5 ? 1 : 2;
    const labels::InstanceIndex index(bitmap);
    const quint32 red = qRgb(255, 0, 0), blue = qRgb(0, 0, 255);
    std::vector<quint32> colours(size_t(index.count()), 0);
    colours[size_t(index.indexOf(1))] = red;
    colours[size_t(index.indexOf(2))] = blue;
    const auto row = [](const QImage &image, int y) {
        QList<QRgb> pixels;
        for (int x = 0; x < image.width(); ++x)
            pixels.append(image.pixel(x, y));
        return pixels;
    };

    // Magnified 4x, 2 px wide: two screen columns each side of the boundary at x = 20, not the
    // 4 columns a 1 px edge of the bitmap would take.
    QImage target(48, 20, QImage::Format_ARGB32_Premultiplied);
    labels::paintOutlines(index, colours, {QPointF(2, 2), 4.0, 2}, &target);
    const QList<QRgb> line = row(target, 10);
    for (int x = 0; x < 48; ++x) {
        const QRgb expected = x == 20 || x == 21 ? red : x == 22 || x == 23 ? blue : 0;
        QCOMPARE(line.at(x), expected);
    }
    // Minified to half: still 2 target pixels each side.
    QImage small(5, 2, QImage::Format_ARGB32_Premultiplied);
    labels::paintOutlines(index, colours, {QPointF(0, 0), 0.5, 2}, &small);
    // (target column x shows bitmap column 2x + 1: ids 1, 1, 2, 2, 2)
    QCOMPARE(row(small, 0), (QList<QRgb>{red, red, blue, blue, 0}));
    // Only id 2 outlined (a highlight in Fill mode): id 1's side stays untouched.
    colours[size_t(index.indexOf(1))] = 0;
    labels::paintOutlines(index, colours, {QPointF(2, 2), 4.0, 3}, &target);
    const QList<QRgb> highlighted = row(target, 10);
    for (int x = 0; x < 48; ++x)
        QCOMPARE(highlighted.at(x), x >= 22 && x < 25 ? blue : QRgb(0));
}

void TestDetailStates::swatchesInCanvasColours() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    QVERIFY(show(samplesWithStatus(u"LABELED"_s, 1).at(0)));
    const auto swatchColour = [](const QIcon &icon) {
        return icon.pixmap(14, 14).toImage().pixelColor(7, 7).rgb();
    };
    auto *instances = m_pane->findChild<ui::InstancesPanel *>(u"instancesPanel"_s);
    auto *legend = m_pane->findChild<ui::LegendPanel *>(u"legendPanel"_s);
    QPoint inside;
    const quint32 id = largestInstance(&inside);
    const auto rowOf = [&](quint32 wanted) -> QTreeWidgetItem * {
        for (int i = 0; i < instances->topLevelItemCount(); ++i)
            if (instances->topLevelItem(i)->text(0).toUInt() == wanted)
                return instances->topLevelItem(i);
        return nullptr;
    };
    setOption("colorByBox", 0);
    QVERIFY(rowOf(id));
    const QRgb category =
        m_dataset.taskAttributes
            ->colorOf(
                m_pane->loadedSample()
                    ->overlay->annotationOf(m_pane->loadedSample()->overlay->index().indexOf(id))
                    ->categoryId)
            .rgb();
    QCOMPARE(swatchColour(rowOf(id)->icon(1)), category);
    QCOMPARE(legend->headerItem()->text(0), u"Category"_s);

    // By instance: each row's swatch is the instance's colour on the canvas.
    setOption("colorByBox", 1);
    setToggle("toggleImageAction", false);
    QCOMPARE(swatchColour(rowOf(id)->icon(1)), wire::instanceColor(id).rgb());
    for (const labels::InstanceStatistics &i : m_pane->loadedSample()->statistics.instances) {
        if (i.annotated)
            QCOMPARE(swatchColour(rowOf(i.id)->icon(1)), wire::instanceColor(i.id).rgb());
    }
    QVERIFY(overlaySettled());
    // What the canvas paints deep inside the instance, opacity aside, is that colour too.
    setOption("drawModeBox", 0);
    m_pane->findChild<QSlider *>(u"opacitySlider"_s)->setValue(100);
    QVERIFY(overlaySettled());
    QCOMPARE(canvas()->renderFullResolution().pixelColor(inside).rgb(),
             wire::instanceColor(id).rgb());
    // The legend says the colours are per instance and shows none of the category colours.
    QVERIFY(legend->headerItem()->text(0).contains(u"instance"_s));
    for (int i = 0; i < legend->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = legend->topLevelItem(i);
        if (item->text(1).toInt() > 0)
            QVERIFY2(item->toolTip(0).contains(u"instance"_s), qPrintable(item->text(0)));
    }
    QVERIFY(swatchColour(legend->topLevelItem(0)->icon(0)) != category ||
            legend->topLevelItem(0)->text(1).toInt() == 0);
    setOption("colorByBox", 0);
    m_pane->findChild<QSlider *>(u"opacitySlider"_s)->setValue(50);
    setToggle("toggleImageAction", true);
}

void TestDetailStates::statesSayWhatTheyAre() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    auto *notice = m_pane->findChild<QLabel *>(u"labelNotice"_s);
    auto *placeholder = m_pane->findChild<QLabel *>(u"defectsPlaceholder"_s);
    auto *defects = m_pane->findChild<QListWidget *>(u"defectList"_s);
    QVERIFY(notice && placeholder && defects);

    // Nothing shown yet: the Defects tab says so rather than nothing.
    QVERIFY(!placeholder->isHidden());
    QVERIFY(!placeholder->text().isEmpty());

    // A labelled sample without defects: no notice, "No defects" where the list would be.
    const QString labeled = samplesWithStatus(u"LABELED"_s, 1).at(0);
    QVERIFY(show(labeled));
    QVERIFY(m_pane->loadedSample()->facts.defects.isEmpty());
    QVERIFY(notice->isHidden());
    QVERIFY(!placeholder->isHidden());
    QVERIFY(defects->isHidden());
    QCOMPARE(placeholder->text(), u"No defects"_s);

    // A sample the predictions labelset has no label for: a notice naming the labelset.
    QString unlabeled;
    const test::HttpResult all = m_fixture.http.get(
        u"/datasets/demo/street-scenes/samples/?labelset=ground-truth&per_page=50"_s, m_key);
    for (const QJsonValue &v : all.array()) {
        const QString uuid = v["uuid"_L1].toString();
        if (m_fixture.http.get(u"/labels/%1/predictions/"_s.arg(uuid), m_key).status == 404) {
            unlabeled = uuid;
            break;
        }
    }
    QVERIFY(!unlabeled.isEmpty());
    m_pane->setLabelset(u"predictions"_s);
    QVERIFY(show(unlabeled));
    QVERIFY(!m_pane->loadedSample()->label);
    QVERIFY(!notice->isHidden());
    QCOMPARE(notice->text(), u"No label in ‘predictions’ for this sample"_s);
    if (const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR"); !dir.isEmpty())
        m_pane->grab().save(dir + u"/detail-nolabel.png"_s);
    // A sample that cannot be loaded: the Defects tab says why, not "No defects".
    m_pane->showSample(u"00000000-0000-0000-0000-000000000000"_s);
    QTRY_VERIFY_WITH_TIMEOUT(placeholder->text().startsWith(u"Could not load the sample: "_s),
                             15000);
    QVERIFY(!placeholder->isHidden());
    QCOMPARE(defects->count(), 0);
    m_pane->showSample(unlabeled);
    QTRY_COMPARE_WITH_TIMEOUT(placeholder->text(), u"No defects"_s, 15000);
    // And it goes with the next sample that has one.
    m_pane->setLabelset(u"ground-truth"_s);
    QSignalSpy shown(m_pane.get(), &ui::DetailPane::sampleShown);
    QVERIFY(shown.wait(15000));
    QVERIFY(m_pane->loadedSample()->label);
    QVERIFY(notice->isHidden());
}

void TestDetailStates::infoReadableInDarkTheme() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    QVERIFY(show(samplesWithStatus(u"LABELED"_s, 1).at(0)));
    auto *info = m_pane->findChild<ui::SampleInfoView *>(u"sampleInfo"_s);
    // WCAG contrast of the field names on the view's background.
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) +
               0.0722 * channel(c.blueF());
    };
    const auto contrast = [&](const QColor &a, const QColor &b) {
        const double la = luminance(a), lb = luminance(b);
        return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
    };
    for (const char *name : {ui::theme::Light, ui::theme::Dark}) {
        ui::theme::apply(QString::fromLatin1(name));
        // The table is coloured again when the palette change reaches the view.
        const QColor key = ui::SampleInfoView::keyColor(QApplication::palette());
        QTRY_VERIFY2(info->toHtml().contains(key.name(), Qt::CaseInsensitive), name);
        const double ratio = contrast(key, info->palette().color(QPalette::Base));
        QVERIFY2(ratio >= 4.5, qPrintable(u"%1: %2"_s.arg(QString::fromLatin1(name)).arg(ratio)));
    }
    ui::theme::apply(QString::fromLatin1(ui::theme::System));
}

void TestDetailStates::fitsAtScreenSizes() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    m_pane->setLabelset(u"predictions"_s);
    QVERIFY(show(samplesWithStatus(u"LABELED"_s, 1).at(0)));
    setOption("colorByBox", 1);
    setOption("drawModeBox", 2);
    const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR");
    auto *toolBar = m_pane->findChild<QToolBar *>(u"detailToolBar"_s);
    auto *box = m_pane->findChild<QComboBox *>(u"labelsetBox"_s);
    // The pane's size in a 1366x768 and a 1920x1080 window: beside the grid (about 58 % of the
    // width) and in focus mode (nearly all of it).
    const QList<std::pair<const char *, QSize>> sizes{{"1366-normal", {800, 640}},
                                                      {"1366-focus", {1300, 680}},
                                                      {"1920-normal", {1110, 950}},
                                                      {"1920-focus", {1860, 990}}};
    for (const char *themeName : {ui::theme::Light, ui::theme::Dark}) {
        ui::theme::apply(QString::fromLatin1(themeName));
        // The application's palette reaches the widgets through the event loop.
        QTRY_COMPARE(m_pane->palette().color(QPalette::Window),
                     QApplication::palette().color(QPalette::Window));
        for (const auto &[name, size] : sizes) {
            m_pane->resize(size);
            QTRY_COMPARE(m_pane->size(), size);
            QTRY_VERIFY(!canvas()->overlayPending());
            // Every tool is on the bar, none behind its "»" menu; the labelset reads whole.
            const auto *extension = toolBar->findChild<QWidget *>(u"qt_toolbar_ext_button"_s);
            QVERIFY2(!extension || !extension->isVisible(), name);
            QVERIFY2(box->width() >= box->fontMetrics().horizontalAdvance(u"predictions"_s) + 16,
                     name);
            QVERIFY(canvas()->width() >= size.width() / 2);
            if (!dir.isEmpty())
                m_pane->grab().save(u"%1/detail-%2-%3.png"_s.arg(
                    dir, QString::fromLatin1(name), QString::fromLatin1(themeName).toLower()));
        }
        if (!dir.isEmpty()) {
            // The legend and instances in instance colours, at the narrow size.
            m_pane->resize(800, 640);
            auto *tabs = m_pane->findChild<QTabWidget *>(u"detailTabs"_s);
            for (int tab : {1, 2}) {
                tabs->setCurrentIndex(tab);
                QTRY_COMPARE(m_pane->size(), QSize(800, 640));
                m_pane->grab().save(u"%1/detail-tab%2-%3.png"_s.arg(dir).arg(tab).arg(
                    QString::fromLatin1(themeName).toLower()));
            }
            tabs->setCurrentIndex(0);
        }
    }
    if (!dir.isEmpty()) {
        QWidget window;
        ui::showShortcutsSheet(&window);
        auto *sheet = window.findChild<QDialog *>(u"shortcutsSheet"_s);
        QVERIFY(QTest::qWaitForWindowExposed(sheet));
        sheet->grab().save(dir + u"/shortcuts-dark.png"_s);
    }
    ui::theme::apply(QString::fromLatin1(ui::theme::System));
    setOption("colorByBox", 0);
    setOption("drawModeBox", 0);
}

SEGSCOPE_GUI_TEST_MAIN(TestDetailStates)
#include "tst_detailstates.moc"
