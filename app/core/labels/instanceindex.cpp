#include "instanceindex.h"

#include <QHash>

#include <algorithm>

namespace segscope::labels {
namespace {

struct Extent {
    int x0 = INT_MAX, y0 = INT_MAX, x1 = -1, y1 = -1;
};

} // namespace

InstanceIndex::InstanceIndex(const InstanceBitmap &bitmap) {
    if (bitmap.isNull())
        return;
    m_width = bitmap.width;
    m_height = bitmap.height;
    m_cells = bitmap.ids;
    build();
}

InstanceIndex::InstanceIndex(InstanceBitmap &&bitmap) {
    if (bitmap.isNull())
        return;
    m_width = bitmap.width;
    m_height = bitmap.height;
    m_cells = std::move(bitmap.ids);
    bitmap = InstanceBitmap();
    build();
}

void InstanceIndex::build() {
    const int w = m_width;
    const int h = m_height;
    QHash<quint32, int> indexOfId;
    std::vector<Extent> extents;
    auto lookup = [&](quint32 id) {
        auto it = indexOfId.constFind(id);
        if (it != indexOfId.constEnd())
            return *it;
        const int index = int(m_ids.size());
        indexOfId.insert(id, index);
        m_ids.push_back(id);
        m_pixelCounts.push_back(0);
        extents.push_back({});
        return index;
    };

    // Cells overwrite ids row by row in place. The row above is already cells, but a dense index
    // stands for exactly one id, so comparing indices there is comparing ids; the row below is
    // still ids; and a run is read before it is overwritten.
    // Ids come in runs along a row, and a run usually continues the one above it, so the hash is
    // only consulted where both guesses fail: a few times per boundary, not per pixel.
    for (int y = 0; y < h; ++y) {
        quint32 *cells = m_cells.data() + size_t(y) * size_t(w);
        const quint32 *down = y + 1 < h ? cells + w : nullptr;
        const quint32 *upCells = y > 0 ? cells - w : nullptr;
        int x = 0;
        while (x < w) {
            const quint32 id = cells[x];
            int end = x + 1;
            while (end < w && cells[end] == id)
                ++end;
            const int index =
                upCells && m_ids[upCells[x] >> 1] == id ? int(upCells[x] >> 1) : lookup(id);
            const quint32 cell = quint32(index) << 1;
            if (upCells && down) {
                for (int i = x; i < end; ++i)
                    cells[i] =
                        cell | quint32(((upCells[i] >> 1) != quint32(index)) | (down[i] != id));
            } else if (upCells) {
                for (int i = x; i < end; ++i)
                    cells[i] = cell | quint32((upCells[i] >> 1) != quint32(index));
            } else if (down) {
                for (int i = x; i < end; ++i)
                    cells[i] = cell | quint32(down[i] != id);
            } else {
                std::fill(cells + x, cells + end, cell);
            }
            if (x > 0)
                cells[x] |= EdgeBit;
            if (end < w)
                cells[end - 1] |= EdgeBit;
            m_pixelCounts[size_t(index)] += end - x;
            Extent &e = extents[size_t(index)];
            e.x0 = std::min(e.x0, x);
            e.x1 = std::max(e.x1, end - 1);
            e.y0 = std::min(e.y0, y);
            e.y1 = y;
            x = end;
        }
    }

    m_bounds.reserve(extents.size());
    for (const Extent &e : extents)
        m_bounds.push_back(QRect(QPoint(e.x0, e.y0), QPoint(e.x1, e.y1)));
    m_sortedIds.reserve(m_ids.size());
    for (size_t i = 0; i < m_ids.size(); ++i)
        m_sortedIds.emplace_back(m_ids[i], int(i));
    std::sort(m_sortedIds.begin(), m_sortedIds.end());
}

int InstanceIndex::indexOf(quint32 id) const {
    auto it = std::lower_bound(m_sortedIds.begin(), m_sortedIds.end(), std::pair(id, INT_MIN));
    return it != m_sortedIds.end() && it->first == id ? it->second : -1;
}

int InstanceIndex::indexAt(int x, int y) const {
    if (x < 0 || y < 0 || x >= m_width || y >= m_height)
        return -1;
    return int(m_cells[size_t(y) * size_t(m_width) + size_t(x)] >> 1);
}

bool InstanceIndex::isEdge(int x, int y) const {
    if (x < 0 || y < 0 || x >= m_width || y >= m_height)
        return false;
    return m_cells[size_t(y) * size_t(m_width) + size_t(x)] & EdgeBit;
}

quint32 InstanceIndex::idAt(int x, int y) const {
    const int index = indexAt(x, y);
    return index < 0 ? 0 : m_ids[size_t(index)];
}

} // namespace segscope::labels
