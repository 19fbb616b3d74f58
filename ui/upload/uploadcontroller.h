#pragma once

#include "wire/dataset.h"
#include "wire/sample.h"

#include <QObject>
#include <QUrl>

#include <memory>

class QImage;
class QMimeData;
class QWidget;

namespace segscope::api {
class ApiClient;
}
namespace segscope::upload {
class UploadQueue;
}

namespace segscope::ui {

//! Where samples come in: the upload dialog, dropped files and URLs, a pasted image, and the
//! bulk queue behind them. Owns one persisted queue per server (so an interrupted bulk run
//! resumes on the next start, against the server it was meant for) and reports each sample
//! that was added, for the browser to show.
class UploadController : public QObject {
    Q_OBJECT

public:
    explicit UploadController(QObject *parent = nullptr);
    ~UploadController() override;

    //! The connection to upload to (nullptr: none); resumes what this server's queue left.
    void setClient(api::ApiClient *client, const QUrl &baseUrl);
    void setDataset(const wire::Dataset &dataset) { m_dataset = dataset; }
    upload::UploadQueue *queue() const { return m_queue.get(); }

    //! The dialog, prefilled with a file or a URL when given.
    void openDialog(QWidget *parent, const QString &file = {}, const QUrl &url = {});
    //! What was dropped: one image opens the dialog prefilled, several go to the bulk queue.
    bool canAccept(const QMimeData *mime) const;
    void acceptDrop(QWidget *parent, const QMimeData *mime);
    //! An image from the clipboard: saved as a PNG, then the dialog opens on it.
    void pasteImage(QWidget *parent, const QImage &image);
    //! Queues files for the current dataset (the bulk path).
    void enqueueFiles(const QStringList &paths, const QList<QUrl> &urls);

    //! Where the queue of `baseUrl` is kept.
    static QString stateFileFor(const QUrl &baseUrl);

signals:
    //! A sample now exists on the server (fetched in full, for the list); `select` when the
    //! user added it through the dialog (bulk additions do not move the selection).
    void sampleAdded(const segscope::wire::Sample &sample, bool select);
    //! The bulk queue has work to show.
    void bulkStarted();
    void message(const QString &text);

private:
    void onItemChanged(const QString &id);

    api::ApiClient *m_client = nullptr;
    std::unique_ptr<upload::UploadQueue> m_queue;
    wire::Dataset m_dataset;
};

} // namespace segscope::ui
