#pragma once

namespace segscope::ui {

//! The GUI front end: segscope [--demo] [--server URL] [--profile NAME] [--dataset OWNER/NAME]
//! [--sample UUID]. Builds the QApplication, reads the command line and runs the main window;
//! returns the exit status (2 for a usage error).
int runGui(int argc, char **argv);

} // namespace segscope::ui
