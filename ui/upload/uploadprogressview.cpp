#include "upload/uploadprogressview.h"

#include "upload/uploadqueue.h"

#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

UploadProgressView::UploadProgressView(upload::UploadQueue &queue, QWidget *parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_step(new QLabel(this))
    , m_progress(new QProgressBar(this)) {
    m_step->setObjectName(u"uploadStep"_s);
    m_progress->setObjectName(u"uploadProgress"_s);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_step->hide();
    hide(); // takes no room in the form until there is something to show
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_step);
    layout->addWidget(m_progress);
    connect(&m_queue, &upload::UploadQueue::itemChanged, this, &UploadProgressView::onItemChanged);
    connect(&m_queue, &upload::UploadQueue::progress, this, &UploadProgressView::onProgress);
}

void UploadProgressView::follow(const QString &id) {
    m_itemId = id;
    m_step->setText(tr("Starting…"));
    m_step->setStyleSheet(QString());
    m_progress->setRange(0, 0);
    setRunning(true);
}

void UploadProgressView::setRunning(bool running) {
    const bool showStep = running || !m_step->text().isEmpty();
    m_step->setVisible(showStep);
    m_progress->setVisible(running);
    setVisible(showStep || running);
}

void UploadProgressView::onProgress(const QString &id, qint64 sent, qint64 total) {
    if (id != m_itemId || total <= 0)
        return;
    m_progress->setRange(0, 1000);
    m_progress->setValue(int(sent * 1000 / total));
    m_progress->setFormat(
        tr("%1 of %2").arg(QLocale().formattedDataSize(sent), QLocale().formattedDataSize(total)));
}

void UploadProgressView::onItemChanged(const QString &id) {
    if (id != m_itemId)
        return;
    const std::optional<upload::UploadItem> item = m_queue.item(id);
    if (!item)
        return;
    using State = upload::UploadItem::State;
    switch (item->state) {
    case State::Queued:
        m_step->setText(tr("Waiting for the uploads before it…"));
        break;
    case State::CheckingName:
        m_step->setText(tr("Checking that the name is free…"));
        break;
    case State::CreatingAsset:
        m_step->setText(tr("Step 1 of 4: creating the asset…"));
        break;
    case State::Uploading:
        m_step->setText(tr("Step 2 of 4: uploading the image…"));
        break;
    case State::CreatingSample:
        m_step->setText(tr("Step 3 of 4: creating the sample…"));
        m_progress->setRange(0, 0);
        break;
    case State::UploadingBitmap:
        m_step->setText(tr("Step 4 of 4: uploading the label bitmap…"));
        break;
    case State::PuttingLabel:
        m_step->setText(tr("Step 4 of 4: saving the label…"));
        m_progress->setRange(0, 0);
        break;
    case State::Done:
        m_itemId.clear();
        emit succeeded(item->sampleUuid);
        break;
    case State::Skipped:
    case State::Failed:
    case State::Cancelled:
        m_itemId.clear();
        m_step->setText(item->state == State::Cancelled ? tr("Stopped: nothing more was sent.")
                                                        : tr("Not added: %1").arg(item->error));
        // The form's error colour: a failure reads like the field errors above it.
        m_step->setStyleSheet(item->state == State::Cancelled ? QString() : u"color: #c0392b"_s);
        setRunning(false);
        emit ended();
        break;
    }
}

} // namespace segscope::ui
