#include "cliprocess.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;

namespace segscope::test {

QStringList CliRun::lines() const {
    QStringList result = QString::fromUtf8(out).split(u'\n');
    if (!result.isEmpty() && result.last().isEmpty())
        result.removeLast();
    return result;
}

QProcessEnvironment cliEnvironment(const QString &home, const QString &key) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"SEGMENTS_API_KEY"_s);
    if (!key.isEmpty())
        env.insert(u"SEGMENTS_API_KEY"_s, key);
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
    env.insert(u"XDG_CACHE_HOME"_s, home + u"/cache"_s);
    env.remove(u"QT_QPA_PLATFORM"_s); // headless: no display is needed
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    return env;
}

CliRun finishCli(QProcess &process, int timeoutMs) {
    CliRun result;
    if (!process.waitForStarted(timeoutMs))
        return result;
    QSignalSpy finished(&process, &QProcess::finished);
    if (process.state() != QProcess::NotRunning && !finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

CliRun runCli(const QString &binary, const QStringList &args, const QProcessEnvironment &env,
              const QString &workingDirectory, int timeoutMs) {
    QProcess process;
    process.setProcessEnvironment(env);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(binary, args);
    return finishCli(process, timeoutMs);
}

} // namespace segscope::test
