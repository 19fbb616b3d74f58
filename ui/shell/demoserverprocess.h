#pragma once

#include <QObject>
#include <QProcess>
#include <QSocketNotifier>
#include <QUrl>

namespace segscope::ui {

//! The embedded demo: runs `segscope-server --demo` as a child process on 127.0.0.1:0 with its
//! data in the user's data folder (generated once), and reports the URL and the demo key. They
//! come as one JSON line through a pipe of their own (`--ready-fd 3`), not from the server's log
//! text; the key is never logged or written anywhere.
class DemoServerProcess : public QObject {
    Q_OBJECT

public:
    explicit DemoServerProcess(QObject *parent = nullptr);
    ~DemoServerProcess() override;

    //! Scenes drawn into demo/street-scenes on the first start (the server's default when 0).
    void setSceneCount(int count) { m_sceneCount = count; }
    void start();
    //! Asks the server to stop (SIGTERM) and waits briefly; it commits every write it answered.
    void stop();

    static QString serverExecutable();
    static QString dataDirectory();

signals:
    void ready(const QUrl &baseUrl, const QString &apiKey);
    void failed(const QString &message);

private:
    void readReady();
    void closeReadyChannel();

    QProcess m_process;
    int m_readyFd = -1; //!< our end of the ready pipe
    QSocketNotifier *m_readyNotifier = nullptr;
    QByteArray m_buffer;
    QByteArray m_errors; //!< the tail of the server's stderr
    bool m_reported = false;
    int m_sceneCount = 0;
};

} // namespace segscope::ui
