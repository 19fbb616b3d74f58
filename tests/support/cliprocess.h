#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace segscope::test {

//! What a run of the `segscope` binary gave.
struct CliRun {
    int exitCode = -1; //!< -1: did not start or did not end in time; -2: crashed
    QByteArray out;
    QByteArray err;
    //! stdout as lines, without the empty one after the last newline.
    QStringList lines() const;
};

//! The environment of a headless run: this process's, with a private HOME, config and cache
//! under `home` (the binary must not read the developer's profiles or caches), no display,
//! and SEGMENTS_API_KEY set to `key` (unset when empty).
QProcessEnvironment cliEnvironment(const QString &home, const QString &key);

//! Waits for a started process with the event loop running (the tests' servers answer on this
//! thread), killing it after `timeoutMs`, and collects what it wrote.
CliRun finishCli(QProcess &process, int timeoutMs = 30000);

//! Runs `binary args` in `env` (and `workingDirectory`, when given) to completion.
CliRun runCli(const QString &binary, const QStringList &args, const QProcessEnvironment &env,
              const QString &workingDirectory = {}, int timeoutMs = 30000);

} // namespace segscope::test
