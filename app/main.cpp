// The segscope executable: argument dispatch only. A headless command (segscope datasets,
// samples, label, render, upload, evaluate, review, help) goes to the command-line front end
// (app/cli), anything else to the GUI (ui/).
#include "cli/cli.h"
#include "shell/guiapplication.h"

int main(int argc, char **argv) {
    if (argc > 1 && segscope::cli::isHeadlessCommand(argv[1]))
        return segscope::cli::run(argc, argv);
    return segscope::ui::runGui(argc, argv);
}
