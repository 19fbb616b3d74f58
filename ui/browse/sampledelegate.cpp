#include "browse/sampledelegate.h"

#include "models/samplelistmodel.h"
#include "models/thumbnailcache.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

constexpr int kPadding = 6;
constexpr int kTextHeight = 22;

void drawBrokenImage(QPainter *p, const QRect &r, const QColor &color) {
    // A frame with a diagonal crack: "this image could not be shown".
    const QRect box(r.center() - QPoint(18, 14), QSize(36, 28));
    p->setPen(QPen(color, 2));
    p->setBrush(Qt::NoBrush);
    p->drawRect(box);
    p->drawLine(box.topLeft() + QPoint(6, 6), box.bottomRight() - QPoint(6, 6));
    p->drawLine(box.topRight() + QPoint(-6, 6), box.bottomLeft() + QPoint(6, -6));
}

void drawWarningMark(QPainter *p, const QRect &image) {
    // A small amber triangle in the corner: the thumbnail is right, its label is missing.
    const QRectF box(image.right() - 19, image.top() + 3, 16, 14);
    QPainterPath triangle;
    triangle.moveTo(box.center().x(), box.top());
    triangle.lineTo(box.bottomRight());
    triangle.lineTo(box.bottomLeft());
    triangle.closeSubpath();
    p->setPen(QPen(QColor(0x5a, 0x3a, 0x00), 1));
    p->setBrush(QColor(0xf2, 0xb1, 0x1d));
    p->drawPath(triangle);
    p->setPen(QPen(QColor(0x3a, 0x25, 0x00), 1.6));
    p->drawLine(QPointF(box.center().x(), box.top() + 4.5),
                QPointF(box.center().x(), box.bottom() - 5));
    p->drawPoint(QPointF(box.center().x(), box.bottom() - 2.5));
}

} // namespace

SampleDelegate::SampleDelegate(models::ThumbnailCache *thumbnails, QWidget *view)
    : QStyledItemDelegate(view)
    , m_thumbnails(thumbnails)
    , m_view(view) {
    m_repaint.setSingleShot(true);
    m_repaint.setInterval(16);
    connect(&m_repaint, &QTimer::timeout, this, [this] {
        if (auto *v = qobject_cast<QAbstractItemView *>(m_view))
            v->viewport()->update();
    });
    connect(thumbnails, &models::ThumbnailCache::ready, this, [this] {
        if (!m_repaint.isActive())
            m_repaint.start();
    });
    connect(thumbnails, &models::ThumbnailCache::failed, this, [this] {
        if (!m_repaint.isActive())
            m_repaint.start();
    });
}

QColor SampleDelegate::statusColor(const QString &status) {
    static const QHash<QString, QColor> colors{
        {u"UNLABELED"_s, QColor(0x8a, 0x8f, 0x98)},
        {u"PRELABELED"_s, QColor(0x8e, 0x5b, 0xd8)},
        {u"LABELING_IN_PROGRESS"_s, QColor(0x3a, 0x8d, 0xde)},
        {u"LABELED"_s, QColor(0x1f, 0x6f, 0xd1)},
        {u"REVIEWING_IN_PROGRESS"_s, QColor(0x1c, 0x9a, 0x9a)},
        {u"REVIEWED"_s, QColor(0x2e, 0x9d, 0x4f)},
        {u"REJECTED"_s, QColor(0xd2, 0x3f, 0x3f)},
        {u"SKIPPED"_s, QColor(0xe0, 0x8a, 0x1e)},
        {u"VERIFIED"_s, QColor(0x1b, 0x70, 0x3a)},
    };
    return colors.value(status, QColor(0x8a, 0x8f, 0x98));
}

QString SampleDelegate::statusText(const QString &status) {
    if (status == "LABELING_IN_PROGRESS"_L1)
        return tr("labeling");
    if (status == "REVIEWING_IN_PROGRESS"_L1)
        return tr("reviewing");
    return status.toLower();
}

void SampleDelegate::setLabelOverlay(bool on, const wire::TaskAttributes &task) {
    m_labelOverlay = on;
    m_task = task;
}

const models::SampleRow *SampleDelegate::rowOf(const QModelIndex &index) const {
    const auto *model = qobject_cast<const models::SampleListModel *>(index.model());
    return model ? model->row(index.row()) : nullptr;
}

models::ThumbnailOverlay SampleDelegate::overlayFor(const models::SampleRow &row) const {
    if (!m_labelOverlay || row.bitmapUrl.isEmpty())
        return {};
    return models::ThumbnailOverlay::forLabel(row.bitmapUrl, row.instanceCategories, m_task);
}

QString SampleDelegate::thumbnailKey(const models::SampleRow &row) const {
    return models::ThumbnailCache::keyFor(row.imageUrl, overlayFor(row));
}

QRect SampleDelegate::imageRect(const QRect &cell) const {
    return cell.adjusted(kPadding, kPadding, -kPadding, -kPadding - kTextHeight);
}

void SampleDelegate::paint(QPainter *p, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const {
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const QRect cell = option.rect.adjusted(1, 1, -1, -1);
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &pal = option.palette;
    QPainterPath card;
    card.addRoundedRect(cell, 6, 6);
    // A tint of the highlight over the base, so the palette's text stays readable on it in
    // light and dark themes alike.
    const auto tint = [](const QColor &base, const QColor &over, double amount) {
        return QColor::fromRgbF(base.redF() + (over.redF() - base.redF()) * amount,
                                base.greenF() + (over.greenF() - base.greenF()) * amount,
                                base.blueF() + (over.blueF() - base.blueF()) * amount);
    };
    p->fillPath(card, selected
                          ? tint(pal.base().color(), pal.highlight().color(), 0.3)
                          : (option.state & QStyle::State_MouseOver ? pal.alternateBase().color()
                                                                    : pal.base().color()));
    p->setPen(QPen(selected ? pal.highlight().color() : pal.mid().color(), selected ? 2 : 1));
    p->drawPath(card);

    const QRect imageArea = imageRect(cell);
    const bool loaded = index.data(models::SampleListModel::LoadedRole).toBool();
    const models::SampleRow *row = loaded ? rowOf(index) : nullptr;
    const QString url = row ? row->imageUrl : QString();
    const models::ThumbnailOverlay overlay = row ? overlayFor(*row) : models::ThumbnailOverlay();
    const QString key = models::ThumbnailCache::keyFor(url, overlay);
    QImage thumb;
    bool labelFailed = false;
    if (loaded && !url.isEmpty()) {
        thumb = m_thumbnails->thumbnail(key);
        // Made at the cell's size (in device pixels), so painting is a plain copy.
        if (thumb.isNull() && !m_thumbnails->hasFailed(key)) {
            m_thumbnails->request(url, imageArea.size() * p->device()->devicePixelRatio(), overlay);
            // The plain thumbnail, if at hand, until the one with the label arrives.
            if (!overlay.isNull())
                thumb = m_thumbnails->thumbnail(url);
        } else if (!thumb.isNull()) {
            labelFailed = !m_thumbnails->overlayFailureMessage(key).isEmpty();
        }
    }
    if (!thumb.isNull()) {
        const qreal dpr = p->device()->devicePixelRatio();
        const QSize fitted = (thumb.size() / dpr).scaled(imageArea.size(), Qt::KeepAspectRatio);
        const QRect target(imageArea.center() - QPoint(fitted.width() / 2, fitted.height() / 2),
                           fitted);
        if (fitted * dpr != thumb.size())
            p->setRenderHint(QPainter::SmoothPixmapTransform);
        p->drawImage(target, thumb);
        if (labelFailed)
            drawWarningMark(p, target);
    } else {
        p->fillRect(imageArea, pal.window().color().darker(104));
        if (loaded && (url.isEmpty() || m_thumbnails->hasFailed(key)))
            drawBrokenImage(p, imageArea, pal.mid().color().darker(130));
    }

    const QRect textArea(cell.left() + kPadding, imageArea.bottom() + 3,
                         cell.width() - 2 * kPadding, kTextHeight - 2);
    const QString status = index.data(models::SampleListModel::LabelStatusRole).toString();
    int badgeWidth = 0;
    if (!status.isEmpty()) {
        QFont small = option.font;
        small.setPointSizeF(small.pointSizeF() * 0.82);
        p->setFont(small);
        const QString text = statusText(status);
        badgeWidth = QFontMetrics(small).horizontalAdvance(text) + 12;
        const QRect badge(textArea.right() - badgeWidth + 1, textArea.top() + 2, badgeWidth,
                          textArea.height() - 4);
        QPainterPath pill;
        pill.addRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
        p->fillPath(pill, statusColor(status));
        p->setPen(Qt::white);
        p->drawText(badge, Qt::AlignCenter, text);
    }
    p->setFont(option.font);
    p->setPen(pal.text().color());
    const QRect nameArea = textArea.adjusted(0, 0, -(badgeWidth ? badgeWidth + 4 : 0), 0);
    const QString name =
        loaded ? index.data(models::SampleListModel::NameRole).toString() : QString();
    if (loaded) {
        p->drawText(nameArea, Qt::AlignVCenter | Qt::AlignLeft,
                    option.fontMetrics.elidedText(name, Qt::ElideMiddle, nameArea.width()));
    } else {
        p->fillRect(nameArea.adjusted(0, 5, -nameArea.width() / 3, -5),
                    pal.window().color().darker(106));
    }
    p->restore();
}

QSize SampleDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const {
    return {196, 176};
}

bool SampleDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                               const QStyleOptionViewItem &option, const QModelIndex &index) {
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString url = index.data(models::SampleListModel::ImageUrlRole).toString();
    const models::SampleRow *row = rowOf(index);
    const QString key = row ? thumbnailKey(*row) : url;
    QString tip = index.data(models::SampleListModel::NameRole).toString();
    const QString status = index.data(models::SampleListModel::LabelStatusRole).toString();
    if (!status.isEmpty())
        tip += u" — "_s + status;
    if (m_thumbnails->hasFailed(key))
        tip += u"\n"_s + tr("Image could not be shown: %1").arg(m_thumbnails->failureMessage(key));
    else if (const QString why = m_thumbnails->overlayFailureMessage(key); !why.isEmpty())
        tip += u"\n"_s + tr("Label could not be drawn: %1").arg(why);
    else if (url.isEmpty() && index.data(models::SampleListModel::LoadedRole).toBool())
        tip += u"\n"_s + tr("This sample has no image to preview.");
    QToolTip::showText(event->globalPos(), tip, view);
    return true;
}

} // namespace segscope::ui
