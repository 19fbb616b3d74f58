// The upload dialog offscreen against segscope-server in-process: inline validation before
// anything is sent, then a filled form submitted for real (image, typed metadata, priority, a
// label), and the new sample pinned and selected in the main window's list.
#include "support/serverfixture.h"
#include "support/testmain.h"
#include "support/uploadfiles.h"

#include "api/apiclient.h"
#include "api/datasetsapi.h"
#include "browse/samplebrowser.h"
#include "models/datasetlistmodel.h"
#include "shell/mainwindow.h"
#include "upload/uploadcontroller.h"
#include "upload/uploaddialog.h"
#include "upload/uploadqueue.h"

#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace segscope;
using segscope::test::ServerFixture;

class TestUploadDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void validatesBeforeSending();
    void duplicateNameIsRefused();
    void submitsTheFilledForm();
    void newSampleIsPinnedAndSelectedInTheWindow();
    void dropAndPasteInTheWindow();

private:
    std::unique_ptr<ui::UploadDialog> newDialog();
    //! The main window on demo/street-scenes, its first page listed.
    void openWindow(std::unique_ptr<ui::MainWindow> &window);
    QString errorsOf(const ui::UploadDialog &dialog) const;

    ServerFixture m_fixture;
    QTemporaryDir m_files;
    QString m_key;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<upload::UploadQueue> m_queue;
    wire::Dataset m_dataset;
};

void TestUploadDialog::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    server::ServerOptions options;
    options.demo = true;
    options.demoImages = 4;
    QString error;
    QVERIFY2(m_fixture.start(options, &error), qPrintable(error));
    m_key = m_fixture.server()->demoKey();
    api::ClientOptions client;
    client.baseUrl = m_fixture.baseUrl();
    client.apiKey = m_key;
    client.cacheDirectory = m_files.filePath(u"cache"_s);
    m_client = std::make_unique<api::ApiClient>(client);
    m_queue = std::make_unique<upload::UploadQueue>(*m_client, m_files.filePath(u"queue.json"_s));
    bool done = false;
    api::getDataset(*m_client, u"demo/street-scenes"_s, this, [&](api::Result<wire::Dataset> r) {
        QVERIFY(r.ok());
        m_dataset = r.value();
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QVERIFY(test::writeBytes(m_files.filePath(u"photo.jpg"_s), test::noiseJpeg(64, 48, 1)));
    QVERIFY(test::writeBytes(m_files.filePath(u"notes.jpg"_s), "just some text, not an image"));
    // A 64x48 bitmap: id 1 on the left half, id 2 on the right; annotations for both.
    QVERIFY(test::writeBytes(m_files.filePath(u"photo_label.png"_s),
                             test::idPng(64, 48, [](int x, int) { return x < 32 ? 1u : 2u; })));
    const qint64 category = m_dataset.taskAttributes->categories.first().id;
    QVERIFY(test::writeBytes(
        m_files.filePath(u"photo_label.json"_s),
        u"{\"annotations\": [{\"id\": 1, \"category_id\": %1}, {\"id\": 2, \"category_id\": %1}]}"_s
            .arg(category)
            .toUtf8()));
}

std::unique_ptr<ui::UploadDialog> TestUploadDialog::newDialog() {
    auto dialog = std::make_unique<ui::UploadDialog>(*m_client, *m_queue, m_dataset);
    dialog->show();
    return dialog;
}

QString TestUploadDialog::errorsOf(const ui::UploadDialog &dialog) const {
    QStringList shown;
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->isVisible() && label->styleSheet().contains(u"#c0392b"_s))
            shown.append(label->text());
    }
    return shown.join(u" | "_s);
}

void TestUploadDialog::validatesBeforeSending() {
    auto dialog = newDialog();
    // Nothing chosen: the image and the name are asked for.
    QVERIFY(!dialog->validate());
    QVERIFY2(errorsOf(*dialog).contains(u"choose an image file"_s), qPrintable(errorsOf(*dialog)));
    // A text file named .jpg is refused by its content, not its extension.
    dialog->setImageFile(m_files.filePath(u"notes.jpg"_s));
    QCOMPARE(dialog->findChild<QLineEdit *>(u"sampleName"_s)->text(), u"notes.jpg"_s);
    QVERIFY(!dialog->validate());
    QVERIFY2(errorsOf(*dialog).contains(u"JPEG, PNG or BMP"_s), qPrintable(errorsOf(*dialog)));
    // A bad URL.
    dialog->setImageUrl(QUrl(u"ftp://example.com/a.jpg"_s));
    QVERIFY(!dialog->validate());
    // Metadata typed as a number that is not one.
    dialog->setImageFile(m_files.filePath(u"photo.jpg"_s));
    auto *table = dialog->findChild<QTableWidget *>(u"metadataTable"_s);
    dialog->findChildren<QPushButton *>().constFirst(); // buttons exist
    for (QPushButton *b : dialog->findChildren<QPushButton *>()) {
        if (b->text() == "Add"_L1)
            b->click();
    }
    QCOMPARE(table->rowCount(), 1);
    table->item(0, 0)->setText(u"speed"_s);
    static_cast<QComboBox *>(table->cellWidget(0, 1))->setCurrentIndex(1);
    table->item(0, 2)->setText(u"fast"_s);
    QVERIFY(!dialog->validate());
    QVERIFY2(errorsOf(*dialog).contains(u"is not a number"_s), qPrintable(errorsOf(*dialog)));
    table->item(0, 2)->setText(u"12.5"_s);
    // A label whose bitmap does not match the image's size.
    QVERIFY(test::writeBytes(m_files.filePath(u"small_label.png"_s),
                             test::idPng(8, 8, [](int, int) { return 1u; })));
    dialog->findChild<QGroupBox *>(u"labelGroup"_s)->setChecked(true);
    dialog->findChild<QLineEdit *>(u"bitmapFile"_s)
        ->setText(m_files.filePath(u"small_label.png"_s));
    dialog->findChild<QLineEdit *>(u"annotationsFile"_s)
        ->setText(m_files.filePath(u"photo_label.json"_s));
    QVERIFY(!dialog->validate());
    QVERIFY2(errorsOf(*dialog).contains(u"8x8"_s) || errorsOf(*dialog).contains(u"size"_s),
             qPrintable(errorsOf(*dialog)));
    dialog->findChild<QGroupBox *>(u"labelGroup"_s)->setChecked(false);
    QVERIFY2(dialog->validate(), qPrintable(errorsOf(*dialog)));
    QCOMPARE(m_queue->items().size(), 0); // nothing was sent
}

void TestUploadDialog::duplicateNameIsRefused() {
    auto dialog = newDialog();
    dialog->setImageFile(m_files.filePath(u"photo.jpg"_s));
    QSignalSpy checked(dialog.get(), &ui::UploadDialog::nameChecked);
    dialog->findChild<QLineEdit *>(u"sampleName"_s)->setText(u"scene_0001.jpg"_s); // a demo sample
    QVERIFY(checked.wait(5000));
    QCOMPARE(checked.first().first().toBool(), false);
    QVERIFY(!dialog->validate());
    QVERIFY2(errorsOf(*dialog).contains(u"already has a sample named"_s),
             qPrintable(errorsOf(*dialog)));
    dialog->submit();
    QCOMPARE(m_queue->items().size(), 0);
}

void TestUploadDialog::submitsTheFilledForm() {
    auto dialog = newDialog();
    dialog->setImageFile(m_files.filePath(u"photo.jpg"_s));
    dialog->findChild<QLineEdit *>(u"sampleName"_s)->setText(u"added-by-dialog.jpg"_s);
    for (QPushButton *b : dialog->findChildren<QPushButton *>()) {
        if (b->text() == "Add"_L1) {
            b->click();
            b->click();
        }
    }
    auto *table = dialog->findChild<QTableWidget *>(u"metadataTable"_s);
    table->item(0, 0)->setText(u"weather"_s);
    table->item(0, 2)->setText(u"sunny"_s);
    table->item(1, 0)->setText(u"reviewed"_s);
    static_cast<QComboBox *>(table->cellWidget(1, 1))->setCurrentIndex(2);
    table->item(1, 2)->setText(u"yes"_s);
    dialog->findChild<QDoubleSpinBox *>(u"priority"_s)->setValue(3);
    dialog->findChild<QGroupBox *>(u"labelGroup"_s)->setChecked(true);
    dialog->findChild<QLineEdit *>(u"bitmapFile"_s)
        ->setText(m_files.filePath(u"photo_label.png"_s));
    dialog->findChild<QLineEdit *>(u"annotationsFile"_s)
        ->setText(m_files.filePath(u"photo_label.json"_s));

    if (const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR"); !dir.isEmpty())
        dialog->grab().save(dir + u"/upload-dialog.png"_s);
    QSignalSpy added(dialog.get(), &ui::UploadDialog::sampleAdded);
    dialog->findChild<QPushButton *>(u"addSampleButton"_s)->click();
    QVERIFY(dialog->findChild<QLabel *>(u"uploadStep"_s)->isVisible());
    QVERIFY(added.wait(20000));
    const QString uuid = added.first().first().toString();
    QVERIFY(!uuid.isEmpty());

    const test::HttpResult sample = m_fixture.http.get(u"/samples/%1/"_s.arg(uuid), m_key);
    QCOMPARE(sample.status, 200);
    QCOMPARE(sample.object()["name"_L1].toString(), u"added-by-dialog.jpg"_s);
    QCOMPARE(sample.object()["priority"_L1].toDouble(), 3.0);
    const QJsonObject metadata = sample.object()["metadata"_L1].toObject();
    QCOMPARE(metadata["weather"_L1].toString(), u"sunny"_s);
    QCOMPARE(metadata["reviewed"_L1].toBool(), true);
    // The image the server keeps is the file's bytes.
    QNetworkReply *reply = m_fixture.http.manager().get(
        QNetworkRequest(QUrl(sample.object()["attributes"_L1]["image"_L1]["url"_L1].toString())));
    const test::HttpResult image = test::HttpClient::finish(reply);
    QFile photo(m_files.filePath(u"photo.jpg"_s));
    QVERIFY(photo.open(QIODevice::ReadOnly));
    QCOMPARE(image.body, photo.readAll());
    // And its label, with the bitmap.
    const test::HttpResult label =
        m_fixture.http.get(u"/labels/%1/ground-truth/"_s.arg(uuid), m_key);
    QCOMPARE(label.status, 200);
    QCOMPARE(label.object()["attributes"_L1]["annotations"_L1].toArray().size(), 2);
    QVERIFY(
        !label.object()["attributes"_L1]["segmentation_bitmap"_L1]["url"_L1].toString().isEmpty());
}

void TestUploadDialog::openWindow(std::unique_ptr<ui::MainWindow> &window) {
    qputenv("SEGMENTS_API_KEY", m_key.toUtf8());
    ui::StartOptions start;
    start.server = m_fixture.baseUrl();
    start.dataset = u"demo/street-scenes"_s;
    window = std::make_unique<ui::MainWindow>(start);
    window->resize(1400, 850);
    window->show();
    auto *browser = window->findChild<ui::SampleBrowser *>(u"sampleBrowser"_s);
    QTRY_VERIFY_WITH_TIMEOUT(browser->model()->row(0) != nullptr, 15000);
}

void TestUploadDialog::newSampleIsPinnedAndSelectedInTheWindow() {
    std::unique_ptr<ui::MainWindow> owned;
    openWindow(owned);
    if (QTest::currentTestFailed())
        return;
    ui::MainWindow &window = *owned;
    auto *browser = window.findChild<ui::SampleBrowser *>(u"sampleBrowser"_s);
    const int before = browser->model()->rowCount();
    auto *controller = window.findChild<ui::UploadController *>();
    QVERIFY(controller);
    controller->openDialog(&window, m_files.filePath(u"photo.jpg"_s));
    ui::UploadDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<ui::UploadDialog *>()) != nullptr);
    dialog->findChild<QLineEdit *>(u"sampleName"_s)->setText(u"pinned.jpg"_s);
    dialog->findChild<QPushButton *>(u"addSampleButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(browser->model()->rowCount(), before + 1, 20000);
    QCOMPARE(browser->model()->row(0)->name, u"pinned.jpg"_s);
    QTRY_COMPARE_WITH_TIMEOUT(browser->currentUuid(), browser->model()->row(0)->uuid, 5000);
    // The dataset list's count follows the server: one more sample than when it was listed.
    auto *datasets = window.findChild<QTreeView *>(u"datasetList"_s);
    QModelIndex countCell;
    for (int r = 0; r < datasets->model()->rowCount(); ++r) {
        if (datasets->model()->index(r, 0).data().toString() == "demo/street-scenes"_L1)
            countCell = datasets->model()->index(r, models::DatasetListModel::SamplesColumn);
    }
    QVERIFY(countCell.isValid());
    const qint64 onServer = m_fixture.http.get(u"/datasets/demo/street-scenes/"_s, m_key)
                                .object()["samples_count"_L1]
                                .toInteger();
    QVERIFY(onServer > 0);
    QTRY_COMPARE_WITH_TIMEOUT(countCell.data().toString(), QLocale().toString(onServer), 10000);
}

// Several files dropped on the window go to the bulk queue (shown in the Uploads panel, each
// added once); a pasted image opens the dialog on a PNG of it.
void TestUploadDialog::dropAndPasteInTheWindow() {
    std::unique_ptr<ui::MainWindow> owned;
    openWindow(owned);
    if (QTest::currentTestFailed())
        return;
    ui::MainWindow &window = *owned;
    auto *browser = window.findChild<ui::SampleBrowser *>(u"sampleBrowser"_s);
    const int before = browser->model()->rowCount();

    QVERIFY(test::writeBytes(m_files.filePath(u"drop/first.jpg"_s), test::noiseJpeg(40, 30, 7)));
    QVERIFY(
        test::writeBytes(m_files.filePath(u"drop/second.png"_s), test::plainImage(30, 20, "PNG")));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(m_files.filePath(u"drop/first.jpg"_s)),
                  QUrl::fromLocalFile(m_files.filePath(u"drop/second.png"_s))});
    QDragEnterEvent enter(QPoint(700, 400), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(700, 400), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QCoreApplication::sendEvent(&window, &drop);
    auto *panel = window.findChild<QWidget *>(u"uploadPanel"_s);
    QTRY_VERIFY(panel->isVisible());
    upload::UploadQueue *queue = window.findChild<ui::UploadController *>()->queue();
    const auto dropped = [&] {
        int done = 0;
        for (const upload::UploadItem &item : queue->items()) {
            if (item.filePath.contains(u"/drop/"_s) &&
                item.state == upload::UploadItem::State::Done)
                ++done;
        }
        return done;
    };
    QTRY_COMPARE_WITH_TIMEOUT(dropped(), 2, 20000);
    // The dock is sized to its two rows, not to a quarter of the window.
    QVERIFY2(panel->height() < window.height() / 4,
             qPrintable(u"%1 of %2"_s.arg(panel->height()).arg(window.height())));
    auto *summary = window.findChild<QLabel *>(u"uploadSummary"_s);
    QVERIFY2(summary->text().contains(u"added"_s), qPrintable(summary->text()));
    QTRY_COMPARE_WITH_TIMEOUT(browser->model()->rowCount(), before + 2, 10000);
    QCOMPARE(m_fixture.http
                 .get(u"/datasets/demo/street-scenes/samples/?name__contains=first.jpg"_s, m_key)
                 .array()
                 .size(),
             1);

    QImage image(24, 16, QImage::Format_RGB32);
    image.fill(QColor(20, 120, 220));
    QGuiApplication::clipboard()->setImage(image);
    QTest::keyClick(&window, Qt::Key_V, Qt::ControlModifier);
    ui::UploadDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<ui::UploadDialog *>()) != nullptr);
    const QString pasted = dialog->findChild<QLineEdit *>(u"imageFile"_s)->text();
    QVERIFY2(pasted.endsWith(u".png"_s), qPrintable(pasted));
    QCOMPARE(QImage(pasted).size(), QSize(24, 16));
    QVERIFY2(dialog->validate(), "a pasted image is a valid sample");
    dialog->close();
}

SEGSCOPE_GUI_TEST_MAIN(TestUploadDialog)
#include "tst_uploaddialog.moc"
