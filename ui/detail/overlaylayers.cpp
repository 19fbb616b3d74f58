#include "detail/overlaylayers.h"

#include "labels/outlinepainter.h"
#include "threading.h"

#include <QThreadPool>

#include <algorithm>
#include <cmath>
#include <utility>

namespace segscope::ui {

OverlayLayers::OverlayLayers(QObject *parent)
    : QObject(parent)
    , m_mailbox(std::make_shared<Mailbox>(this)) {}

OverlayLayers::~OverlayLayers() {
    m_mailbox->close();
}

void OverlayLayers::setOverlay(Which which, std::shared_ptr<const labels::LabelOverlay> overlay) {
    Layer &layer = m_layers[which];
    layer.overlay = std::move(overlay);
    ++layer.generation;
    layer.image = QImage();
    recolour(layer);
}

void OverlayLayers::setOptions(const labels::OverlayOptions &options) {
    m_options = options;
    recolourAll();
}

bool OverlayLayers::pending() const {
    return std::any_of(m_layers.begin(), m_layers.end(),
                       [](const Layer &l) { return l.recolouring || l.dirty; });
}

const QImage &OverlayLayers::outlines(Which which, const View &view) {
    Layer &layer = m_layers[which];
    if (!layer.outlinesStale && view == layer.outlineView)
        return layer.outlines;
    layer.outlinesStale = false;
    layer.outlineView = view;
    if (!layer.overlay || m_options.outlineWidth <= 0) {
        layer.outlines = QImage();
        return layer.outlines;
    }
    // At the screen's resolution, so the outline keeps its width at every zoom.
    const QSize size = (QSizeF(view.size) * view.ratio).toSize();
    if (layer.outlines.size() != size)
        layer.outlines = QImage(size, QImage::Format_ARGB32_Premultiplied);
    layer.outlines.setDevicePixelRatio(1);
    labels::paintOutlines(layer.overlay->index(), layer.overlay->outlineTable(m_options),
                          {view.origin * view.ratio, view.zoom * view.ratio,
                           int(std::lround(m_options.outlineWidth * view.ratio))},
                          &layer.outlines);
    layer.outlines.setDevicePixelRatio(view.ratio);
    return layer.outlines;
}

void OverlayLayers::recolourAll() {
    for (Layer &layer : m_layers)
        recolour(layer);
}

void OverlayLayers::recolour(Layer &layer) {
    layer.outlinesStale = true;
    layer.dirty = layer.overlay != nullptr;
    if (!layer.overlay)
        layer.image = QImage();
    // A layer colouring now starts its next when it ends; a queued start sees this change.
    if (!layer.dirty || m_queued)
        return;
    m_queued = true;
    QMetaObject::invokeMethod(this, &OverlayLayers::start, Qt::QueuedConnection);
}

void OverlayLayers::start() {
    m_queued = false;
    for (int which = 0; which < int(m_layers.size()); ++which) {
        Layer &layer = m_layers[size_t(which)];
        if (!layer.dirty || !layer.overlay || layer.recolouring)
            continue;
        layer.dirty = false;
        layer.recolouring = true;
        // The task owns what it reads (the overlay is immutable and shared) and the buffer it
        // paints; the view keeps painting the layer's image meanwhile.
        threading::detailPool()->start([mailbox = m_mailbox, overlay = layer.overlay,
                                        options = m_options, which, generation = layer.generation,
                                        buffer = std::exchange(layer.spare, QImage())]() mutable {
            overlay->render(options, &buffer);
            // Moved, so the layer holds the only reference and can paint into it unshared.
            mailbox->post([which, generation, buffer = std::move(buffer)](OverlayLayers *l) {
                l->onRecoloured(which, generation, buffer);
            });
        });
    }
}

void OverlayLayers::onRecoloured(int which, quint64 generation, QImage image) {
    Layer &layer = m_layers[size_t(which)];
    layer.recolouring = false;
    if (generation == layer.generation)
        layer.spare = std::exchange(layer.image, std::move(image));
    else if (layer.spare.isNull())
        layer.spare = std::move(image); // stale, but its memory serves the next one
    if (layer.dirty)
        start();
    emit recoloured();
}

} // namespace segscope::ui
