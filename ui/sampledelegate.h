#pragma once

#include <QStyledItemDelegate>
#include <QTimer>

namespace segscope::items {
class ThumbnailCache;
}

namespace segscope::ui {

//! Paints a grid cell: the thumbnail (a placeholder while loading, a glyph when it failed),
//! the sample name and its label status badge. Thumbnails are requested as cells are painted,
//! so only what is on screen is ever fetched.
class SampleDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    SampleDelegate(items::ThumbnailCache *thumbnails, QWidget *view);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    //! The colour and short text of a label status badge.
    static QColor statusColor(const QString &status);
    static QString statusText(const QString &status);

private:
    QRect imageRect(const QRect &cell) const;

    items::ThumbnailCache *m_thumbnails;
    QWidget *m_view;
    QTimer m_repaint; //!< coalesces the repaints that arriving thumbnails ask for
};

} // namespace segscope::ui
