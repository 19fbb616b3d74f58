#include "vectorshapes.h"

#include <QPolygonF>

#include <algorithm>
#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace segscope::labels {
namespace {

constexpr double LineWidth = 2.0;   // device pixels
constexpr double PointRadius = 4.0; // device pixels

enum class Shape { None, Box, Polygon, Polyline, Point, Unknown };

Shape shapeOf(const QString &type) {
    if (type.isEmpty())
        return Shape::None;
    if (type == "bbox"_L1)
        return Shape::Box;
    if (type == "polygon"_L1)
        return Shape::Polygon;
    if (type == "polyline"_L1)
        return Shape::Polyline;
    if (type == "point"_L1)
        return Shape::Point;
    return Shape::Unknown;
}

// Why an annotation cannot be drawn; empty when it can (or when it is no shape at all).
QString defectOf(const wire::Annotation &a, Shape shape) {
    const qsizetype n = a.points.size();
    switch (shape) {
    case Shape::None:
        return {};
    case Shape::Unknown:
        return u"unknown shape type"_s;
    case Shape::Box:
        if (n != 2)
            return u"needs 2 points (top-left, bottom-right), has %1"_s.arg(n);
        break;
    case Shape::Polygon:
        if (n < 3)
            return u"needs at least 3 points, has %1"_s.arg(n);
        break;
    case Shape::Polyline:
        if (n < 2)
            return u"needs at least 2 points, has %1"_s.arg(n);
        break;
    case Shape::Point:
        if (n != 1)
            return u"needs 1 point, has %1"_s.arg(n);
        break;
    }
    for (const QPointF &p : a.points) {
        if (!std::isfinite(p.x()) || !std::isfinite(p.y()))
            return u"has a coordinate that is not a finite number"_s;
        if (std::abs(p.x()) > VectorCoordinateLimit || std::abs(p.y()) > VectorCoordinateLimit)
            return u"has a coordinate beyond %1 pixels"_s.arg(VectorCoordinateLimit, 0, 'g', 3);
    }
    return {};
}

// The shape of a drawable annotation; None for anything that is skipped.
Shape drawableShape(const wire::Annotation &a) {
    const Shape shape = shapeOf(a.type);
    if (shape == Shape::None || shape == Shape::Unknown || !defectOf(a, shape).isEmpty())
        return Shape::None;
    return shape;
}

double unit(double value, double fallback) {
    return std::isfinite(value) ? std::clamp(value, 0.0, 1.0) : fallback;
}

QColor withAlphaScaled(QColor color, double scale) {
    color.setAlpha(int(std::lround(color.alpha() * unit(scale, 0.0))));
    return color;
}

// As LabelOverlay::colorTable: instance colour, else the category's, else the unannotated marker
// (a category the dataset does not define).
QColor colorOf(const wire::Annotation &a, const wire::TaskAttributes &task,
               const OverlayOptions &options) {
    if (options.colorBy == ColorBy::Instance)
        return wire::instanceColor(quint32(a.id));
    const QColor color = task.colorOf(a.categoryId);
    return color.isValid() ? color : options.unannotatedColor;
}

struct Style {
    QColor fill;  // interior of a bbox/polygon
    QColor color; // the stroke of a polyline, the disc of a point
    QColor edge;  // the outline of a bbox/polygon
    QColor halo;  // highlighted polyline/point: a white rim; invalid otherwise
    double width = LineWidth;
    double radius = PointRadius;
};

QPen penOf(const QColor &color, double width, Qt::PenJoinStyle join) {
    if (!color.isValid() || color.alpha() == 0)
        return QPen(Qt::NoPen);
    return QPen(QBrush(color), width, Qt::SolidLine, Qt::RoundCap, join);
}

void paintShape(QPainter &painter, const wire::Annotation &a, Shape shape, const Style &style) {
    const QList<QPointF> &pts = a.points;
    switch (shape) {
    case Shape::Box: {
        const QRectF rect = QRectF(pts.at(0), pts.at(1)).normalized();
        if (style.fill.alpha() > 0)
            painter.fillRect(rect, style.fill);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(penOf(style.edge, style.width, Qt::MiterJoin));
        painter.drawRect(rect);
        break;
    }
    case Shape::Polygon: {
        const QPolygonF polygon(pts);
        if (style.fill.alpha() > 0) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(style.fill);
            painter.drawPolygon(polygon, Qt::OddEvenFill);
        }
        painter.setBrush(Qt::NoBrush);
        painter.setPen(penOf(style.edge, style.width, Qt::RoundJoin));
        painter.drawPolygon(polygon);
        break;
    }
    case Shape::Polyline: {
        const QPolygonF line(pts);
        painter.setBrush(Qt::NoBrush);
        if (style.halo.isValid()) {
            painter.setPen(penOf(style.halo, style.width * 2, Qt::RoundJoin));
            painter.drawPolyline(line);
        }
        painter.setPen(penOf(style.color, style.width, Qt::RoundJoin));
        painter.drawPolyline(line);
        break;
    }
    case Shape::Point:
        painter.setPen(style.halo.isValid() ? penOf(style.halo, style.width, Qt::RoundJoin)
                                            : QPen(Qt::NoPen));
        painter.setBrush(style.color.alpha() > 0 ? QBrush(style.color) : QBrush(Qt::NoBrush));
        painter.drawEllipse(pts.at(0), style.radius, style.radius);
        break;
    case Shape::None:
    case Shape::Unknown:
        break;
    }
}

double distanceToSegment(QPointF p, QPointF a, QPointF b) {
    const QPointF d = b - a;
    const double length2 = QPointF::dotProduct(d, d);
    const double t =
        length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, d) / length2, 0.0, 1.0) : 0.0;
    const QPointF nearest = a + t * d;
    return std::hypot(p.x() - nearest.x(), p.y() - nearest.y());
}

double distanceToPath(QPointF p, const QList<QPointF> &pts, bool closed) {
    double best = std::hypot(p.x() - pts.first().x(), p.y() - pts.first().y());
    for (qsizetype i = 1; i < pts.size(); ++i)
        best = std::min(best, distanceToSegment(p, pts.at(i - 1), pts.at(i)));
    if (closed)
        best = std::min(best, distanceToSegment(p, pts.last(), pts.first()));
    return best;
}

bool hits(const wire::Annotation &a, Shape shape, QPointF p, double tolerance) {
    const QList<QPointF> &pts = a.points;
    switch (shape) {
    case Shape::Box: {
        // By hand: QRectF::contains() is false for every point of a zero-width box.
        const QRectF r = QRectF(pts.at(0), pts.at(1)).normalized();
        return p.x() >= r.left() - tolerance && p.x() <= r.right() + tolerance &&
               p.y() >= r.top() - tolerance && p.y() <= r.bottom() + tolerance;
    }
    case Shape::Polygon:
        return QPolygonF(pts).containsPoint(p, Qt::OddEvenFill) ||
               distanceToPath(p, pts, true) <= tolerance;
    case Shape::Polyline:
        return distanceToPath(p, pts, false) <= tolerance;
    case Shape::Point:
        return distanceToPath(p, pts, false) <= tolerance;
    case Shape::None:
    case Shape::Unknown:
        break;
    }
    return false;
}

bool isHighlighted(const wire::Annotation &a, const OverlayOptions &options) {
    return options.highlightedId != 0 && a.id == qint64(options.highlightedId);
}

} // namespace

void paintVectorLabel(QPainter &painter, const wire::LabelAttributes &label,
                      const wire::TaskAttributes &task, const OverlayOptions &options,
                      double pixelsPerImagePixel) {
    const double zoom =
        std::isfinite(pixelsPerImagePixel) && pixelsPerImagePixel > 0 ? pixelsPerImagePixel : 1.0;
    const double opacity = unit(options.opacity, 0.5);
    const bool fill = options.mode != DrawMode::Outline;
    const double width = (options.outlineWidth > 0 ? options.outlineWidth : LineWidth) / zoom;
    const double radius = PointRadius / zoom;

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QList<const wire::Annotation *> highlighted;
    for (const wire::Annotation &a : label.annotations) {
        const Shape shape = drawableShape(a);
        if (shape == Shape::None || options.hiddenCategories.contains(a.categoryId))
            continue;
        if (isHighlighted(a, options)) { // drawn last, on top of everything
            highlighted.append(&a);
            continue;
        }
        const QColor color = colorOf(a, task, options);
        paintShape(painter, a, shape,
                   Style{withAlphaScaled(color, fill ? opacity : 0.0), color, color, QColor(),
                         width, radius});
    }
    for (const wire::Annotation *a : std::as_const(highlighted)) {
        const QColor color = colorOf(*a, task, options);
        const QColor white(Qt::white);
        paintShape(
            painter, *a, drawableShape(*a),
            Style{withAlphaScaled(color, std::max(opacity, OverlayOptions::HighlightOpacity)),
                  color, white, white, width, radius});
    }
    painter.restore();
}

qint64 vectorHitTest(const wire::LabelAttributes &label, QPointF imagePoint, double tolerance,
                     const OverlayOptions &options) {
    if (!std::isfinite(imagePoint.x()) || !std::isfinite(imagePoint.y()))
        return 0;
    const double tol = std::isfinite(tolerance) && tolerance > 0 ? tolerance : 0.0;
    const auto &annotations = label.annotations;
    // Two passes from the top down: the highlighted shapes are painted last, so they lie on top.
    for (const bool highlightPass : {true, false}) {
        for (qsizetype i = annotations.size() - 1; i >= 0; --i) {
            const wire::Annotation &a = annotations.at(i);
            if (isHighlighted(a, options) != highlightPass ||
                options.hiddenCategories.contains(a.categoryId))
                continue;
            const Shape shape = drawableShape(a);
            if (shape != Shape::None && hits(a, shape, imagePoint, tol))
                return a.id;
        }
    }
    return 0;
}

QRectF vectorBounds(const wire::Annotation &annotation) {
    std::optional<QPointF> low, high;
    for (const QPointF &p : annotation.points) {
        if (!std::isfinite(p.x()) || !std::isfinite(p.y()))
            continue;
        if (!low) {
            low = high = p;
            continue;
        }
        low = QPointF(std::min(low->x(), p.x()), std::min(low->y(), p.y()));
        high = QPointF(std::max(high->x(), p.x()), std::max(high->y(), p.y()));
    }
    return low ? QRectF(*low, *high) : QRectF();
}

bool hasVectorShapes(const wire::LabelAttributes &label) {
    return std::any_of(label.annotations.cbegin(), label.annotations.cend(),
                       [](const wire::Annotation &a) { return !a.type.isEmpty(); });
}

QStringList vectorDefects(const wire::LabelAttributes &label) {
    QStringList defects;
    for (const wire::Annotation &a : label.annotations) {
        const QString defect = defectOf(a, shapeOf(a.type));
        if (!defect.isEmpty())
            defects.append(u"annotation %1 (%2): %3"_s.arg(a.id).arg(a.type, defect));
    }
    return defects;
}

QRectF vectorPaintedBounds(const wire::LabelAttributes &label) {
    std::optional<QRectF> painted;
    for (const wire::Annotation &a : label.annotations) {
        const Shape shape = drawableShape(a);
        if (shape == Shape::None)
            continue;
        const double margin = shape == Shape::Point ? PointRadius : LineWidth / 2;
        const QRectF r = vectorBounds(a).adjusted(-margin, -margin, margin, margin);
        painted = painted ? painted->united(r) : r;
    }
    return painted.value_or(QRectF());
}

InstanceBitmap rasterizeVectorLabel(const wire::LabelAttributes &label, QSize size) {
    if (size.isEmpty() || !isAcceptableBitmapSize(size.width(), size.height()))
        return {};
    // Ids drawn as their contract RGB into an RGB32 image (0xffRRGGBB), then read back: one
    // rasteriser for the view and the comparison, so a shape covers the same pixels in both.
    QImage ids(size, QImage::Format_RGB32);
    ids.fill(Qt::black);
    QPainter painter(&ids);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(Qt::NoPen);
    for (const wire::Annotation &a : label.annotations) {
        const Shape shape = drawableShape(a);
        if ((shape != Shape::Box && shape != Shape::Polygon) || a.id < 1 || a.id > 0xFFFFFF)
            continue;
        const auto id = quint32(a.id);
        painter.setBrush(QColor(int(id & 0xff), int((id >> 8) & 0xff), int((id >> 16) & 0xff)));
        if (shape == Shape::Box) // corners at pixel edges: (0,0)-(2,2) covers 2x2 pixels
            painter.drawRect(QRectF(a.points.at(0), a.points.at(1)).normalized());
        else
            painter.drawPolygon(QPolygonF(a.points), Qt::OddEvenFill);
    }
    painter.end();
    return InstanceBitmap::fromImage(ids);
}

} // namespace segscope::labels
