// The client against a stand-in for the real service that answers with the API documentation's
// examples and the SDK-shaped fixtures (tests/support/docsstandin.h): the headless commands and
// the GUI read them and show them, as a new user connecting to Segments.ai would see them.
#include "support/cliprocess.h"
#include "support/docsstandin.h"
#include "support/mainwindowdriver.h"
#include "support/testmain.h"

#include "browse/samplebrowser.h"
#include "browse/samplegridview.h"
#include "detail/detailpane.h"
#include "detail/imagecanvas.h"
#include "models/samplelistmodel.h"
#include "models/sampleloader.h"

#include <QJsonDocument>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope;
using test::DocsStandIn;

namespace {

constexpr int Bound = 30000;
const QString Key = u"docs-standin-key"_s;

} // namespace

class TestDocsStandIn : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void samplesCommand();
    void labelCommand();
    void renderFromTheServer();
    void guiOpensTheDataset();

private:
    test::CliRun run(QStringList args);

    DocsStandIn m_standIn;
    QTemporaryDir m_home;
    test::MainWindowDriver m_driver;
};

void TestDocsStandIn::initTestCase() {
    QVERIFY(m_standIn.listen());
    QVERIFY(m_home.isValid());
}

void TestDocsStandIn::cleanup() {
    m_driver.close();
}

test::CliRun TestDocsStandIn::run(QStringList args) {
    args << u"--server"_s << m_standIn.url().toString();
    return test::runCli(QStringLiteral(SEGSCOPE_CLI_BINARY), args,
                        test::cliEnvironment(m_home.path(), Key), {}, Bound);
}

// The first failure: "[0].metadata: required field is missing".
void TestDocsStandIn::samplesCommand() {
    const test::CliRun plain = run({u"samples"_s, DocsStandIn::Dataset});
    QVERIFY2(plain.exitCode == 0, plain.err.constData());
    const QStringList lines = plain.lines();
    QCOMPARE(lines.size(), m_standIn.samples().size());
    QVERIFY2(lines.first().startsWith(QString(DocsStandIn::DocsSample) + u"\timage.png"_s),
             qPrintable(lines.first()));

    const test::CliRun json = run({u"samples"_s, DocsStandIn::Dataset, u"--json"_s});
    QVERIFY2(json.exitCode == 0, json.err.constData());
    const QJsonArray list = QJsonDocument::fromJson(json.out).array();
    QCOMPARE(list.size(), m_standIn.samples().size());
    // Every kind the SDK allows is listed and written back with its attributes as they came.
    for (qsizetype i = 0; i < list.size(); ++i) {
        QCOMPARE(list.at(i)["uuid"_L1], m_standIn.samples().at(i)["uuid"_L1]);
        QCOMPARE(list.at(i)["attributes"_L1], m_standIn.samples().at(i)["attributes"_L1]);
    }
    QCOMPARE(list.first()["data_type"_L1].toString(), u"IMAGE"_s);
}

// The second failure: "sample_uuid: required field is missing".
void TestDocsStandIn::labelCommand() {
    const test::CliRun r = run({u"label"_s, DocsStandIn::DocsSample});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject label = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(label["label_status"_L1].toString(), u"LABELED"_s);
    QCOMPARE(label["attributes"_L1]["annotations"_L1][0]["category_id"_L1].toInt(-1), 0);
    // A sample with no label: the API's 404, said plainly.
    const test::CliRun none = run({u"label"_s, u"4f7c2a10-0000-4000-8000-000000000104"_s});
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains("ot found"), none.err.constData());
}

// The documentation's sample does not name its dataset (no dataset_full_name): render says so,
// and takes it from --dataset OWNER/NAME.
void TestDocsStandIn::renderFromTheServer() {
    const QString out = m_home.filePath(u"docs-label.png"_s);
    const QStringList args{u"render"_s, u"--sample"_s,   DocsStandIn::DocsSample, u"--out"_s,
                           out,         u"--no-image"_s, u"--opacity"_s,          u"1"_s};
    const test::CliRun unnamed = run(args);
    QCOMPARE(unnamed.exitCode, 1);
    QVERIFY2(unnamed.err.contains("--dataset OWNER/NAME"), unnamed.err.constData());
    QVERIFY(!QFile::exists(out));
    const test::CliRun r = run(args + QStringList{u"--dataset"_s, DocsStandIn::Dataset});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QImage image(out);
    QCOMPARE(image.size(), QSize(64, 48));
    const QRect instance = DocsStandIn::instanceRect();
    QCOMPARE(image.pixel(instance.center()), DocsStandIn::flowerColor());
    QCOMPARE(qAlpha(image.pixel(instance.bottomRight() + QPoint(4, 4))), 0);
}

void TestDocsStandIn::guiOpensTheDataset() {
    qputenv("SEGMENTS_API_KEY", Key.toUtf8());
    test::MainWindowDriver::clearSettings();
    ui::StartOptions options;
    options.server = m_standIn.url();
    options.dataset = DocsStandIn::Dataset;
    // Opened at the SDK's minimal sample, which (like the docs' one) does not name its dataset:
    // --dataset says it.
    options.sample = DocsStandIn::SdkSample;
    QVERIFY(m_driver.open(options));
    QVERIFY(m_driver.waitForDataset(DocsStandIn::Dataset, Bound));
    models::SampleListModel *model = m_driver.browser()->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), int(m_standIn.samples().size()), Bound);
    QCOMPARE(model->row(0)->name, u"image.png"_s);

    QVERIFY(m_driver.waitForShown(DocsStandIn::SdkSample, Bound));
    QVERIFY(m_driver.detail()->loadedSample()->label.has_value());
    QVERIFY(!m_driver.window()->statusBar()->currentMessage().contains(u"Could not"_s));

    // The documentation's sample with the documentation's label, drawn over its image.
    QAbstractItemView *grid = m_driver.browser()->gridView();
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {},
                      grid->visualRect(model->index(0, 0)).center());
    QVERIFY(m_driver.waitForShown(DocsStandIn::DocsSample, Bound));
    const auto loaded = m_driver.detail()->loadedSample();
    QVERIFY2(loaded->imageError.isEmpty(), qPrintable(loaded->imageError));
    QVERIFY2(loaded->labelError.isEmpty(), qPrintable(loaded->labelError));
    QVERIFY2(loaded->bitmapError.isEmpty(), qPrintable(loaded->bitmapError));
    QCOMPARE(loaded->image.size(), QSize(64, 48));
    QVERIFY(loaded->label.has_value());
    QCOMPARE(loaded->label->labelStatus, u"LABELED"_s);
    QVERIFY(loaded->overlay != nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(!m_driver.canvas()->overlayPending(), Bound);
    const QImage shown = m_driver.canvas()->renderFullResolution();
    const QRect instance = DocsStandIn::instanceRect();
    const QColor inside = QColor::fromRgb(shown.pixel(instance.center()));
    const QColor outside = QColor::fromRgb(loaded->image.pixel(instance.center()));
    // Category 0 is red: the overlay makes the pixel redder than the image's own.
    QVERIFY2(inside.red() > outside.red() + 40,
             qPrintable(u"%1 over %2"_s.arg(inside.name(), outside.name())));

    // To look at what a user sees: SEGSCOPE_TEST_SHOTS=DIR keeps a picture of the window.
    if (const QString dir = qEnvironmentVariable("SEGSCOPE_TEST_SHOTS"); !dir.isEmpty()) {
        m_driver.window()->resize(1366, 768);
        QTest::qWait(500);
        QVERIFY(m_driver.window()->grab().save(dir + u"/docs-standin.png"_s));
    }
}

SEGSCOPE_GUI_TEST_MAIN(TestDocsStandIn)
#include "tst_docs_standin.moc"
