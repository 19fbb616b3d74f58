#pragma once

#include <QHash>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace segscope::upload {
class UploadQueue;
}

namespace segscope::ui {

//! The bulk upload queue: a line per file with its step and progress, the reason when it was
//! skipped or failed, and a running summary (added, skipped, failed).
class UploadPanel : public QWidget {
    Q_OBJECT

public:
    explicit UploadPanel(QWidget *parent = nullptr);
    //! The queue to show (nullptr: none).
    void setQueue(upload::UploadQueue *queue);
    QString summaryText() const;
    //! Tall enough for the summary and a few rows (up to five): the dock stays small for one
    //! file and grows for a batch.
    QSize sizeHint() const override;

private:
    void rebuild();
    void update(const QString &id);
    void updateSummary();

    upload::UploadQueue *m_queue = nullptr;
    QTreeWidget *m_list;
    QLabel *m_summary;
    QHash<QString, QTreeWidgetItem *> m_items;
};

} // namespace segscope::ui
