#include "shell/guiapplication.h"
#include "settings/settingsdialog.h"
#include "shell/mainwindow.h"

#include "api/connectionprofile.h"
#include "application.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

struct GuiOptions {
    QCommandLineOption demo{u"demo"_s, u"Open the embedded demo."_s};
    QCommandLineOption server{u"server"_s, u"The API base URL."_s, u"URL"_s};
    QCommandLineOption profile{u"profile"_s, u"A saved connection profile."_s, u"NAME"_s};
    QCommandLineOption dataset{u"dataset"_s, u"Open this dataset."_s, u"OWNER/NAME"_s};
    QCommandLineOption sample{u"sample"_s, u"Open straight at this sample (and its dataset)."_s,
                              u"UUID"_s};
};

GuiOptions addGuiOptions(QCommandLineParser &parser) {
    parser.setApplicationDescription(u"Browse Segments.ai datasets and inspect their labels."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    GuiOptions o;
    parser.addOptions({o.demo, o.server, o.profile, o.dataset, o.sample});
    return o;
}

//! --help or --version among the arguments: answered without a window, so without a display.
bool asksOnlyForText(int argc, char **argv) {
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "-?" || arg == "--help-all" ||
            arg == "--version" || arg == "-v")
            return true;
    }
    return false;
}

} // namespace

int runGui(int argc, char **argv) {
    if (asksOnlyForText(argc, argv)) {
        // QCommandLineParser prints the text and exits; a QApplication would first look for a
        // display and abort over SSH or in a container.
        QCoreApplication core(argc, argv);
        setApplicationIdentity();
        QCommandLineParser parser;
        addGuiOptions(parser);
        parser.process(core);
        return 0;
    }
    QApplication app(argc, argv);
    setApplicationIdentity();
    QApplication::setDesktopFileName(applicationId());
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256}) {
        icon.addFile(u":/icons/hicolor/%1x%1/apps/%2.png"_s.arg(size).arg(applicationId()),
                     QSize(size, size));
    }
    QApplication::setWindowIcon(QIcon::fromTheme(applicationId(), icon));
    SettingsDialog::applyStoredTheme();

    QCommandLineParser parser;
    const GuiOptions o = addGuiOptions(parser);
    const QCommandLineOption &demo = o.demo, &server = o.server, &profile = o.profile,
                             &dataset = o.dataset, &sample = o.sample;
    parser.process(app);

    StartOptions options;
    options.demo = parser.isSet(demo);
    options.dataset = parser.value(dataset);
    options.sample = parser.value(sample).trimmed();
    options.profile = parser.value(profile);
    if (parser.isSet(server)) {
        options.server = parseServerUrl(parser.value(server));
        if (options.server.isEmpty()) {
            std::fprintf(stderr, "segscope: --server wants an http(s) URL such as "
                                 "https://api.segments.ai\n");
            return 2;
        }
    } else if (parser.isSet(profile)) {
        const auto found = api::ProfileStore().find(options.profile);
        if (!found) {
            std::fprintf(stderr, "segscope: no profile named %s\n", qPrintable(options.profile));
            return 2;
        }
        options.server = found->baseUrl;
    }
    MainWindow window(options);
    window.show();
    return QApplication::exec();
}

} // namespace segscope::ui
