#pragma once

namespace segscope::cli {

//! True when `argument` (argv[1]) names a headless command; main() then calls run().
bool isHeadlessCommand(const char *argument);

//! Runs the headless command in argv[1] under a QCoreApplication (no display needed) and
//! returns the exit status: 0 success, 1 failure, 2 usage error.
int run(int argc, char **argv);

} // namespace segscope::cli
