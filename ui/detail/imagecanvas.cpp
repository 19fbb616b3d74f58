#include "detail/imagecanvas.h"

#include "labels/outlinepainter.h"
#include "labels/vectorshapes.h"

#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

//! A neutral checkerboard under the labels when the image is hidden, so transparency shows.
const QBrush &checkerBrush() {
    static const QBrush brush = [] {
        QImage tile(16, 16, QImage::Format_RGB32);
        tile.fill(QColor(0x60, 0x60, 0x60));
        QPainter p(&tile);
        p.fillRect(0, 0, 8, 8, QColor(0x48, 0x48, 0x48));
        p.fillRect(8, 8, 8, 8, QColor(0x48, 0x48, 0x48));
        return QBrush(tile);
    }();
    return brush;
}

} // namespace

ImageCanvas::ImageCanvas(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_layers(new OverlayLayers(this)) {
    setObjectName(u"imageCanvas"_s);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    setMinimumSize(200, 150);
    connect(this, &ImageCanvas::zoomChanged, this, &ImageCanvas::viewMoved);
    connect(m_layers, &OverlayLayers::recoloured, this, [this] {
        viewport()->update();
        emit overlayRecoloured();
    });
}

ImageCanvas::~ImageCanvas() = default;

void ImageCanvas::setContent(const QImage &image,
                             std::shared_ptr<const labels::LabelOverlay> overlay,
                             const wire::LabelAttributes &vector, const wire::TaskAttributes &task,
                             bool keepView) {
    const QSize previousSize = m_contentSize;
    // Where the view's centre lies, as a share of the content, to keep it on the next content.
    const QPointF centre = imagePointAt(QRectF(viewport()->rect()).center());
    m_image = image;
    m_layers->setOverlay(OverlayLayers::Reference, overlay);
    m_layers->setOverlay(OverlayLayers::Candidate, nullptr);
    m_difference = QImage();
    m_vector = vector;
    m_hasShapes = labels::hasVectorShapes(vector);
    m_task = task;
    m_contentSize = m_image.size();
    if (overlay)
        m_contentSize = m_contentSize.expandedTo(overlay->index().size());
    if (m_contentSize.isEmpty() && m_hasShapes) {
        QRectF bounds;
        for (const wire::Annotation &a : vector.annotations)
            bounds |= labels::vectorBounds(a);
        m_contentSize = QSize(int(std::ceil(bounds.right())), int(std::ceil(bounds.bottom())));
    }
    m_options.highlightedId = 0;
    m_layers->setOptions(m_options);
    viewport()->update();
    if (!keepView || previousSize.isEmpty() || m_contentSize.isEmpty()) {
        m_hoverPixel = {-1, -1};
        zoomToFit();
        return;
    }
    if (m_fit) {
        zoomToFit();
    } else {
        // The same zoom, and the centre at the same relative place (the same pixel when the
        // size is the same), so one region can be compared across samples and labelsets.
        const QPointF relative(centre.x() / previousSize.width(),
                               centre.y() / previousSize.height());
        centreOn(QPointF(std::clamp(relative.x(), 0.0, 1.0) * m_contentSize.width(),
                         std::clamp(relative.y(), 0.0, 1.0) * m_contentSize.height()));
    }
    updateHover();
}

void ImageCanvas::centreOn(const QPointF &imagePoint) {
    updateScrollBars();
    const QSize view = viewport()->size();
    horizontalScrollBar()->setValue(int(std::round(imagePoint.x() * m_zoom - view.width() / 2.0)));
    verticalScrollBar()->setValue(int(std::round(imagePoint.y() * m_zoom - view.height() / 2.0)));
    viewport()->update();
}

void ImageCanvas::updateHover() {
    QPoint pixel(-1, -1);
    if (m_cursor.x() >= 0) {
        const QPointF p = imagePointAt(m_cursor);
        pixel = QPoint(int(std::floor(p.x())), int(std::floor(p.y())));
        if (!QRect(QPoint(0, 0), m_contentSize).contains(pixel))
            pixel = {-1, -1};
    }
    if (pixel != m_hoverPixel) {
        m_hoverPixel = pixel;
        emit hovered(pixel);
    }
}

void ImageCanvas::setCandidate(std::shared_ptr<const labels::LabelOverlay> candidate) {
    m_layers->setOverlay(OverlayLayers::Candidate, std::move(candidate));
    viewport()->update();
}

void ImageCanvas::setDifference(const QImage &difference) {
    m_difference = difference;
    viewport()->update();
}

void ImageCanvas::setCompareView(CompareView view) {
    m_compareView = view;
    viewport()->unsetCursor();
    viewport()->update();
}

void ImageCanvas::setCandidateShown(bool shown) {
    m_candidateShown = shown;
    viewport()->update();
}

void ImageCanvas::setSwipePosition(double share) {
    m_swipe = std::clamp(share, 0.0, 1.0);
    viewport()->update();
}

double ImageCanvas::swipeX() const {
    return std::round(m_swipe * viewport()->width());
}

bool ImageCanvas::candidateShownAt(const QPointF &viewportPoint) const {
    switch (m_compareView) {
    case CompareView::Swipe:
        return viewportPoint.x() >= swipeX();
    case CompareView::Toggle:
        return m_candidateShown;
    default:
        return false;
    }
}

void ImageCanvas::matchView(const ImageCanvas &other) {
    if (other.m_fit) {
        if (!m_fit || m_zoom != other.m_zoom)
            zoomToFit();
        return;
    }
    const QPointF centre = other.imagePointAt(QRectF(other.viewport()->rect()).center());
    m_fit = false;
    const bool zoomed = m_zoom != other.m_zoom;
    m_zoom = other.m_zoom;
    centreOn(centre);
    if (zoomed)
        emit zoomChanged(m_zoom);
    updateHover();
}

void ImageCanvas::clear() {
    setContent({}, nullptr, {}, m_task);
}

void ImageCanvas::setOverlayOptions(const labels::OverlayOptions &options) {
    m_options = options;
    m_options.format = labels::OverlayFormat::Premultiplied;
    m_layers->setOptions(m_options);
    viewport()->update();
}

OverlayLayers::View ImageCanvas::layerView() const {
    return {origin(), m_zoom, viewport()->size(), devicePixelRatioF()};
}

void ImageCanvas::setImageVisible(bool visible) {
    m_showImage = visible;
    viewport()->update();
}

void ImageCanvas::setLabelsVisible(bool visible) {
    m_showLabels = visible;
    viewport()->update();
}

QPointF ImageCanvas::origin() const {
    const QSizeF scaled = QSizeF(m_contentSize) * m_zoom;
    const QSize view = viewport()->size();
    const double x = scaled.width() <= view.width() ? (view.width() - scaled.width()) / 2
                                                    : -horizontalScrollBar()->value();
    const double y = scaled.height() <= view.height() ? (view.height() - scaled.height()) / 2
                                                      : -verticalScrollBar()->value();
    return {std::round(x), std::round(y)};
}

QPointF ImageCanvas::imagePointAt(const QPointF &viewportPoint) const {
    return (viewportPoint - origin()) / m_zoom;
}

QPointF ImageCanvas::viewportPointOf(const QPointF &imagePoint) const {
    return origin() + imagePoint * m_zoom;
}

void ImageCanvas::updateScrollBars() {
    const QSize scaled = (QSizeF(m_contentSize) * m_zoom).toSize();
    const QSize view = viewport()->size();
    horizontalScrollBar()->setRange(0, std::max(0, scaled.width() - view.width()));
    horizontalScrollBar()->setPageStep(view.width());
    horizontalScrollBar()->setSingleStep(std::max(1, view.width() / 20));
    verticalScrollBar()->setRange(0, std::max(0, scaled.height() - view.height()));
    verticalScrollBar()->setPageStep(view.height());
    verticalScrollBar()->setSingleStep(std::max(1, view.height() / 20));
}

void ImageCanvas::zoomAbout(double zoom, const QPointF &viewportPoint) {
    zoomAbout(zoom, viewportPoint, imagePointAt(viewportPoint));
}

void ImageCanvas::zoomAbout(double zoom, const QPointF &viewportPoint, const QPointF &anchor) {
    zoom = std::clamp(zoom, MinZoom, MaxZoom);
    m_zoom = zoom;
    updateScrollBars();
    horizontalScrollBar()->setValue(int(std::round(anchor.x() * zoom - viewportPoint.x())));
    verticalScrollBar()->setValue(int(std::round(anchor.y() * zoom - viewportPoint.y())));
    viewport()->update();
    emit zoomChanged(m_zoom);
    updateHover();
}

void ImageCanvas::setZoom(double zoom) {
    m_fit = false;
    zoomAbout(zoom, QRectF(viewport()->rect()).center());
}

void ImageCanvas::zoomBy(double factor) {
    setZoom(m_zoom * factor);
}

void ImageCanvas::zoomToFit() {
    m_fit = true;
    if (m_contentSize.isEmpty()) {
        m_zoom = 1;
        updateScrollBars();
        viewport()->update();
        return;
    }
    const QSize view = viewport()->size();
    const double zoom = std::min(double(view.width()) / m_contentSize.width(),
                                 double(view.height()) / m_contentSize.height());
    m_zoom = std::clamp(zoom, MinZoom, MaxZoom);
    updateScrollBars();
    viewport()->update();
    emit zoomChanged(m_zoom);
    updateHover();
}

void ImageCanvas::zoomToRect(const QRectF &imageRect) {
    if (imageRect.isEmpty() && imageRect.width() <= 0 && imageRect.height() <= 0)
        return;
    const QSize view = viewport()->size();
    const double w = std::max(imageRect.width(), 8.0) * 1.5;
    const double h = std::max(imageRect.height(), 8.0) * 1.5;
    m_fit = false;
    m_zoom = std::clamp(std::min(view.width() / w, view.height() / h), MinZoom, MaxZoom);
    centreOn(imageRect.center());
    emit zoomChanged(m_zoom);
    updateHover();
}

void ImageCanvas::paintShapes(QPainter &painter, double scale) const {
    if (m_hasShapes)
        labels::paintVectorLabel(painter, m_vector, m_task, m_options, scale);
}

void ImageCanvas::paintEvent(QPaintEvent *event) {
    QPainter painter(viewport());
    painter.fillRect(event->rect(), palette().color(QPalette::Dark).darker(160));
    if (m_contentSize.isEmpty())
        return;
    const QPointF o = origin();
    const QRectF content(o, QSizeF(m_contentSize) * m_zoom);
    const QRectF visible = content.intersected(QRectF(event->rect()));
    if (visible.isEmpty())
        return;
    // The source pixels in view, widened to whole pixels; the target is exactly their image.
    const QRectF wanted((visible.topLeft() - o) / m_zoom, visible.size() / m_zoom);
    const QRect source =
        QRect(QPoint(int(std::floor(wanted.left())), int(std::floor(wanted.top()))),
              QPoint(int(std::ceil(wanted.right())) - 1, int(std::ceil(wanted.bottom())) - 1));
    const auto targetOf = [&](const QRect &r) {
        return QRectF(o + QPointF(r.topLeft()) * m_zoom, QSizeF(r.size()) * m_zoom);
    };
    // Minified: smooth; magnified: crisp pixels, which is what inspecting a label needs.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_zoom < 1);
    if (m_showImage && !m_image.isNull()) {
        const QRect s = source.intersected(m_image.rect());
        painter.drawImage(targetOf(s), m_image, s);
    } else {
        painter.fillRect(content.intersected(visible), checkerBrush());
    }
    if (!m_showLabels)
        return;
    const auto drawOverlay = [&](const QImage &overlay) {
        if (!overlay.isNull()) {
            const QRect s = source.intersected(overlay.rect());
            painter.drawImage(targetOf(s), overlay, s);
        }
    };
    const auto drawLayer = [&](int index) {
        const auto which = OverlayLayers::Which(index);
        drawOverlay(m_layers->image(which));
        if (const QImage &outlines = m_layers->outlines(which, layerView()); !outlines.isNull())
            painter.drawImage(QPointF(0, 0), outlines);
    };
    switch (m_compareView) {
    case CompareView::Difference:
        drawOverlay(m_difference);
        return;
    case CompareView::Toggle:
        drawLayer(m_candidateShown ? 1 : 0);
        break;
    case CompareView::Swipe: {
        const double x = swipeX();
        const QRectF all(viewport()->rect());
        painter.setClipRect(QRectF(all.topLeft(), QPointF(x, all.bottom() + 1)));
        drawLayer(0);
        painter.setClipRect(QRectF(QPointF(x, all.top()), all.bottomRight() + QPointF(1, 1)));
        drawLayer(1);
        painter.setClipping(false);
        // The divider in the selection's colour, with a grip in its middle.
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.drawLine(QPointF(x, all.top()), QPointF(x, all.bottom() + 1));
        painter.setBrush(palette().color(QPalette::Highlight));
        painter.setPen(QPen(palette().color(QPalette::HighlightedText), 1.5));
        painter.drawEllipse(QPointF(x, all.center().y()), 8, 8);
        return;
    }
    case CompareView::Off:
        drawLayer(0);
        break;
    }
    if (m_hasShapes) {
        painter.setClipRect(visible);
        painter.setTransform(QTransform::fromTranslate(o.x(), o.y()).scale(m_zoom, m_zoom));
        paintShapes(painter, m_zoom);
    }
}

void ImageCanvas::resizeEvent(QResizeEvent *event) {
    QAbstractScrollArea::resizeEvent(event);
    if (m_fit) {
        zoomToFit();
        return;
    }
    // The pixel that was in the middle stays there (a notice or status line coming and going
    // above the view must not shift what is looked at).
    const QSize grown = event->size() - event->oldSize();
    const QSizeF oldView = QSizeF(viewport()->size() - grown);
    const QSizeF scaled = QSizeF(m_contentSize) * m_zoom;
    const auto centreOf = [this](double scaledLength, double view, int scroll, int length) {
        return scaledLength <= view ? length / 2.0 : (scroll + view / 2) / m_zoom;
    };
    if (event->oldSize().isValid() && !m_contentSize.isEmpty())
        centreOn(QPointF(centreOf(scaled.width(), oldView.width(), horizontalScrollBar()->value(),
                                  m_contentSize.width()),
                         centreOf(scaled.height(), oldView.height(), verticalScrollBar()->value(),
                                  m_contentSize.height())));
    else
        updateScrollBars();
}

void ImageCanvas::scrollContentsBy(int, int) {
    viewport()->update();
    updateHover();
    emit viewMoved();
}

void ImageCanvas::wheelEvent(QWheelEvent *event) {
    const int delta = event->angleDelta().y();
    if (delta == 0)
        return QAbstractScrollArea::wheelEvent(event);
    m_fit = false;
    // A run of notches at one place zooms about the image point under it when the run began:
    // scroll positions are whole pixels, and taking the anchor again at each notch would let
    // their rounding add up, so the point under the cursor would creep.
    const QPoint scroll(horizontalScrollBar()->value(), verticalScrollBar()->value());
    if (event->position() != m_wheel.position || scroll != m_wheel.scroll || m_zoom != m_wheel.zoom)
        m_wheel = {event->position(), imagePointAt(event->position()), {}, 0};
    zoomAbout(m_zoom * std::pow(2.0, delta / 480.0), event->position(), m_wheel.anchor);
    m_wheel.scroll = QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
    m_wheel.zoom = m_zoom;
    event->accept();
}

void ImageCanvas::mousePressEvent(QMouseEvent *event) {
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    m_pressPos = m_lastDragPos = event->position().toPoint();
    m_dragging = false;
    // On the swipe divider (a few pixels either side): the press moves the divider.
    m_swiping =
        m_compareView == CompareView::Swipe && std::abs(event->position().x() - swipeX()) <= 8;
    // A click that only gave the view the focus selects nothing: the user meant the keys.
    m_focusClick = std::exchange(m_focusedByMouse, false);
    event->accept();
}

void ImageCanvas::mouseMoveEvent(QMouseEvent *event) {
    const QPoint pos = event->position().toPoint();
    m_cursor = pos;
    if (m_compareView == CompareView::Swipe) {
        if (m_swiping && viewport()->width() > 0) {
            setSwipePosition(double(pos.x()) / viewport()->width());
            emit swipeMoved(m_swipe);
        }
        if (m_swiping || std::abs(pos.x() - swipeX()) <= 8)
            viewport()->setCursor(Qt::SplitHCursor);
        else if (!m_dragging)
            viewport()->unsetCursor();
    }
    if ((event->buttons() & Qt::LeftButton) && !m_swiping) {
        if (!m_dragging && (pos - m_pressPos).manhattanLength() >= 4) {
            m_dragging = true;
            viewport()->setCursor(Qt::ClosedHandCursor);
        }
        if (m_dragging) {
            const QPoint d = pos - m_lastDragPos;
            horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
            verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
            m_lastDragPos = pos;
        }
    }
    updateHover();
}

void ImageCanvas::mouseReleaseEvent(QMouseEvent *event) {
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mouseReleaseEvent(event);
    if (m_dragging)
        viewport()->unsetCursor();
    else if (!m_focusClick && !m_swiping)
        emit clicked(imagePointAt(event->position()));
    m_dragging = false;
    m_swiping = false;
}

void ImageCanvas::focusInEvent(QFocusEvent *event) {
    QAbstractScrollArea::focusInEvent(event);
    // Focus moves before the press that caused it is delivered: mark that press.
    m_focusedByMouse = event->reason() == Qt::MouseFocusReason;
}

void ImageCanvas::focusOutEvent(QFocusEvent *event) {
    QAbstractScrollArea::focusOutEvent(event);
    m_focusedByMouse = false;
}

void ImageCanvas::leaveEvent(QEvent *event) {
    QAbstractScrollArea::leaveEvent(event);
    m_cursor = {-1, -1};
    updateHover();
}

void ImageCanvas::keyPressEvent(QKeyEvent *event) {
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        return zoomBy(1.25);
    case Qt::Key_Minus:
        return zoomBy(0.8);
    case Qt::Key_1:
        return setZoom(1);
    case Qt::Key_0:
    case Qt::Key_F:
        return zoomToFit();
    case Qt::Key_Left:
    case Qt::Key_PageUp:
        return emit stepRequested(-1);
    case Qt::Key_Right:
    case Qt::Key_PageDown:
        return emit stepRequested(1);
    default:
        return QAbstractScrollArea::keyPressEvent(event);
    }
}

QImage ImageCanvas::renderFullResolution() const {
    QImage out(m_contentSize, QImage::Format_ARGB32_Premultiplied);
    if (out.isNull())
        return out;
    out.fill(Qt::transparent);
    QPainter painter(&out);
    if (m_showImage && !m_image.isNull())
        painter.drawImage(QPoint(0, 0), m_image);
    // Comparing, the overlay shown at the view's centre (the difference, or a side).
    const bool candidate = candidateShownAt(QRectF(viewport()->rect()).center());
    const auto which = candidate ? OverlayLayers::Candidate : OverlayLayers::Reference;
    const std::shared_ptr<const labels::LabelOverlay> &overlay = m_layers->overlay(which);
    if (m_showLabels && m_compareView == CompareView::Difference) {
        painter.drawImage(QPoint(0, 0), m_difference);
    } else if (m_showLabels) {
        if (!m_layers->image(which).isNull())
            painter.drawImage(QPoint(0, 0), m_layers->image(which));
        if (overlay && m_options.outlineWidth > 0) {
            // The outline width in image pixels: the export has no screen to measure it on.
            const labels::InstanceIndex &index = overlay->index();
            QImage outlines(index.size(), QImage::Format_ARGB32_Premultiplied);
            labels::paintOutlines(index, overlay->outlineTable(m_options),
                                  {QPointF(0, 0), 1.0, m_options.outlineWidth}, &outlines);
            painter.drawImage(QPoint(0, 0), outlines);
        }
        if (!candidate)
            paintShapes(painter, 1.0);
    }
    painter.end();
    return out.convertToFormat(QImage::Format_ARGB32);
}

} // namespace segscope::ui
