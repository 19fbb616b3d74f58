// The sample browser against segscope-server in-process (the demo data and datasets of our own):
// the filmstrip, the pane following the list (no matches, an empty dataset, a failure), counts
// after an add or a status change, the thumbnail size keys, the linked labelset hook, the
// demo's example filter and first sample, vector shapes on thumbnails. The table's header
// sorting and frozen column: tst_sampletable.
//
// SEGSCOPE_SCREENSHOT_DIR=/some/dir saves grabs of the browser's modes at 1366x768 and 1920x1080
// in the light and the dark theme.
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "api/apiclient.h"
#include "api/datasetsapi.h"
#include "browse/samplebrowser.h"
#include "browse/sampledelegate.h"
#include "browse/samplefilterbar.h"
#include "browse/samplegridview.h"
#include "browse/sampletableview.h"
#include "models/samplelistmodel.h"
#include "models/thumbnailcache.h"
#include "models/thumbnaildecoder.h"
#include "settings/appsettings.h"
#include "shell/theme.h"

#include <QAbstractButton>
#include <QBuffer>
#include <QComboBox>
#include <QImageWriter>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope;
using segscope::test::ServerFixture;

class TestSampleBrowser : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void filmstripIsOneRowAndRestores();
    void noMatchesClearsTheCurrentSample();
    void filterKeepsTheCurrentSampleWhenListed();
    void emptyDatasetSaysSo();
    void failedListSaysWhy();
    void countsChangeAfterAddSample();
    void statusChangeRefreshesTheRow();
    void thumbnailSizeKeysAreRemembered();
    void labelsetChangedOnUserPickOnly();
    void demoExampleFilterMatches();
    void demoOpensOnALabeledSample();
    void vectorThumbnailsDrawTheirShapes();
    void screenshotsAtScreenSizes();

private:
    wire::Dataset fetchDataset(const QString &fullName);
    //! Shows `dataset` in m_browser and waits for its first row to be current.
    bool open(const wire::Dataset &dataset);
    void screenshot(QWidget *widget, const QString &name);
    QString nameAt(int row) const;

    ServerFixture m_fixture;
    QString m_key;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<ui::SampleBrowser> m_browser;
    wire::Dataset m_many;  //!< b0000..b0019 created first, then a0000..a0019
    wire::Dataset m_empty; //!< no samples
    wire::Dataset m_scenes;
    wire::Dataset m_shapes; //!< vector labels
};

void TestSampleBrowser::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    server::ServerOptions options;
    options.demo = true;
    options.demoImages = 8;
    QString error;
    QVERIFY2(m_fixture.start(options, &error), qPrintable(error));
    m_key = m_fixture.server()->demoKey();
    api::ClientOptions client;
    client.baseUrl = m_fixture.baseUrl();
    client.apiKey = m_key;
    client.cacheDirectory = m_fixture.dataDir() + u"/client-cache"_s;
    m_client = std::make_unique<api::ApiClient>(client);

    QVERIFY(!m_fixture.createDataset(m_key, u"many"_s).isEmpty());
    // Created "b" first: sorted by name "a0000" comes first, by creation "b0000".
    QCOMPARE(m_fixture.createSamples(m_key, u"demo/many"_s, 20, u"b"_s).size(), 20);
    QTest::qWait(20); // a later created_at for the second batch
    QCOMPARE(m_fixture.createSamples(m_key, u"demo/many"_s, 20, u"a"_s).size(), 20);
    QVERIFY(!m_fixture.createDataset(m_key, u"empty"_s).isEmpty());
    m_many = fetchDataset(u"demo/many"_s);
    QCOMPARE(m_many.samplesCount.value_or(0), 40);
    m_empty = fetchDataset(u"demo/empty"_s);
    QCOMPARE(m_empty.fullName, u"demo/empty"_s);
    m_scenes = fetchDataset(u"demo/street-scenes"_s);
    QCOMPARE(m_scenes.samplesCount.value_or(0), 8);
    m_shapes = fetchDataset(u"demo/street-shapes"_s);
    QCOMPARE(m_shapes.taskType, u"vector"_s);
}

void TestSampleBrowser::init() {
    QSettings().clear(); // a mode or filter an earlier slot chose is not kept
    m_browser = std::make_unique<ui::SampleBrowser>();
    m_browser->resize(900, 640);
    m_browser->setClient(m_client.get());
    m_browser->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_browser.get()));
}

void TestSampleBrowser::cleanup() {
    m_browser.reset();
}

wire::Dataset TestSampleBrowser::fetchDataset(const QString &fullName) {
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

bool TestSampleBrowser::open(const wire::Dataset &dataset) {
    m_browser->showDataset(dataset);
    return QTest::qWaitFor([this] { return !m_browser->currentUuid().isEmpty(); }, 10000);
}

QString TestSampleBrowser::nameAt(int row) const {
    const models::SampleRow *r = m_browser->model()->row(row);
    return r ? r->name : QString();
}

void TestSampleBrowser::screenshot(QWidget *widget, const QString &name) {
    const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name + u".png"_s);
}

void TestSampleBrowser::filmstripIsOneRowAndRestores() {
    settings::DatasetTableMode(m_many.fullName).set(true);
    QVERIFY(open(m_many));
    auto *views = m_browser->findChild<QStackedWidget *>();
    auto *table = m_browser->findChild<ui::SampleTableView *>(u"sampleTable"_s);
    auto *filterBar = m_browser->findChild<ui::SampleFilterBar *>(u"sampleFilterBar"_s);
    ui::SampleGridView *grid = m_browser->gridView();
    QCOMPARE(views->currentWidget(), table);

    m_browser->setFilmstrip(true);
    QVERIFY(m_browser->isFilmstrip());
    QVERIFY(filterBar->isHidden());
    QCOMPARE(views->currentWidget(), grid);
    // One row that fits about 110 px with its scroll bar.
    const int hint = m_browser->sizeHint().height();
    QVERIFY2(hint >= 80 && hint <= 120, qPrintable(QString::number(hint)));
    m_browser->resize(700, hint);
    QTRY_VERIFY(grid->horizontalScrollBar()->maximum() > 0);
    const auto [first, last] = grid->visibleRows();
    QVERIFY(last - first >= 3);
    const int y = grid->visualRect(m_browser->model()->index(first, 0)).y();
    for (int r = first; r <= last; ++r) {
        const QRect cell = grid->visualRect(m_browser->model()->index(r, 0));
        QCOMPARE(cell.y(), y);
        QVERIFY(cell.bottom() < grid->viewport()->height());
    }
    screenshot(m_browser.get(), u"browser-filmstrip"_s);

    // Right moves the current sample; a far step keeps it in view (scrolled sideways).
    grid->setFocus();
    QCOMPARE(grid->currentIndex().row(), 0);
    QTest::keyClick(grid, Qt::Key_Right);
    QCOMPARE(grid->currentIndex().row(), 1);
    QTest::keyClick(grid, Qt::Key_Left);
    QCOMPARE(grid->currentIndex().row(), 0);
    m_browser->stepCurrent(30);
    QCOMPARE(grid->currentIndex().row(), 30);
    QVERIFY(grid->horizontalScrollBar()->value() > 0);
    QVERIFY(grid->viewport()->rect().contains(grid->visualRect(grid->currentIndex())));
    QCOMPARE(grid->indexAt(grid->visualRect(grid->currentIndex()).center()).row(), 30);

    m_browser->setFilmstrip(false);
    QVERIFY(!grid->isFilmstrip());
    QVERIFY(!filterBar->isHidden());
    QCOMPARE(views->currentWidget(), table);
    QCOMPARE(grid->currentIndex().row(), 30);
}

void TestSampleBrowser::noMatchesClearsTheCurrentSample() {
    QVERIFY(open(m_many));
    auto *message = m_browser->findChild<QLabel *>(u"sampleListMessage"_s);
    QVERIFY(message);
    QVERIFY(message->isHidden());
    QSignalSpy current(m_browser.get(), &ui::SampleBrowser::currentSampleChanged);
    auto *search = m_browser->findChild<QLineEdit *>(u"sampleSearch"_s);
    search->setFocus();
    QTest::keyClicks(search, u"nothing-like-this"_s);
    QTest::keyClick(search, Qt::Key_Return);
    QVERIFY(message->isVisible()); // "Loading…" first
    QTRY_VERIFY2(message->text().contains(u"No samples match"_s), qPrintable(message->text()));
    QVERIFY(message->isVisible());
    QVERIFY(message->text().contains(u"Clear filters"_s));
    QVERIFY(!current.isEmpty());
    QCOMPARE(current.last().at(0).toString(), QString());

    // Clear filters: the list and a current sample are back.
    emit message->linkActivated(u"clear"_s);
    QCOMPARE(search->text(), QString());
    QTRY_VERIFY(!m_browser->currentUuid().isEmpty());
    QVERIFY(message->isHidden());
    QCOMPARE(current.last().at(0).toString(), m_browser->currentUuid());
}

void TestSampleBrowser::filterKeepsTheCurrentSampleWhenListed() {
    QVERIFY(open(m_many));
    m_browser->stepCurrent(3); // a0003
    QTRY_COMPARE(m_browser->currentUuid(), m_browser->model()->row(3)->uuid);
    const QString a3 = m_browser->currentUuid();
    auto *search = m_browser->findChild<QLineEdit *>(u"sampleSearch"_s);
    search->setText(u"a000"_s);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_VERIFY(m_browser->model()->rowCount() == 10 && m_browser->model()->isExhaustive());
    QTRY_COMPARE(m_browser->currentUuid(), a3);

    // A filter without it: the first row becomes current.
    QSignalSpy current(m_browser.get(), &ui::SampleBrowser::currentSampleChanged);
    search->setText(u"b001"_s);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(nameAt(0), u"b0010"_s);
    QTRY_COMPARE(m_browser->currentUuid(), m_browser->model()->row(0)->uuid);
    QCOMPARE(current.last().at(0).toString(), m_browser->currentUuid());
}

void TestSampleBrowser::emptyDatasetSaysSo() {
    QVERIFY(open(m_many));
    QSignalSpy current(m_browser.get(), &ui::SampleBrowser::currentSampleChanged);
    m_browser->showDataset(m_empty);
    auto *message = m_browser->findChild<QLabel *>(u"sampleListMessage"_s);
    QTRY_VERIFY(message->isVisible());
    QVERIFY2(message->text().contains(u"no samples yet"_s), qPrintable(message->text()));
    QVERIFY(message->text().contains(u"Ctrl+N"_s));
    QCOMPARE(message->geometry(), m_browser->findChild<QStackedWidget *>()->rect());
    QVERIFY(!current.isEmpty());
    QCOMPARE(current.last().at(0).toString(), QString());
    screenshot(m_browser.get(), u"browser-empty"_s);
}

void TestSampleBrowser::failedListSaysWhy() {
    QVERIFY(open(m_many));
    QSignalSpy current(m_browser.get(), &ui::SampleBrowser::currentSampleChanged);
    auto *metadata = m_browser->findChild<QLineEdit *>(u"metadataFilter"_s);
    metadata->setFocus();
    QTest::keyClicks(metadata, u"speed_kmh:>fast"_s);
    QTest::keyClick(metadata, Qt::Key_Return);
    auto *message = m_browser->findChild<QLabel *>(u"sampleListMessage"_s);
    QTRY_VERIFY2(message->text().contains(u"Could not list the samples"_s),
                 qPrintable(message->text()));
    QVERIFY(message->isVisible());
    QVERIFY(message->text().contains(u"not a number"_s)); // the reason
    QVERIFY(message->text().contains(u"Clear filters"_s));
    QVERIFY(!current.isEmpty());
    QCOMPARE(current.last().at(0).toString(), QString());
    emit message->linkActivated(u"clear"_s);
    QTRY_VERIFY(!m_browser->currentUuid().isEmpty());
    QVERIFY(message->isHidden());
}

void TestSampleBrowser::countsChangeAfterAddSample() {
    QSignalSpy counts(m_browser.get(), &ui::SampleBrowser::countsChanged);
    QSignalSpy datasetCounts(m_browser.get(), &ui::SampleBrowser::datasetCountsChanged);
    QVERIFY(open(m_many));
    QVERIFY(!counts.isEmpty());
    const QString before = counts.last().at(0).toString();
    QVERIFY2(before.startsWith(u"40 samples"_s), qPrintable(before));
    const test::HttpResult created = m_fixture.http.post(
        u"/datasets/demo/many/samples/"_s,
        QJsonObject{{"name"_L1, u"new-one"_s},
                    {"attributes"_L1,
                     QJsonObject{{"image"_L1,
                                  QJsonObject{{"url"_L1, u"https://example.invalid/n.jpg"_s}}}}}},
        m_key);
    QCOMPARE(created.status, 201);
    wire::JsonError error;
    const std::optional<wire::Sample> sample =
        wire::readValue<wire::Sample>(created.object(), &error);
    QVERIFY(sample);
    QVERIFY(!sample->label); // fetched without a labelset, as the upload controller does
    counts.clear();
    m_browser->addSample(*sample, true);
    // At once, not at the next listing.
    QVERIFY(!counts.isEmpty());
    QVERIFY2(counts.last().at(0).toString().startsWith(u"41 samples"_s),
             qPrintable(counts.last().at(0).toString()));
    QCOMPARE(datasetCounts.size(), 1);
    QCOMPARE(datasetCounts.at(0).at(0).toString(), u"demo/many"_s);
    QCOMPARE(m_browser->currentUuid(), sample->uuid);
    // Its tile has a status badge like the others, confirmed by the server.
    const QModelIndex top = m_browser->model()->index(0, 0);
    QCOMPARE(top.data(models::SampleListModel::LabelStatusRole).toString(), u"UNLABELED"_s);
    QSignalSpy changed(m_browser->model(), &QAbstractItemModel::dataChanged);
    QTRY_VERIFY(!changed.isEmpty());
    QCOMPARE(top.data(models::SampleListModel::LabelStatusRole).toString(), u"UNLABELED"_s);
    // Adding it again adds nothing.
    m_browser->addSample(*sample, false);
    QCOMPARE(datasetCounts.size(), 1);
}

void TestSampleBrowser::statusChangeRefreshesTheRow() {
    QVERIFY(open(m_many));
    QTRY_VERIFY(m_browser->model()->row(2));
    const QString uuid = m_browser->model()->row(2)->uuid;
    const QModelIndex index = m_browser->model()->index(2, 0);
    QCOMPARE(index.data(models::SampleListModel::LabelStatusRole).toString(), u"UNLABELED"_s);
    const test::HttpResult put = m_fixture.http.put(
        u"/labels/%1/ground-truth/"_s.arg(uuid),
        QJsonObject{{"label_status"_L1, u"REVIEWED"_s},
                    {"attributes"_L1, QJsonObject{{"format_version"_L1, u"0.1"_s},
                                                  {"annotations"_L1, QJsonArray()}}}},
        m_key);
    QVERIFY2(put.status == 200, put.describe().constData());
    QSignalSpy datasetCounts(m_browser.get(), &ui::SampleBrowser::datasetCountsChanged);
    m_browser->refreshSample(uuid);
    QCOMPARE(datasetCounts.size(), 1);
    QTRY_COMPARE(index.data(models::SampleListModel::LabelStatusRole).toString(), u"REVIEWED"_s);
    QCOMPARE(m_browser->model()->row(2)->uuid, uuid);
}

void TestSampleBrowser::thumbnailSizeKeysAreRemembered() {
    QVERIFY(open(m_many));
    ui::SampleGridView *grid = m_browser->gridView();
    m_browser->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_browser.get()));
    grid->setFocus();
    const int step = m_browser->thumbnailStep();
    const int width = grid->cellSize().width();
    QTest::keyClick(grid, Qt::Key_Equal, Qt::ControlModifier);
    QCOMPARE(m_browser->thumbnailStep(), step + 1);
    QVERIFY(grid->cellSize().width() > width);
    QCOMPARE(settings::BrowserThumbnailSize.value(),
             ui::SampleBrowser::thumbnailSizes().at(step + 1));
    auto *slider = m_browser->findChild<QSlider *>(u"thumbnailSize"_s);
    QCOMPARE(slider->value(), step + 1);
    // A new browser (the next run) starts at the size chosen.
    {
        ui::SampleBrowser next;
        QCOMPARE(next.thumbnailStep(), step + 1);
    }
    QTest::keyClick(grid, Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(grid, Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(m_browser->thumbnailStep(), step - 1);
    QVERIFY(grid->cellSize().width() < width);
    // The slider steps it as well, and the ends hold.
    slider->setValue(slider->maximum());
    QCOMPARE(m_browser->thumbnailStep(), int(ui::SampleBrowser::thumbnailSizes().size()) - 1);
    QTest::keyClick(grid, Qt::Key_Equal, Qt::ControlModifier);
    QCOMPARE(m_browser->thumbnailStep(), int(ui::SampleBrowser::thumbnailSizes().size()) - 1);
}

void TestSampleBrowser::labelsetChangedOnUserPickOnly() {
    QVERIFY(open(m_scenes));
    QSignalSpy changed(m_browser.get(), &ui::SampleBrowser::labelsetChanged);
    QCOMPARE(m_browser->labelset(), u"ground-truth"_s);
    m_browser->setLabelset(u"predictions"_s);
    QCOMPARE(m_browser->labelset(), u"predictions"_s);
    QCOMPARE(m_browser->model()->filter().labelset, u"predictions"_s);
    auto *chooser = m_browser->findChild<QComboBox *>(u"labelsetChooser"_s);
    QCOMPARE(chooser->currentText(), u"predictions"_s);
    QVERIFY(changed.isEmpty());
    // A labelset the dataset lacks is not taken.
    m_browser->setLabelset(u"no-such-labelset"_s);
    QCOMPARE(m_browser->labelset(), u"predictions"_s);
    QVERIFY(changed.isEmpty());

    // The user's pick is announced.
    chooser->setFocus();
    QTest::keyClick(chooser, Qt::Key_Up);
    QCOMPARE(chooser->currentText(), u"ground-truth"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), u"ground-truth"_s);
    QCOMPARE(m_browser->labelset(), u"ground-truth"_s);
}

void TestSampleBrowser::demoExampleFilterMatches() {
    QVERIFY(open(m_scenes));
    auto *metadata = m_browser->findChild<QLineEdit *>(u"metadataFilter"_s);
    const QString example = ui::SampleFilterBar::metadataExample();
    QVERIFY(metadata->placeholderText().contains(example));
    metadata->setFocus();
    QTest::keyClicks(metadata, example);
    QTest::keyClick(metadata, Qt::Key_Return);
    QCOMPARE(m_browser->model()->filter().metadataTerms.size(), 2);
    QTRY_VERIFY(m_browser->model()->isExhaustive());
    QVERIFY2(m_browser->model()->rowCount() > 0, qPrintable(example));
    QVERIFY(m_browser->model()->rowCount() < 8); // it does filter
}

void TestSampleBrowser::demoOpensOnALabeledSample() {
    QVERIFY(open(m_scenes));
    const QModelIndex current = m_browser->gridView()->currentIndex();
    QCOMPARE(current.row(), 0);
    const QString status = current.data(models::SampleListModel::LabelStatusRole).toString();
    QVERIFY2(status != "UNLABELED"_L1 && status != "SKIPPED"_L1 && !status.isEmpty(),
             qPrintable(status));
}

void TestSampleBrowser::vectorThumbnailsDrawTheirShapes() {
    QVERIFY(open(m_shapes));
    models::SampleListModel *model = m_browser->model();
    QTRY_VERIFY(model->row(0));
    QVERIFY(!model->row(0)->vectorShapes); // listed without labels
    m_browser->findChild<QAbstractButton *>(u"labelOverlay"_s)->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(model->row(0) && model->row(0)->vectorShapes, 10000);
    const models::SampleRow row = *model->row(0);
    QVERIFY(!row.vectorShapes->annotations.isEmpty());
    const QImage thumb = [&] {
        QImage image;
        (void)QTest::qWaitFor(
            [&] {
                image = m_browser->thumbnails()->thumbnail(row.imageUrl);
                return !image.isNull();
            },
            10000);
        return image;
    }();
    QVERIFY(!thumb.isNull());
    QCOMPARE(models::thumbnailSourceSize(thumb), QSize(1280, 720));

    // The cell painted with labels on and off: on, pixels of the shapes' category colours.
    auto *delegate = qobject_cast<ui::SampleDelegate *>(m_browser->gridView()->itemDelegate());
    QVERIFY(delegate);
    const auto paint = [&] {
        QImage cell(QSize(300, 240), QImage::Format_RGB32);
        cell.fill(Qt::white);
        QPainter painter(&cell);
        QStyleOptionViewItem option;
        option.rect = cell.rect();
        option.palette = m_browser->palette();
        option.font = m_browser->font();
        option.fontMetrics = m_browser->fontMetrics();
        delegate->paint(&painter, option, model->index(0, 0));
        return cell;
    };
    QSet<QRgb> colours;
    for (const wire::Annotation &a : row.vectorShapes->annotations)
        colours.insert(m_shapes.taskAttributes->colorOf(a.categoryId).rgb() & 0xFFFFFF);
    const auto count = [&](const QImage &image) {
        int n = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                n += colours.contains(image.pixel(x, y) & 0xFFFFFF) ? 1 : 0;
        return n;
    };
    const int on = count(paint());
    m_browser->gridView()->viewport()->repaint();
    screenshot(m_browser.get(), u"browser-vector-labels"_s);
    delegate->setLabelOverlay(false, *m_shapes.taskAttributes);
    const int off = count(paint());
    QVERIFY2(on > off + 20, qPrintable(u"%1 on, %2 off"_s.arg(on).arg(off)));
}

void TestSampleBrowser::screenshotsAtScreenSizes() {
    // The grid, the table and the filmstrip at two screen sizes in both themes: the filmstrip
    // stays one row; with SEGSCOPE_SCREENSHOT_DIR each is kept as a picture to look at.
    for (const char *themeName : {ui::theme::Light, ui::theme::Dark}) {
        ui::theme::apply(QString::fromLatin1(themeName));
        const QString theme = QString::fromLatin1(themeName).toLower();
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            const QString suffix = u"%1x%2-%3"_s.arg(size.width()).arg(size.height()).arg(theme);
            m_browser->resize(size.width() / 2, size.height());
            settings::DatasetTableMode(m_scenes.fullName).set(false);
            QVERIFY(open(m_scenes));
            m_browser->findChild<QAbstractButton *>(u"labelOverlay"_s)->setChecked(true);
            QTRY_VERIFY_WITH_TIMEOUT(m_browser->model()->row(0) &&
                                         !m_browser->model()->row(0)->bitmapUrl.isEmpty(),
                                     10000);
            QTest::qWait(300); // thumbnails on their way (only the pictures need them)
            screenshot(m_browser.get(), u"browser-grid-"_s + suffix);
            m_browser->findChild<QAbstractButton *>(u"tableMode"_s)->setChecked(true);
            screenshot(m_browser.get(), u"browser-table-"_s + suffix);
            m_browser->findChild<QAbstractButton *>(u"tableMode"_s)->setChecked(false);
            m_browser->setFilmstrip(true);
            m_browser->resize(size.width(), m_browser->sizeHint().height());
            const QRect a = m_browser->gridView()->visualRect(m_browser->model()->index(0, 0));
            const QRect b = m_browser->gridView()->visualRect(m_browser->model()->index(5, 0));
            QCOMPARE(a.y(), b.y());
            screenshot(m_browser.get(), u"browser-filmstrip-"_s + suffix);
            m_browser->setFilmstrip(false);
            m_browser->resize(size.width() / 2, size.height());
            // Nothing matches: the message and its link, readable in both themes.
            auto *metadata = m_browser->findChild<QLineEdit *>(u"metadataFilter"_s);
            metadata->setText(u"weather:snow"_s);
            emit metadata->editingFinished();
            auto *message = m_browser->findChild<QLabel *>(u"sampleListMessage"_s);
            QTRY_VERIFY(message->text().contains(u"No samples match"_s));
            QVERIFY(message->isVisible());
            QCOMPARE(message->geometry().width(), m_browser->width());
            screenshot(m_browser.get(), u"browser-nomatch-"_s + suffix);
            emit message->linkActivated(u"clear"_s);
            QTRY_VERIFY(message->isHidden());
        }
    }
    ui::theme::apply(QString::fromLatin1(ui::theme::System));
}

SEGSCOPE_GUI_TEST_MAIN(TestSampleBrowser)
#include "tst_samplebrowser.moc"
