#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace segscope::upload {
class UploadQueue;
}

namespace segscope::ui {

//! The steps of one upload as the queue runs them: a line saying which step runs (or how it
//! ended) and a progress bar with the bytes sent. Shows nothing until follow().
class UploadProgressView : public QWidget {
    Q_OBJECT

public:
    explicit UploadProgressView(upload::UploadQueue &queue, QWidget *parent = nullptr);

    //! Shows the progress of the queue's item `id` from now on, until it ends.
    void follow(const QString &id);
    //! The item followed, "" once it ended.
    QString itemId() const { return m_itemId; }

signals:
    //! The item's sample (and label) exist: `uuid` names the sample.
    void succeeded(const QString &uuid);
    //! The item ended without its sample (skipped, failed or stopped); the line says why.
    void ended();

private:
    void onItemChanged(const QString &id);
    void onProgress(const QString &id, qint64 sent, qint64 total);
    void setRunning(bool running);

    upload::UploadQueue &m_queue;
    QString m_itemId;
    QLabel *m_step;
    QProgressBar *m_progress;
};

} // namespace segscope::ui
