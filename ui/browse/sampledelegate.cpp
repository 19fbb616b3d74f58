#include "browse/sampledelegate.h"

#include "labels/vectorshapes.h"
#include "models/samplelistmodel.h"
#include "models/thumbnailcache.h"
#include "models/thumbnaildecoder.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <cmath>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

constexpr int kPadding = 6;
constexpr int kTextHeight = 22;
constexpr int kCompactPadding = 3;
//! Cells lower than this (a filmstrip's) show the thumbnail alone, the status over it.
constexpr int kCompactBelow = 100;

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

QColor mix(const QColor &base, const QColor &over, double amount) {
    return QColor::fromRgbF(base.redF() + (over.redF() - base.redF()) * amount,
                            base.greenF() + (over.greenF() - base.greenF()) * amount,
                            base.blueF() + (over.blueF() - base.blueF()) * amount);
}

//! A glyph for a sample that has no image to show, so the cell reads as "a point cloud" (or
//! text, ...) rather than "an image that failed".
void drawKindGlyph(QPainter *p, const QPointF &c, wire::SampleKind kind, const QColor &color) {
    p->setPen(QPen(color, 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p->setBrush(Qt::NoBrush);
    switch (kind) {
    case wire::SampleKind::PointCloud:
    case wire::SampleKind::PointCloudSequence: {
        // A loose cloud of dots; the same every time (a fixed pseudo-random walk).
        if (kind == wire::SampleKind::PointCloudSequence) {
            p->drawRoundedRect(QRectF(c.x() - 22, c.y() - 20, 44, 36), 4, 4);
            p->drawLine(QPointF(c.x() - 18, c.y() - 24), QPointF(c.x() + 26, c.y() - 24));
            p->drawLine(QPointF(c.x() + 26, c.y() - 24), QPointF(c.x() + 26, c.y() + 12));
        }
        p->setPen(Qt::NoPen);
        p->setBrush(color);
        quint32 seed = 7;
        for (int i = 0; i < 34; ++i) {
            seed = seed * 1103515245u + 12345u;
            const double a = (seed >> 8) % 628 / 100.0;
            seed = seed * 1103515245u + 12345u;
            const double r = (seed >> 8) % 100 / 100.0;
            const QPointF d(std::cos(a) * 18 * r, std::sin(a) * 12 * r);
            p->drawEllipse(c + d + QPointF(0, -2), 1.6, 1.6);
        }
        break;
    }
    case wire::SampleKind::Text: {
        const QRectF page(c.x() - 15, c.y() - 20, 30, 38);
        p->drawRoundedRect(page, 2, 2);
        for (int i = 0; i < 5; ++i) {
            const double y = page.top() + 8 + i * 6;
            p->drawLine(QPointF(page.left() + 6, y),
                        QPointF(page.right() - (i == 4 ? 14 : 6 + (i % 2) * 3), y));
        }
        break;
    }
    case wire::SampleKind::MultiSensor: {
        // A camera body with a lens, and the rings of a lidar beside it.
        p->drawRoundedRect(QRectF(c.x() - 26, c.y() - 10, 26, 20), 3, 3);
        p->drawEllipse(QPointF(c.x() - 13, c.y()), 5, 5);
        p->drawEllipse(QPointF(c.x() + 14, c.y()), 4, 4);
        p->drawArc(QRectF(c.x() + 4, c.y() - 10, 20, 20), -60 * 16, 120 * 16);
        p->drawArc(QRectF(c.x() - 2, c.y() - 16, 32, 32), -50 * 16, 100 * 16);
        break;
    }
    case wire::SampleKind::ImageSequence: {
        // A strip of film.
        const QRectF strip(c.x() - 26, c.y() - 16, 52, 32);
        p->drawRect(strip);
        p->drawLine(QPointF(c.x() - 9, strip.top()), QPointF(c.x() - 9, strip.bottom()));
        p->drawLine(QPointF(c.x() + 9, strip.top()), QPointF(c.x() + 9, strip.bottom()));
        break;
    }
    case wire::SampleKind::Image:
    case wire::SampleKind::Unknown: {
        p->drawRoundedRect(QRectF(c.x() - 18, c.y() - 18, 36, 36), 6, 6);
        QFont f = p->font();
        f.setBold(true);
        f.setPixelSize(22);
        p->setFont(f);
        p->drawText(QRectF(c.x() - 18, c.y() - 18, 36, 36), Qt::AlignCenter, u"?"_s);
        break;
    }
    }
}

//! The kind badge in the image's top-left corner: light text on a dark pill over a thumbnail
//! (readable on any image); on a placeholder, the theme's text and base colours swapped, so it
//! stands out of the light and the dark theme's placeholder alike.
void drawKindBadge(QPainter *p, const QRect &image, const QString &text, const QFont &font,
                   const QColor &fill, const QColor &ink) {
    QFont small = font;
    small.setPointSizeF(small.pointSizeF() * 0.82);
    p->setFont(small);
    const QFontMetrics fm(small);
    const int width = std::min(fm.horizontalAdvance(text) + 12, image.width() - 8);
    const QRect badge(image.left() + 4, image.top() + 4, width, fm.height() + 4);
    QPainterPath pill;
    pill.addRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
    p->fillPath(pill, fill);
    p->setPen(ink);
    p->drawText(badge, Qt::AlignCenter, fm.elidedText(text, Qt::ElideRight, width - 10));
}

//! The evaluation's badge in the image's top-right corner, drawn like the kind badge: light
//! text on a dark pill over a thumbnail.
void drawScoreBadge(QPainter *p, const QRect &image, const QString &text, const QFont &font) {
    QFont small = font;
    small.setPointSizeF(small.pointSizeF() * 0.82);
    small.setBold(true);
    p->setFont(small);
    const QFontMetrics fm(small);
    const int width = std::min(fm.horizontalAdvance(text) + 12, image.width() - 8);
    const QRect badge(image.right() - 3 - width, image.top() + 4, width, fm.height() + 4);
    QPainterPath pill;
    pill.addRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
    p->fillPath(pill, QColor(0x2b, 0x30, 0x37, 225));
    p->setPen(Qt::white);
    p->drawText(badge, Qt::AlignCenter, fm.elidedText(text, Qt::ElideRight, width - 8));
}

} // namespace

QString SampleDelegate::scoreText(double meanIoU) {
    return tr("IoU %1").arg(meanIoU, 0, 'f', 2);
}

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

namespace {

const QHash<QString, QColor> &knownStatusColors() {
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
    return colors;
}

} // namespace

QColor SampleDelegate::statusColor(const QString &status) {
    // A status this client does not know (the service added one): neutral, never an error.
    return knownStatusColors().value(status, QColor(0x6b, 0x72, 0x7c));
}

QString SampleDelegate::statusText(const QString &status) {
    if (status == "LABELING_IN_PROGRESS"_L1)
        return tr("labeling");
    if (status == "REVIEWING_IN_PROGRESS"_L1)
        return tr("reviewing");
    // An unknown status is shown exactly as it came.
    return knownStatusColors().contains(status) ? status.toLower() : status;
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

bool SampleDelegate::isCompact(const QRect &cell) {
    return cell.height() < kCompactBelow;
}

QRect SampleDelegate::imageRect(const QRect &cell) const {
    // A filmstrip cell is all thumbnail; the name is in its tooltip.
    if (isCompact(cell))
        return cell.adjusted(kCompactPadding, kCompactPadding, -kCompactPadding, -kCompactPadding);
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
    QRect badgeArea = imageArea; // the kind badge goes in the corner of what is drawn
    if (!thumb.isNull()) {
        const qreal dpr = p->device()->devicePixelRatio();
        const QSize fitted = (thumb.size() / dpr).scaled(imageArea.size(), Qt::KeepAspectRatio);
        const QRect target(imageArea.center() - QPoint(fitted.width() / 2, fitted.height() / 2),
                           fitted);
        if (fitted * dpr != thumb.size())
            p->setRenderHint(QPainter::SmoothPixmapTransform);
        p->drawImage(target, thumb);
        if (m_labelOverlay && row && row->vectorShapes)
            drawVectorShapes(p, target, thumb, *row->vectorShapes);
        badgeArea = target;
        if (labelFailed)
            drawWarningMark(p, target);
    } else if (row && url.isEmpty() && row->kind != wire::SampleKind::Image) {
        // Nothing to preview by design: the kind's glyph on a quiet tint of the theme.
        p->fillRect(imageArea, mix(pal.base().color(), pal.text().color(), 0.06));
        const QColor ink = mix(pal.base().color(), pal.text().color(), 0.55);
        drawKindGlyph(p, QPointF(imageArea.center()) + QPointF(0, -8), row->kind, ink);
        QFont caption = option.font;
        caption.setPointSizeF(caption.pointSizeF() * 0.82);
        p->setFont(caption);
        p->setPen(ink);
        p->drawText(imageArea.adjusted(4, 0, -4, -6), Qt::AlignHCenter | Qt::AlignBottom,
                    tr("no image preview"));
    } else {
        p->fillRect(imageArea, pal.window().color().darker(104));
        if (loaded && (url.isEmpty() || m_thumbnails->hasFailed(key)))
            drawBrokenImage(p, imageArea, pal.mid().color().darker(130));
    }
    if (row && row->kind != wire::SampleKind::Image) {
        if (thumb.isNull()) {
            drawKindBadge(p, badgeArea, row->kindText(), option.font,
                          mix(pal.base().color(), pal.text().color(), 0.75), pal.base().color());
        } else {
            drawKindBadge(p, badgeArea, row->kindText(), option.font, QColor(0x2b, 0x30, 0x37, 225),
                          Qt::white);
        }
    }

    if (row && !m_scores.isEmpty()) {
        if (const auto score = m_scores.constFind(row->uuid); score != m_scores.cend())
            drawScoreBadge(p, badgeArea, scoreText(*score), option.font);
    }

    const bool compact = isCompact(cell);
    const QRect textArea = compact ? QRect(imageArea.left() + 2, imageArea.bottom() - 17,
                                           imageArea.width() - 4, kTextHeight - 2)
                                   : QRect(cell.left() + kPadding, imageArea.bottom() + 3,
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
    if (compact) {
        p->restore();
        return;
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

void SampleDelegate::drawVectorShapes(QPainter *p, const QRect &target, const QImage &thumb,
                                      const wire::LabelAttributes &label) const {
    // The shapes are in the original image's pixels; the thumbnail knows how large that was.
    const QSize source = models::thumbnailSourceSize(thumb);
    if (source.isEmpty())
        return;
    const double scale = double(target.width()) / source.width();
    p->save();
    p->setClipRect(target);
    p->translate(target.topLeft());
    p->scale(scale, double(target.height()) / source.height());
    labels::OverlayOptions options;
    options.mode = labels::DrawMode::FillAndOutline;
    options.opacity = 0.35; // the thumbnail stays readable under the boxes
    labels::paintVectorLabel(*p, label, m_task, options, scale * p->device()->devicePixelRatio());
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
    else if (row && url.isEmpty() && row->kind != wire::SampleKind::Image)
        tip += u"\n"_s + tr("A %1 sample: open it to see what it holds.").arg(row->kindText());
    else if (url.isEmpty() && index.data(models::SampleListModel::LoadedRole).toBool())
        tip += u"\n"_s + tr("This sample has no image to preview.");
    if (row && !url.isEmpty() && row->kind != wire::SampleKind::Image)
        tip += u"\n"_s + row->kindText();
    if (const auto score = row ? m_scores.constFind(row->uuid) : m_scores.cend();
        score != m_scores.cend())
        tip += u"\n"_s + tr("Mean IoU %1 (the evaluation panel)").arg(*score, 0, 'f', 3);
    QToolTip::showText(event->globalPos(), tip, view);
    return true;
}

} // namespace segscope::ui
