// README "Using Segscope", Inspect: in the detail view the wheel zooms about the cursor, a drag
// pans, `F` fits, `1` is 1:1, `I` hides the image and `L` the labels, Left/Right step through the
// samples, Ctrl+E exports the view at full resolution as PNG and Ctrl+Shift+C copies it. The real
// main window offscreen, driven by keys, the wheel and the mouse, against segscope-server
// in-process with the demo data.
#include "support/mainwindowdriver.h"
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "browse/samplebrowser.h"
#include "detail/detailpane.h"
#include "detail/imagecanvas.h"
#include "labels/labeloverlay.h"
#include "wire/taskattributes.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWheelEvent>

#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;
using namespace segscope;

namespace {

constexpr int Bound = 20000;

bool isChecker(const QColor &c) {
    return c.rgb() == QColor(0x60, 0x60, 0x60).rgb() || c.rgb() == QColor(0x48, 0x48, 0x48).rgb();
}

bool near(const QPointF &a, const QPointF &b, double tolerance = 1.01) {
    return std::abs(a.x() - b.x()) <= tolerance && std::abs(a.y() - b.y()) <= tolerance;
}

QByteArray describe(const QPointF &p) {
    return QByteArray::number(p.x()) + ", " + QByteArray::number(p.y());
}

//! One wheel notch (or `notches`) at `pos` of the canvas' viewport, as a mouse wheel sends it.
void wheel(QWidget *viewport, const QPoint &pos, int notches) {
    QWheelEvent event(QPointF(pos), QPointF(viewport->mapToGlobal(pos)), QPoint(),
                      QPoint(0, 120 * notches), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                      false);
    QApplication::sendEvent(viewport, &event);
}

void moveWithButton(QWidget *viewport, const QPoint &pos) {
    QMouseEvent event(QEvent::MouseMove, QPointF(pos), QPointF(viewport->mapToGlobal(pos)),
                      Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &event);
}

//! Runs `act` on the modal dialog of type T once it is up (from inside its exec()).
template <typename T, typename Act> void whenModalShows(QObject *context, Act act) {
    auto *timer = new QTimer(context);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, context, [timer, act] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        timer->stop();
        timer->deleteLater();
        act(dialog);
    });
    timer->start();
}

} // namespace

class TestReadmeDetail : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void wheelZoomsAboutTheCursor();
    void dragPans();
    void fitAndActualSize();
    void imageAndLabelsToggle();
    void leftRightStepThroughSamples();
    void ctrlEExportsAtFullResolution();
    void ctrlShiftCCopiesTheView();

private:
    void key(int key, Qt::KeyboardModifiers modifiers = {});
    QColor shown(const QPoint &imagePixel) const;
    //! A pixel in view (at the current zoom) whose 7x7 neighbourhood satisfies `inside`.
    QPoint pixelInView(const std::function<bool(int x, int y)> &inside) const;
    //! A pixel in view, well inside an annotated instance, and its category's colour.
    void findPixel();

    test::ServerFixture m_server;
    test::MainWindowDriver m_driver;
    QString m_key;
    QString m_labeled; //!< a LABELED sample of demo/street-scenes
    ui::ImageCanvas *m_canvas = nullptr;
    QPoint m_instancePixel;
    QColor m_instanceColor;
};

void TestReadmeDetail::initTestCase() {
    server::ServerOptions options;
    options.demo = true;
    options.demoImages = 8;
    QString error;
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
    m_key = m_server.server()->demoKey();
    qputenv("SEGMENTS_API_KEY", m_key.toUtf8());
    const test::HttpResult r = m_server.http.get(
        u"/datasets/demo/street-scenes/samples/?labelset=ground-truth&label_status=LABELED"_s,
        m_key);
    QVERIFY2(r.status == 200 && !r.array().isEmpty(), r.describe());
    m_labeled = r.array().at(0)["uuid"_L1].toString();
}

void TestReadmeDetail::init() {
    test::MainWindowDriver::clearSettings();
    ui::StartOptions options;
    options.server = m_server.baseUrl();
    options.sample = m_labeled;
    QVERIFY(m_driver.open(options));
    QVERIFY(m_driver.waitForDataset(u"demo/street-scenes"_s, Bound));
    QVERIFY(m_driver.waitForShown(m_labeled, Bound));
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.browser()->currentUuid(), m_labeled, Bound);
    m_canvas = m_driver.canvas();
    QVERIFY(m_canvas && m_driver.detail()->loadedSample()->overlay);
    // Labels at full opacity, so a labelled pixel is exactly its category's colour.
    m_driver.window()->findChild<QSlider *>(u"opacitySlider"_s)->setValue(100);
    m_driver.detail()->focusView();
    QVERIFY(m_canvas->hasFocus());
}

void TestReadmeDetail::cleanup() {
    m_canvas = nullptr;
    m_driver.close();
}

void TestReadmeDetail::key(int key, Qt::KeyboardModifiers modifiers) {
    // The overlay is coloured off the GUI thread: what a key exports or copies is the view once
    // its colouring has landed, as a user sees it a moment after the change.
    QVERIFY(QTest::qWaitFor([this] { return !m_canvas->overlayPending(); }, Bound));
    QTest::keyClick(m_canvas, Qt::Key(key), modifiers);
}

QColor TestReadmeDetail::shown(const QPoint &imagePixel) const {
    if (!QTest::qWaitFor([this] { return !m_canvas->overlayPending(); }, Bound))
        return {};
    const QImage view = m_canvas->viewport()->grab().toImage();
    // The screen pixel whose centre is over the image pixel's centre.
    const QPointF at = m_canvas->viewportPointOf(QPointF(imagePixel) + QPointF(0.5, 0.5));
    return view.pixelColor(int(std::floor(at.x())), int(std::floor(at.y())));
}

QPoint TestReadmeDetail::pixelInView(const std::function<bool(int, int)> &inside) const {
    const QSize content = m_canvas->contentSize();
    const QRectF view(m_canvas->imagePointAt(QPointF(0, 0)),
                      m_canvas->imagePointAt(
                          QPointF(m_canvas->viewport()->width(), m_canvas->viewport()->height())));
    const QRect area =
        view.toAlignedRect().intersected(QRect(QPoint(0, 0), content)).adjusted(8, 8, -8, -8);
    for (int y = area.top(); y <= area.bottom(); y += 2) {
        for (int x = area.left(); x <= area.right(); x += 2) {
            bool all = true;
            for (int dy = -3; dy <= 3 && all; ++dy)
                for (int dx = -3; dx <= 3 && all; ++dx)
                    all = inside(x + dx, y + dy);
            if (all)
                return {x, y};
        }
    }
    return {-1, -1};
}

void TestReadmeDetail::findPixel() {
    const auto sample = m_driver.detail()->loadedSample();
    const labels::LabelOverlay &overlay = *sample->overlay;
    const labels::InstanceIndex &index = overlay.index();
    const wire::TaskAttributes task =
        m_driver.browser()->dataset().taskAttributes.value_or(wire::TaskAttributes{});
    m_instancePixel = {-1, -1};
    for (int i = 0; i < index.count() && m_instancePixel.x() < 0; ++i) {
        const wire::Annotation *annotation = overlay.annotationOf(i);
        if (!annotation || !task.category(annotation->categoryId))
            continue;
        const QPoint p = pixelInView([&](int x, int y) {
            const quint32 at = index.idAt(x, y);
            return at != 0 && index.indexOf(at) == i;
        });
        if (p.x() >= 0) {
            m_instancePixel = p;
            m_instanceColor = task.colorOf(annotation->categoryId);
        }
    }
}

void TestReadmeDetail::wheelZoomsAboutTheCursor() {
    // 1:1 and a little closer, so the image overflows the view both ways (no centring).
    key(Qt::Key_1);
    key(Qt::Key_Plus);
    key(Qt::Key_Plus);
    QWidget *viewport = m_canvas->viewport();
    const QSizeF scaled = QSizeF(m_canvas->contentSize()) * m_canvas->zoom();
    QVERIFY(scaled.width() > viewport->width() && scaled.height() > viewport->height());

    // Off centre: zooming about the centre instead would move this point by tens of pixels.
    const QPoint cursor(viewport->width() * 3 / 10, viewport->height() * 7 / 20);
    const QPointF under = m_canvas->imagePointAt(cursor);
    double zoom = m_canvas->zoom();
    for (const int notches : {1, 1, 2, -1, -2}) {
        wheel(viewport, cursor, notches);
        if (notches > 0)
            QVERIFY(m_canvas->zoom() > zoom);
        else
            QVERIFY(m_canvas->zoom() < zoom);
        zoom = m_canvas->zoom();
        const QPointF now = m_canvas->viewportPointOf(under);
        QVERIFY2(near(now, cursor), describe(now) + " != " + describe(cursor));
    }
    QVERIFY(!m_canvas->fitsView());
}

void TestReadmeDetail::dragPans() {
    key(Qt::Key_1);
    key(Qt::Key_Plus);
    QWidget *viewport = m_canvas->viewport();
    const QPoint from(viewport->width() / 2, viewport->height() / 2);
    const QPoint by(-70, -45);
    const QPointF grabbed = m_canvas->imagePointAt(from);
    const double zoom = m_canvas->zoom();

    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    moveWithButton(viewport, from + by / 2);
    moveWithButton(viewport, from + by);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, from + by);
    // The image moved with the cursor: the grabbed point is under it; the zoom is the same, and
    // a drag is no click (nothing was picked).
    const QPointF now = m_canvas->viewportPointOf(grabbed);
    QVERIFY2(near(now, from + by), describe(now) + " != " + describe(from + by));
    QCOMPARE(m_canvas->zoom(), zoom);
    QCOMPARE(m_canvas->overlayOptions().highlightedId, 0u);
}

void TestReadmeDetail::fitAndActualSize() {
    QVERIFY(m_canvas->fitsView());
    key(Qt::Key_1);
    QCOMPARE(m_canvas->zoom(), 1.0);
    QVERIFY(!m_canvas->fitsView());
    // 1:1 is one image pixel per screen pixel.
    const QPointF a = m_canvas->viewportPointOf(QPointF(100, 100));
    const QPointF b = m_canvas->viewportPointOf(QPointF(200, 150));
    QCOMPARE(b - a, QPointF(100, 50));

    key(Qt::Key_F);
    QVERIFY(m_canvas->fitsView());
    const QSize content = m_canvas->contentSize();
    const QSize view = m_canvas->viewport()->size();
    const double fit =
        std::min(double(view.width()) / content.width(), double(view.height()) / content.height());
    QCOMPARE(m_canvas->zoom(), fit);
    // The whole image in view, touching two opposite edges.
    const QRectF drawn(m_canvas->viewportPointOf(QPointF(0, 0)),
                       m_canvas->viewportPointOf(QPointF(content.width(), content.height())));
    QVERIFY(QRectF(m_canvas->viewport()->rect()).adjusted(-1, -1, 1, 1).contains(drawn));
    QVERIFY(std::abs(drawn.width() - view.width()) <= 1 ||
            std::abs(drawn.height() - view.height()) <= 1);
}

void TestReadmeDetail::imageAndLabelsToggle() {
    key(Qt::Key_1); // one image pixel per screen pixel: what is painted is the image's pixel
    findPixel();
    QVERIFY(m_instancePixel.x() >= 0);
    const QColor imagePixel = m_driver.detail()->loadedSample()->image.pixelColor(m_instancePixel);
    QVERIFY(imagePixel.rgb() != m_instanceColor.rgb());
    auto *imageAction = m_driver.window()->findChild<QAction *>(u"toggleImageAction"_s);
    auto *labelsAction = m_driver.window()->findChild<QAction *>(u"toggleLabelsAction"_s);
    QVERIFY(imageAction && labelsAction);
    QCOMPARE(shown(m_instancePixel).rgb(), m_instanceColor.rgb());

    key(Qt::Key_L); // the labels go: the image's own pixel
    QVERIFY(!labelsAction->isChecked() && !m_canvas->labelsVisible());
    QCOMPARE(shown(m_instancePixel).rgb(), imagePixel.rgb());

    key(Qt::Key_I); // the image goes too: the checkerboard
    QVERIFY(!imageAction->isChecked() && !m_canvas->imageVisible());
    QVERIFY(isChecker(shown(m_instancePixel)));

    key(Qt::Key_L); // the labels alone
    QVERIFY(labelsAction->isChecked() && m_canvas->labelsVisible());
    QCOMPARE(shown(m_instancePixel).rgb(), m_instanceColor.rgb());

    key(Qt::Key_I); // both again
    QVERIFY(imageAction->isChecked() && m_canvas->imageVisible());
    QCOMPARE(shown(m_instancePixel).rgb(), m_instanceColor.rgb());
}

void TestReadmeDetail::leftRightStepThroughSamples() {
    ui::SampleBrowser *browser = m_driver.browser();
    const int row = browser->model()->rowOfUuid(m_labeled);
    QVERIFY(row >= 0);
    const int rows = browser->model()->rowCount();
    QVERIFY(rows >= 2);
    // Towards the side that has a neighbour, then back.
    const int step = row + 1 < rows ? 1 : -1;
    const QString neighbour = browser->model()->row(row + step)->uuid;
    key(step > 0 ? Qt::Key_Right : Qt::Key_Left);
    QVERIFY(m_driver.waitForShown(neighbour, Bound));
    QCOMPARE(browser->currentUuid(), neighbour);
    QVERIFY(m_canvas->hasFocus()); // the keys keep stepping
    key(step > 0 ? Qt::Key_Left : Qt::Key_Right);
    QVERIFY(m_driver.waitForShown(m_labeled, Bound));
    QCOMPARE(browser->currentUuid(), m_labeled);
}

void TestReadmeDetail::ctrlEExportsAtFullResolution() {
    key(Qt::Key_1);
    findPixel();
    QVERIFY(m_instancePixel.x() >= 0);
    key(Qt::Key_F); // the view is smaller than the image: the export is not a screenshot
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"exported.png"_s);
    QString suggested;
    bool dialogShown = false;
    QObject watch; // ends the watching with this function
    whenModalShows<QFileDialog>(&watch, [&](QFileDialog *dialog) {
        dialogShown = true;
        auto *name = dialog->findChild<QLineEdit *>(u"fileNameEdit"_s);
        if (!name) {
            dialog->reject();
            return;
        }
        suggested = name->text();
        // A full path over the suggested name, as pasted: typed key by key, the dialog's
        // completer may pop up and take the Return.
        name->setText(path);
        QTest::keyClick(name, Qt::Key_Return);
    });
    key(Qt::Key_E, Qt::ControlModifier);
    QVERIFY(dialogShown);
    const auto sample = m_driver.detail()->loadedSample();
    QCOMPARE(suggested, QFileInfo(sample->sample.name).completeBaseName() + u"_ground-truth.png"_s);

    QVERIFY(QFile::exists(path));
    const QImage exported(path);
    QCOMPARE(exported.size(), sample->image.size());
    QVERIFY(exported.width() > m_canvas->viewport()->width());
    // What the view shows: the labels over the image at full opacity.
    QCOMPARE(exported.pixelColor(m_instancePixel).rgb(), m_instanceColor.rgb());
    QCOMPARE(exported.pixelColor(m_instancePixel).alpha(), 255);
}

void TestReadmeDetail::ctrlShiftCCopiesTheView() {
    key(Qt::Key_1);
    findPixel();
    QVERIFY(m_instancePixel.x() >= 0);
    const auto sample = m_driver.detail()->loadedSample();
    QClipboard *clipboard = QGuiApplication::clipboard();

    key(Qt::Key_L); // copies what is shown: here the image without its labels
    clipboard->clear();
    QVERIFY(clipboard->image().isNull());
    key(Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QImage copied = clipboard->image();
    QCOMPARE(copied.size(), sample->image.size());
    QCOMPARE(copied.pixelColor(m_instancePixel).rgb(),
             sample->image.pixelColor(m_instancePixel).rgb());

    key(Qt::Key_L);
    key(Qt::Key_I); // and here the labels alone
    key(Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    copied = clipboard->image();
    QCOMPARE(copied.size(), sample->image.size());
    QCOMPARE(copied.pixelColor(m_instancePixel).rgb(), m_instanceColor.rgb());
    QCOMPARE(copied.pixelColor(m_instancePixel).alpha(), 255);
}

SEGSCOPE_GUI_TEST_MAIN(TestReadmeDetail)
#include "tst_readme_detail.moc"
