#pragma once

#include "models/thumbnailoverlay.h"
#include "wire/label.h"
#include "wire/taskattributes.h"

#include <QHash>
#include <QStyledItemDelegate>
#include <QTimer>

namespace segscope::models {
class ThumbnailCache;
struct SampleRow;
} // namespace segscope::models

namespace segscope::ui {

//! Paints a grid cell: the thumbnail (a placeholder while loading, a glyph when it failed),
//! the sample name and its label status badge. Thumbnails are requested as cells are painted,
//! so only what is on screen is ever fetched. With label overlays on, a row that carries a
//! segmentation bitmap is drawn with its label over the thumbnail (the plain thumbnail while
//! that is being made, and with a warning mark when the label could not be drawn), and a row
//! with vector shapes has them painted over its thumbnail (labels::paintVectorLabel).
class SampleDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    SampleDelegate(models::ThumbnailCache *thumbnails, QWidget *view);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    //! Draws labels over the thumbnails of rows that have a bitmap, in the categories' colours.
    void setLabelOverlay(bool on, const wire::TaskAttributes &task);
    bool labelOverlay() const { return m_labelOverlay; }
    //! The ThumbnailCache key a row's thumbnail is shown from (its overlay key when labels are
    //! on and the row has a bitmap, else its image URL).
    QString thumbnailKey(const models::SampleRow &row) const;

    //! Each evaluated sample's mean IoU by uuid, shown on its thumbnail ("IoU 0.73"); empty
    //! hides the badges.
    void setScores(const QHash<QString, double> &meanIoUByUuid) { m_scores = meanIoUByUuid; }
    const QHash<QString, double> &scores() const { return m_scores; }
    //! The text of a mean IoU badge.
    static QString scoreText(double meanIoU);

    //! The colour and short text of a label status badge.
    static QColor statusColor(const QString &status);
    static QString statusText(const QString &status);

private:
    //! A filmstrip's cell: the thumbnail alone with the status badge over it.
    static bool isCompact(const QRect &cell);
    QRect imageRect(const QRect &cell) const;
    models::ThumbnailOverlay overlayFor(const models::SampleRow &row) const;
    //! Paints a vector label's shapes over a thumbnail drawn at `target`.
    void drawVectorShapes(QPainter *p, const QRect &target, const QImage &thumb,
                          const wire::LabelAttributes &label) const;
    const models::SampleRow *rowOf(const QModelIndex &index) const;

    models::ThumbnailCache *m_thumbnails;
    QWidget *m_view;
    QTimer m_repaint; //!< coalesces the repaints that arriving thumbnails ask for
    bool m_labelOverlay = false;
    wire::TaskAttributes m_task;
    QHash<QString, double> m_scores;
};

} // namespace segscope::ui
