#include "labeloverlay.h"

#include "overlaypainter.h"

#include <QHash>

#include <cmath>

namespace segscope::labels {
namespace {

quint32 encode(const QColor &color, double alphaScale, OverlayFormat format) {
    const int alpha = int(std::lround(color.alpha() * std::clamp(alphaScale, 0.0, 1.0)));
    if (alpha == 0)
        return 0; // transparent is all zeros in both formats
    const QRgb straight = qRgba(color.red(), color.green(), color.blue(), alpha);
    return format == OverlayFormat::Premultiplied ? qPremultiply(straight) : straight;
}

} // namespace

LabelOverlay::LabelOverlay(const InstanceBitmap &bitmap, wire::LabelAttributes label,
                           wire::TaskAttributes task)
    : m_index(bitmap)
    , m_label(std::move(label))
    , m_task(std::move(task)) {
    joinAnnotations();
}

LabelOverlay::LabelOverlay(InstanceBitmap &&bitmap, wire::LabelAttributes label,
                           wire::TaskAttributes task)
    : m_index(std::move(bitmap))
    , m_label(std::move(label))
    , m_task(std::move(task)) {
    joinAnnotations();
}

void LabelOverlay::joinAnnotations() {
    QHash<qint64, int> annotationPos;
    for (qsizetype i = 0; i < m_label.annotations.size(); ++i) // duplicates: the first one wins
        annotationPos.insert(m_label.annotations.at(i).id, int(i));
    QHash<qint64, int> categoryPos;
    for (qsizetype i = 0; i < m_task.categories.size(); ++i)
        categoryPos.insert(m_task.categories.at(i).id, int(i));

    m_annotationPos.assign(size_t(m_index.count()), -1);
    m_categoryPos.assign(size_t(m_index.count()), -1);
    for (int i = 0; i < m_index.count(); ++i) {
        const quint32 id = m_index.id(i);
        if (id == 0)
            continue; // background, even if an annotation claims id 0
        const int a = annotationPos.value(qint64(id), -1);
        m_annotationPos[size_t(i)] = a;
        if (a >= 0)
            m_categoryPos[size_t(i)] = categoryPos.value(m_label.annotations.at(a).categoryId, -1);
    }
}

const wire::Annotation *LabelOverlay::annotationOf(int index) const {
    if (index < 0 || index >= m_index.count() || m_annotationPos[size_t(index)] < 0)
        return nullptr;
    return &m_label.annotations.at(m_annotationPos[size_t(index)]);
}

const wire::Category *LabelOverlay::categoryOf(int index) const {
    if (index < 0 || index >= m_index.count() || m_categoryPos[size_t(index)] < 0)
        return nullptr;
    return &m_task.categories.at(m_categoryPos[size_t(index)]);
}

OverlayHit LabelOverlay::hitTest(int x, int y) const {
    const int index = m_index.indexAt(x, y);
    if (index < 0)
        return {};
    return OverlayHit{true, m_index.id(index), annotationOf(index), categoryOf(index)};
}

QColor LabelOverlay::colorOf(int index, const OverlayOptions &options) const {
    const wire::Annotation *annotation = annotationOf(index);
    const wire::Category *category = categoryOf(index);
    if (annotation && options.colorBy == ColorBy::Instance)
        return wire::instanceColor(m_index.id(index));
    if (category)
        return category->color.value_or(wire::labelPalette().at(m_categoryPos[size_t(index)] % 36));
    return options.unannotatedColor;
}

std::vector<quint32> LabelOverlay::colorTable(const OverlayOptions &options) const {
    const int n = m_index.count();
    std::vector<quint32> table(size_t(n) * 2, 0);
    const double opacity = std::clamp(options.opacity, 0.0, 1.0);
    const bool fill = options.mode != DrawMode::Outline;
    const double edgeOpacity = options.mode == DrawMode::FillAndOutline ? 1.0 : opacity;
    for (int i = 0; i < n; ++i) {
        const quint32 id = m_index.id(i);
        if (id == 0)
            continue;
        const wire::Annotation *annotation = annotationOf(i);
        if (annotation && options.hiddenCategories.contains(annotation->categoryId))
            continue;
        const QColor color = colorOf(i, options);

        double fillOpacity = fill ? opacity : 0.0;
        quint32 edge = encode(color, edgeOpacity, options.format);
        if (id == options.highlightedId) {
            fillOpacity = std::max(opacity, OverlayOptions::HighlightOpacity);
            edge = encode(Qt::white, 1.0, options.format);
        }
        table[size_t(i) * 2] = encode(color, fillOpacity, options.format);
        // Outlines of a width are the caller's (paintOutlines), not the bitmap's edge pixels.
        table[size_t(i) * 2 + 1] = options.outlineWidth > 0 ? table[size_t(i) * 2] : edge;
    }
    return table;
}

std::vector<quint32> LabelOverlay::outlineTable(const OverlayOptions &options) const {
    const int n = m_index.count();
    std::vector<quint32> table(size_t(n), 0);
    const bool outlined = options.mode != DrawMode::Fill;
    for (int i = 0; i < n; ++i) {
        const quint32 id = m_index.id(i);
        if (id == 0)
            continue;
        const wire::Annotation *annotation = annotationOf(i);
        if (annotation && options.hiddenCategories.contains(annotation->categoryId))
            continue;
        if (id == options.highlightedId)
            table[size_t(i)] = encode(Qt::white, 1.0, options.format);
        else if (outlined)
            table[size_t(i)] = encode(colorOf(i, options), 1.0, options.format);
    }
    return table;
}

QImage LabelOverlay::render(const OverlayOptions &options) const {
    QImage image;
    render(options, &image);
    return image;
}

void LabelOverlay::render(const OverlayOptions &options, QImage *target) const {
    paintCells(m_index, colorTable(options), imageFormat(options.format), options.threads, target);
}

} // namespace segscope::labels
