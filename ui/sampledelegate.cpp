#include "sampledelegate.h"

#include "items/samplelistmodel.h"
#include "items/thumbnailcache.h"

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

} // namespace

SampleDelegate::SampleDelegate(items::ThumbnailCache *thumbnails, QWidget *view)
    : QStyledItemDelegate(view)
    , m_thumbnails(thumbnails)
    , m_view(view) {
    m_repaint.setSingleShot(true);
    m_repaint.setInterval(16);
    connect(&m_repaint, &QTimer::timeout, this, [this] {
        if (auto *v = qobject_cast<QAbstractItemView *>(m_view))
            v->viewport()->update();
    });
    connect(thumbnails, &items::ThumbnailCache::ready, this, [this] {
        if (!m_repaint.isActive())
            m_repaint.start();
    });
    connect(thumbnails, &items::ThumbnailCache::failed, this, [this] {
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
    const bool loaded = index.data(items::SampleListModel::LoadedRole).toBool();
    const QString url = index.data(items::SampleListModel::ImageUrlRole).toString();
    QImage thumb;
    if (loaded && !url.isEmpty()) {
        thumb = m_thumbnails->thumbnail(url);
        // Made at the cell's size (in device pixels), so painting is a plain copy.
        if (thumb.isNull() && !m_thumbnails->hasFailed(url))
            m_thumbnails->request(url, imageArea.size() * p->device()->devicePixelRatio());
    }
    if (!thumb.isNull()) {
        const qreal dpr = p->device()->devicePixelRatio();
        const QSize fitted = (thumb.size() / dpr).scaled(imageArea.size(), Qt::KeepAspectRatio);
        const QRect target(imageArea.center() - QPoint(fitted.width() / 2, fitted.height() / 2),
                           fitted);
        if (fitted * dpr != thumb.size())
            p->setRenderHint(QPainter::SmoothPixmapTransform);
        p->drawImage(target, thumb);
    } else {
        p->fillRect(imageArea, pal.window().color().darker(104));
        if (loaded && (url.isEmpty() || m_thumbnails->hasFailed(url)))
            drawBrokenImage(p, imageArea, pal.mid().color().darker(130));
    }

    const QRect textArea(cell.left() + kPadding, imageArea.bottom() + 3,
                         cell.width() - 2 * kPadding, kTextHeight - 2);
    const QString status = index.data(items::SampleListModel::LabelStatusRole).toString();
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
        loaded ? index.data(items::SampleListModel::NameRole).toString() : QString();
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
    const QString url = index.data(items::SampleListModel::ImageUrlRole).toString();
    QString tip = index.data(items::SampleListModel::NameRole).toString();
    const QString status = index.data(items::SampleListModel::LabelStatusRole).toString();
    if (!status.isEmpty())
        tip += u" — "_s + status;
    if (m_thumbnails->hasFailed(url))
        tip += u"\n"_s + tr("Image could not be shown: %1").arg(m_thumbnails->failureMessage(url));
    else if (url.isEmpty() && index.data(items::SampleListModel::LoadedRole).toBool())
        tip += u"\n"_s + tr("This sample has no image to preview.");
    QToolTip::showText(event->globalPos(), tip, view);
    return true;
}

} // namespace segscope::ui
