#include "upload/uploadpanel.h"

#include "upload/uploadqueue.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

enum Column { NameColumn, DatasetColumn, StateColumn, ProgressColumn, ReasonColumn };

} // namespace

UploadPanel::UploadPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QTreeWidget(this))
    , m_summary(new QLabel(this)) {
    setObjectName(u"uploadPanel"_s);
    m_list->setObjectName(u"uploadList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels(
        {tr("Sample"), tr("Dataset"), tr("Step"), tr("Progress"), tr("Reason")});
    m_list->header()->setSectionResizeMode(ReasonColumn, QHeaderView::Stretch);
    m_summary->setObjectName(u"uploadSummary"_s);
    auto *cancel = new QPushButton(tr("Cancel All"), this);
    auto *clear = new QPushButton(tr("Clear Finished"), this);
    connect(cancel, &QPushButton::clicked, this, [this] {
        if (m_queue)
            m_queue->cancelAll();
    });
    connect(clear, &QPushButton::clicked, this, [this] {
        if (m_queue) {
            m_queue->clearFinished();
            rebuild();
        }
    });
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(cancel);
    bar->addWidget(clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_list, 1);
}

void UploadPanel::setQueue(upload::UploadQueue *queue) {
    if (m_queue)
        disconnect(m_queue, nullptr, this, nullptr);
    m_queue = queue;
    if (m_queue) {
        connect(m_queue, &upload::UploadQueue::itemChanged, this, &UploadPanel::update);
        connect(m_queue, &upload::UploadQueue::progress, this,
                [this](const QString &id, qint64 sent, qint64 total) {
                    if (QTreeWidgetItem *item = m_items.value(id); item && total > 0) {
                        item->setText(ProgressColumn, tr("%1 % of %2")
                                                          .arg(sent * 100 / total)
                                                          .arg(QLocale().formattedDataSize(total)));
                    }
                });
        connect(m_queue, &QObject::destroyed, this, [this] {
            m_queue = nullptr;
            rebuild();
        });
    }
    rebuild();
}

void UploadPanel::rebuild() {
    m_list->clear();
    m_items.clear();
    if (m_queue) {
        for (const upload::UploadItem &item : m_queue->items())
            update(item.id);
    }
    updateSummary();
}

void UploadPanel::update(const QString &id) {
    const std::optional<upload::UploadItem> item = m_queue ? m_queue->item(id) : std::nullopt;
    if (!item)
        return;
    QTreeWidgetItem *row = m_items.value(id);
    if (!row) {
        row = new QTreeWidgetItem(m_list);
        m_items.insert(id, row);
        row->setText(NameColumn, item->sampleName.isEmpty() ? QFileInfo(item->filePath).fileName()
                                                            : item->sampleName);
        row->setToolTip(NameColumn,
                        item->filePath.isEmpty() ? item->imageUrl.toString() : item->filePath);
        row->setText(DatasetColumn, item->dataset);
    }
    row->setText(StateColumn, upload::stateText(item->state));
    row->setText(ReasonColumn, item->error);
    using State = upload::UploadItem::State;
    if (item->state == State::Done)
        row->setText(ProgressColumn, tr("done"));
    const QColor colour = item->state == State::Failed    ? QColor(0xc0, 0x39, 0x2b)
                          : item->state == State::Skipped ? QColor(0x9a, 0x6b, 0x00)
                                                          : palette().color(QPalette::Text);
    for (int c = 0; c < m_list->columnCount(); ++c)
        row->setForeground(c, colour);
    updateSummary();
}

QSize UploadPanel::sizeHint() const {
    const int rows = std::clamp(m_list->topLevelItemCount(), 2, 5);
    const int rowHeight = std::max(m_list->sizeHintForRow(0), fontMetrics().height() + 4);
    const QMargins margins = layout()->contentsMargins();
    const int height = margins.top() + m_summary->sizeHint().height() + layout()->spacing() +
                       m_list->header()->sizeHint().height() + rows * rowHeight +
                       2 * m_list->frameWidth() + margins.bottom() + 8;
    return {QWidget::sizeHint().width(), height};
}

QString UploadPanel::summaryText() const {
    if (!m_queue)
        return {};
    const upload::UploadSummary s = m_queue->summary();
    const int total = int(m_queue->items().size());
    const int pending = total - s.added - s.skipped - s.failed - s.cancelled;
    QString text =
        tr("%1 added, %2 skipped as existing, %3 failed").arg(s.added).arg(s.skipped).arg(s.failed);
    if (s.cancelled > 0)
        text += tr(", %1 cancelled").arg(s.cancelled);
    if (pending > 0)
        text += tr(" · %1 to go").arg(pending);
    return text;
}

void UploadPanel::updateSummary() {
    m_summary->setText(summaryText());
}

} // namespace segscope::ui
