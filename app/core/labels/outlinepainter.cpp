#include "outlinepainter.h"

#include "overlaypainter.h"

#include <algorithm>
#include <cmath>

namespace segscope::labels {

namespace {

constexpr int Outside = -1; // a target pixel that shows no bitmap pixel
constexpr quint8 Far = 255; // no other instance within reach

//! The bitmap column (or row) shown by each target column from `first`, Outside beyond it.
std::vector<int> sampleMap(int first, int count, double origin, double zoom, int length) {
    std::vector<int> map(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        const double at = std::floor((first + i + 0.5 - origin) / zoom);
        map[size_t(i)] = at >= 0 && at < length ? int(at) : Outside;
    }
    return map;
}

//! One step of the distance to the nearest other instance along a line: 1 next to one, one more
//! than the neighbour's distance within the same instance, Far beyond the bitmap's border.
inline quint8 nextDistance(int here, int previous, quint8 previousDistance) {
    if (here == previous)
        return previousDistance == Far ? Far : quint8(previousDistance + 1);
    return previous == Outside ? Far : 1;
}

} // namespace

void paintOutlines(const InstanceIndex &index, const std::vector<quint32> &colors,
                   const OutlineGeometry &geometry, QImage *target) {
    if (target->isNull())
        return;
    target->fill(Qt::transparent);
    if (index.isNull() || !(geometry.zoom > 0))
        return;
    // Only the part of the target where an outlined instance lies: all of it in the outline
    // modes, a small box when only the highlighted instance is outlined.
    QRect outlined;
    for (int i = 0; i < index.count() && i < int(colors.size()); ++i) {
        if (colors[size_t(i)] != 0)
            outlined |= index.bounds(i);
    }
    if (outlined.isEmpty())
        return;
    const int reach = std::clamp(geometry.width, 1, 64);
    const QRect area =
        QRect(QPoint(int(std::floor(geometry.origin.x() + outlined.left() * geometry.zoom)),
                     int(std::floor(geometry.origin.y() + outlined.top() * geometry.zoom))),
              QPoint(int(std::ceil(geometry.origin.x() + (outlined.right() + 1) * geometry.zoom)),
                     int(std::ceil(geometry.origin.y() + (outlined.bottom() + 1) * geometry.zoom))))
            .intersected(target->rect());
    if (area.isEmpty())
        return;
    const int w = area.width(), h = area.height();
    // The area grown by `reach` columns on each side, so an instance just outside still
    // outlines the one beside it inside; each band of rows grows by `reach` rows the same way.
    const int ew = w + 2 * reach;
    const std::vector<int> columns =
        sampleMap(area.left() - reach, ew, geometry.origin.x(), geometry.zoom, index.width());
    const std::vector<int> rows = sampleMap(area.top() - reach, h + 2 * reach, geometry.origin.y(),
                                            geometry.zoom, index.height());
    const int *column = columns.data();
    const quint32 *cells = index.cells();
    const size_t bitmapWidth = size_t(index.width());
    const quint32 *lut = colors.data();
    const int count = int(colors.size());
    uchar *bits = target->bits(); // detached here, before the bands write to it
    const qsizetype bytesPerLine = target->bytesPerLine();

    // Bands of rows are independent (each with its own margin rows), so they run in parallel.
    forEachRowBand(h, 0, [&](int first, int end) {
        const int eh = end - first + 2 * reach; // the band's rows with their margins
        std::vector<int> shownBuffer(size_t(ew) * size_t(eh));
        std::vector<quint8> distanceBuffer(size_t(ew) * size_t(eh));
        std::vector<quint8> runBuffer(static_cast<size_t>(ew));
        int *const shown = shownBuffer.data();
        quint8 *const distance = distanceBuffer.data();
        quint8 *const run = runBuffer.data();

        // Top down: the dense index each pixel shows, the distance to the nearest other
        // instance along its row (both ways), and from above.
        std::fill(run, run + ew, Far);
        for (int y = 0; y < eh; ++y) {
            int *line = shown + size_t(y) * size_t(ew);
            quint8 *d = distance + size_t(y) * size_t(ew);
            const int bitmapRow = rows[size_t(first + y)];
            if (bitmapRow == Outside) {
                std::fill(line, line + ew, Outside);
            } else {
                const quint32 *cellRow = cells + size_t(bitmapRow) * bitmapWidth;
                for (int x = 0; x < ew; ++x)
                    line[x] = column[x] == Outside ? Outside : int(cellRow[column[x]] >> 1);
            }
            quint8 along = Far;
            d[0] = Far;
            for (int x = 1; x < ew; ++x)
                d[x] = along = nextDistance(line[x], line[x - 1], along);
            along = Far;
            for (int x = ew - 2; x >= 0; --x) {
                along = nextDistance(line[x], line[x + 1], along);
                d[x] = std::min(d[x], along);
            }
            if (y > 0) {
                const int *above = line - ew;
                for (int x = 0; x < ew; ++x) {
                    run[x] = nextDistance(line[x], above[x], run[x]);
                    d[x] = std::min(d[x], run[x]);
                }
            }
        }
        // Bottom up: the distance from below, and the band's own rows painted.
        std::fill(run, run + ew, Far);
        for (int y = eh - 2; y >= reach; --y) {
            const int *line = shown + size_t(y) * size_t(ew);
            const int *below = line + ew;
            quint8 *d = distance + size_t(y) * size_t(ew);
            for (int x = 0; x < ew; ++x) {
                run[x] = nextDistance(line[x], below[x], run[x]);
                d[x] = std::min(d[x], run[x]);
            }
            if (y >= eh - reach)
                continue; // a margin row: read, not painted
            auto *out = reinterpret_cast<quint32 *>(bits + (area.top() + first + y - reach) *
                                                               bytesPerLine) +
                        area.left();
            for (int x = 0; x < w; ++x) {
                const int shownIndex = line[x + reach];
                if (d[x + reach] <= reach && shownIndex != Outside && shownIndex < count)
                    out[x] = lut[shownIndex];
            }
        }
    });
}

} // namespace segscope::labels
