// Which labels the detail pane compares (issue 14), offscreen against segscope-server
// in-process: ground truth as the default reference, vector labels rasterised, a missing or a
// resized candidate; and the compare views at screen sizes.
//
// SEGSCOPE_SCREENSHOT_DIR=/some/dir saves grabs of the difference, swipe and side-by-side views
// at 1366x768 and 1920x1080 in both themes there.
#include "support/compareharness.h"
#include "support/testmain.h"

#include "browse/samplebrowser.h"
#include "labels/vectorshapes.h"
#include "shell/theme.h"

#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTabWidget>

using namespace Qt::StringLiterals;
using namespace segscope;

class TestComparePairs : public QObject, public test::CompareHarness {
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }
    void init() {
        newPane();
        // Compare starts off in every pane; each test asks for its view.
        QVERIFY(!compare()->isOn());
    }
    void cleanup() { closePane(); }
    void referenceIsGroundTruth();
    void vectorLabelsCompareRasterised();
    void missingCandidateSaysSo();
    void resizedCandidateIsADefect();
    void screenshotsAtScreenSizes();
};

void TestComparePairs::referenceIsGroundTruth() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    // Predictions shown, then compare on: ground truth becomes the reference, predictions the
    // candidate, told to the window as the user's choice.
    m_pane->setLabelset(u"predictions"_s);
    QVERIFY(show(samplesWithPredictions(true, 1).first()));
    QSignalSpy changed(m_pane.get(), &ui::DetailPane::labelsetChanged);
    QVERIFY(compareIn(View::Difference));
    QCOMPARE(m_pane->labelset(), u"ground-truth"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(compare()->candidate(), u"predictions"_s);
    QCOMPARE(m_pane->loadedSample()->comparison->candidateLabelset, u"predictions"_s);
    // The reference box picking the candidate's labelset moves the candidate off it.
    QSignalSpy shown(m_pane.get(), &ui::DetailPane::sampleShown);
    m_pane->setLabelset(u"predictions"_s);
    QCOMPARE(compare()->candidate(), u"ground-truth"_s);
    QVERIFY(shown.wait(15000));
    QCOMPARE(m_pane->loadedSample()->comparison->candidateLabelset, u"ground-truth"_s);
}

void TestComparePairs::vectorLabelsCompareRasterised() {
    // A second labelset of boxes in the vector dataset: one box over the first ground-truth
    // shape's bounds, in the same category.
    const test::HttpResult created = m_fixture.http.post(
        u"/datasets/demo/street-shapes/labelsets/"_s,
        QJsonObject{{"name"_L1, "boxes"_L1}, {"description"_L1, "one box"_L1}}, m_key);
    QVERIFY2(created.status == 200 || created.status == 201, created.body.constData());
    SET_UP(openDataset(u"demo/street-shapes"_s));
    const test::HttpResult list = m_fixture.http.get(
        u"/datasets/demo/street-shapes/samples/?labelset=ground-truth&label_status=LABELED"
        "&per_page=1"_s,
        m_key);
    QCOMPARE(list.array().size(), 1);
    const QString uuid = list.array().first()["uuid"_L1].toString();
    QVERIFY(show(uuid));
    const wire::LabelAttributes &truth = m_pane->loadedSample()->shownLabel();
    QVERIFY(!truth.annotations.isEmpty());
    const wire::Annotation &first = truth.annotations.first();
    const QRectF bounds = labels::vectorBounds(first);
    const QJsonObject attributes{
        {"format_version"_L1, "0.1"_L1},
        {"annotations"_L1,
         QJsonArray{
             QJsonObject{{"id"_L1, 1},
                         {"category_id"_L1, first.categoryId},
                         {"type"_L1, "bbox"_L1},
                         {"points"_L1, QJsonArray{QJsonArray{bounds.left(), bounds.top()},
                                                  QJsonArray{bounds.right(), bounds.bottom()}}}}}}};
    const test::HttpResult put = m_fixture.http.put(
        u"/labels/%1/boxes/"_s.arg(uuid),
        QJsonObject{{"attributes"_L1, attributes}, {"label_status"_L1, "PRELABELED"_L1}}, m_key);
    QVERIFY2(put.status == 200 || put.status == 201, put.body.constData());

    QVERIFY(compareIn(View::Difference));
    const auto sample = m_pane->loadedSample();
    QCOMPARE(sample->comparison->candidateLabelset, u"boxes"_s);
    // Neither label has a bitmap: both rasterised at the image size, then compared.
    QVERIFY(!sample->overlay);
    QVERIFY(sample->comparison->reference && sample->comparison->candidate);
    QCOMPARE(sample->comparison->reference->index().size(), sample->image.size());
    QCOMPARE(sample->comparison->candidate->index().size(), sample->image.size());
    const auto &comparison = *sample->comparison->comparison;
    // Inside the box, the candidate says the category; the figures include it.
    const QPoint centre = bounds.center().toPoint();
    const auto [ref, cand] = comparison.slotsAt(centre.x(), centre.y());
    QVERIFY(ref >= 0);
    QCOMPARE(comparison.matrix().classes.at(cand).categoryId, first.categoryId);
    QVERIFY(comparison.matrix().agreementCounts()[size_t(labels::PixelAgreement::Agree)] > 0);
    QCOMPARE(canvas()->compareView(), ui::ImageCanvas::CompareView::Difference);
    QCOMPARE(canvas()->difference().size(), sample->image.size());
}

void TestComparePairs::missingCandidateSaysSo() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    const QStringList without = samplesWithPredictions(false, 1);
    QCOMPARE(without.size(), 1);
    QVERIFY(show(without.first()));
    QVERIFY(compareIn(View::Difference));
    const auto sample = m_pane->loadedSample();
    QVERIFY(!sample->comparison->candidateLabel);
    QVERIFY(!sample->comparison->comparison);
    auto *notice = m_pane->findChild<QLabel *>(u"labelNotice"_s);
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->text(), u"No label in ‘predictions’ for this sample: showing ground-truth"_s);
    // The reference is shown alone, as usual.
    QCOMPARE(canvas()->compareView(), ui::ImageCanvas::CompareView::Off);
    QVERIFY(!canvas()->overlayImage().isNull());
    QVERIFY(canvas()->candidateImage().isNull());
    QVERIFY(m_pane->findChild<QLabel *>(u"comparePlaceholder"_s)->isVisible() ||
            m_pane->findChild<QTabWidget *>(u"detailTabs"_s)->currentIndex() != 4);
}

void TestComparePairs::resizedCandidateIsADefect() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    // A predictions label at half the size for a sample that had none.
    const QStringList without = samplesWithPredictions(false, 2);
    QCOMPARE(without.size(), 2);
    const QString uuid = without.at(1);
    QVERIFY(show(uuid));
    const QSize size = m_pane->loadedSample()->image.size();
    QImage bitmap(size / 2, QImage::Format_RGBA8888);
    bitmap.fill(QColor(0, 0, 0, 255));
    for (int y = 0; y < bitmap.height() / 2; ++y)
        for (int x = 0; x < bitmap.width(); ++x)
            bitmap.setPixelColor(x, y, QColor(1, 0, 0, 255));
    const QJsonObject asset =
        test::uploadAsset(m_fixture.http, m_key, u"half.png"_s, pngBytes(bitmap));
    QVERIFY(!asset.isEmpty());
    const qint64 category = m_dataset.taskAttributes->categories.first().id;
    const QJsonObject attributes{
        {"format_version"_L1, "0.1"_L1},
        {"annotations"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, category}}}},
        {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, asset["url"_L1]}}}};
    const test::HttpResult put = m_fixture.http.put(
        u"/labels/%1/predictions/"_s.arg(uuid),
        QJsonObject{{"attributes"_L1, attributes}, {"label_status"_L1, "PRELABELED"_L1}}, m_key);
    QVERIFY2(put.status == 200 || put.status == 201, put.body.constData());

    QVERIFY(compareIn(View::Difference));
    const auto sample = m_pane->loadedSample();
    QVERIFY(sample->comparison->comparison);
    QCOMPARE(sample->comparison->comparison->size(), size);
    QCOMPARE(sample->comparison->comparison->defects().size(), 1);
    // In the Defects tab and over the view.
    auto *defects = m_pane->findChild<QListWidget *>(u"defectList"_s);
    QStringList lines;
    for (int i = 0; i < defects->count(); ++i)
        lines.append(defects->item(i)->text());
    QVERIFY2(lines.filter(u"resized"_s).size() == 1, qPrintable(lines.join(u'\n')));
    QVERIFY2(lines.filter(u"predictions"_s).size() == 1, qPrintable(lines.join(u'\n')));
    auto *notice = m_pane->findChild<QLabel *>(u"labelNotice"_s);
    QVERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(u"resized"_s), qPrintable(notice->text()));
    // The candidate's top half is category 1 everywhere: the reference's top rows compare with
    // it, read at half the coordinates.
    const QPoint at(size.width() - 2, 2);
    const auto [ref, cand] = sample->comparison->comparison->slotsAt(at.x(), at.y());
    QVERIFY(ref >= 0);
    QCOMPARE(sample->comparison->comparison->matrix().classes.at(cand).categoryId, category);
    QCOMPARE(compare()->describe(at).contains(u"(at %1, 1)"_s.arg((size.width() - 2) / 2)), true);
}

void TestComparePairs::screenshotsAtScreenSizes() {
    // The pane beside the sample browser, as in the window: the compare controls fit in the
    // header at both sizes, in both themes.
    SET_UP(openDataset(u"demo/street-scenes"_s));
    // The fourth such scene: its prediction misses and confuses enough to show every kind.
    const QString uuid = samplesWithPredictions(true, 4).last();
    const wire::Dataset dataset = m_dataset;
    const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR");
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
            browser->showDataset(dataset);
            pane->setDataset(dataset);
            pane->setLabelset(u"ground-truth"_s);
            QSignalSpy shown(pane, &ui::DetailPane::sampleShown);
            pane->compare()->setView(View::Difference);
            pane->showSample(uuid);
            QVERIFY(shown.wait(15000));
            QVERIFY(pane->loadedSample()->comparison);
            pane->findChild<QTabWidget *>(u"detailTabs"_s)->setCurrentIndex(4);
            QTRY_VERIFY(!pane->canvas()->overlayPending());
            // Every compare control shows its whole text.
            for (const char *name : {"compareViewBox", "candidateBox", "labelsetBox"}) {
                auto *box = pane->findChild<QComboBox *>(QString::fromLatin1(name));
                QVERIFY2(box->isVisible() && box->width() >= box->sizeHint().width(), name);
            }
            const QString suffix = u"%1x%2-%3"_s.arg(size.width())
                                       .arg(size.height())
                                       .arg(QString::fromLatin1(themeName).toLower());
            const auto keep = [&](const QString &name) {
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
                if (!dir.isEmpty())
                    window.grab().save(dir + u"/compare-"_s + name + u'-' + suffix + u".png"_s);
            };
            keep(u"difference"_s);
            pane->compare()->setView(View::Swipe);
            pane->canvas()->setSwipePosition(0.6);
            keep(u"swipe"_s);
            pane->compare()->setView(View::SideBySide);
            QTRY_VERIFY(pane->compare()->sideCanvas()->isVisible() &&
                        !pane->compare()->sideCanvas()->overlayPending());
            keep(u"side"_s);
        }
    }
    ui::theme::apply(QString::fromLatin1(ui::theme::System));
}

SEGSCOPE_GUI_TEST_MAIN(TestComparePairs)
#include "tst_comparepairs.moc"
