#pragma once

#include <QObject>
#include <QProcess>
#include <QUrl>

namespace segscope::ui {

//! The embedded demo: runs `segscope-server --demo` as a child process on 127.0.0.1:0 with its
//! data in the user's data folder (generated once), and reports the URL and the demo key it
//! printed. The key travels over the pipe only; it is never logged or written anywhere.
class DemoServerProcess : public QObject {
    Q_OBJECT

public:
    explicit DemoServerProcess(QObject *parent = nullptr);
    ~DemoServerProcess() override;

    void start();
    //! Asks the server to stop (SIGTERM) and waits briefly; it commits every write it answered.
    void stop();

    static QString serverExecutable();
    static QString dataDirectory();

signals:
    void ready(const QUrl &baseUrl, const QString &apiKey);
    void failed(const QString &message);

private:
    void readOutput();

    QProcess m_process;
    QByteArray m_buffer;
    QByteArray m_errors; //!< the tail of the server's stderr
    QUrl m_url;
    bool m_reported = false;
};

} // namespace segscope::ui
