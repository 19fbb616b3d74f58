// The segscope executable: argument dispatch only. Headless commands (segscope datasets,
// samples, label, ...) run under QCoreApplication in segscope::cli; anything else is the GUI.
#include "api/connectionprofile.h"
#include "cli/cli.h"
#include "mainwindow.h"
#include "settingsdialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// The GUI: segscope [--demo] [--server URL] [--profile NAME] [--dataset OWNER/NAME] [--sample UUID]
int runGui(int argc, char **argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"segscope"_s);
    QApplication::setOrganizationName(u"Segscope"_s);
    QApplication::setApplicationVersion(QStringLiteral(SEGSCOPE_VERSION));
    QApplication::setDesktopFileName(u"ai.segscope.Segscope"_s);
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256}) {
        icon.addFile(u":/icons/hicolor/%1x%1/apps/ai.segscope.Segscope.png"_s.arg(size),
                     QSize(size, size));
    }
    QApplication::setWindowIcon(QIcon::fromTheme(u"ai.segscope.Segscope"_s, icon));
    segscope::ui::SettingsDialog::applyStoredTheme();

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Browse Segments.ai datasets and inspect their labels."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(u"demo"_s, u"Open the embedded demo."_s);
    const QCommandLineOption server(u"server"_s, u"The API base URL."_s, u"URL"_s);
    const QCommandLineOption profile(u"profile"_s, u"A saved connection profile."_s, u"NAME"_s);
    const QCommandLineOption dataset(u"dataset"_s, u"Open this dataset."_s, u"OWNER/NAME"_s);
    const QCommandLineOption sample(
        u"sample"_s, u"Open straight at this sample (and its dataset)."_s, u"UUID"_s);
    parser.addOptions({demo, server, profile, dataset, sample});
    parser.process(app);

    segscope::ui::StartOptions options;
    options.demo = parser.isSet(demo);
    options.dataset = parser.value(dataset);
    options.sample = parser.value(sample).trimmed();
    options.profile = parser.value(profile);
    if (parser.isSet(server)) {
        options.server = QUrl(parser.value(server), QUrl::StrictMode);
        if (!options.server.isValid() || options.server.scheme().isEmpty()) {
            std::fprintf(stderr,
                         "segscope: --server wants a URL such as https://api.segments.ai\n");
            return 2;
        }
    } else if (parser.isSet(profile)) {
        const auto found = segscope::api::ProfileStore().find(options.profile);
        if (!found) {
            std::fprintf(stderr, "segscope: no profile named %s\n", qPrintable(options.profile));
            return 2;
        }
        options.server = found->baseUrl;
    }
    segscope::ui::MainWindow window(options);
    window.show();
    return app.exec();
}

} // namespace

int main(int argc, char **argv) {
    if (argc > 1 && segscope::cli::isHeadlessCommand(argv[1]))
        return segscope::cli::run(argc, argv);
    return runGui(argc, argv);
}
