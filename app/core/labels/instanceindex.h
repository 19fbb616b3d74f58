#pragma once

#include "instancebitmap.h"

#include <QRect>

#include <vector>

namespace segscope::labels {

//! The id map remapped once to dense indices, with the per-pixel edge flag and per-instance pixel
//! counts and bounds. Colouring then looks pixels up in a table of a few entries instead of
//! hashing 24-bit ids per pixel, and a repaint (opacity, visibility, highlight) only rebuilds
//! that table. Immutable after construction, so it can be shared between threads.
class InstanceIndex {
public:
    //! A cell is (dense index << 1) | EdgeBit-if-edge.
    static constexpr quint32 EdgeBit = 1;

    InstanceIndex() = default;
    //! One pass over the bitmap. A pixel is an edge when one of its 4-neighbours inside the bitmap
    //! has a different id.
    explicit InstanceIndex(const InstanceBitmap &bitmap);
    //! Same, reusing the bitmap's memory for the cells (no second 50 MB buffer).
    explicit InstanceIndex(InstanceBitmap &&bitmap);

    bool isNull() const { return m_width <= 0; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    QSize size() const { return {m_width, m_height}; }

    //! Number of distinct ids present, background included when it occurs.
    int count() const { return int(m_ids.size()); }
    //! The id of a dense index, 0 <= index < count().
    quint32 id(int index) const { return m_ids[size_t(index)]; }
    //! The dense index of an id, or -1 when no pixel has it.
    int indexOf(quint32 id) const;
    qint64 pixelCount(int index) const { return m_pixelCounts[size_t(index)]; }
    //! The smallest rectangle holding every pixel of the index.
    QRect bounds(int index) const { return m_bounds[size_t(index)]; }

    //! width() * height() cells, row-major.
    const quint32 *cells() const { return m_cells.data(); }
    //! The dense index at (x, y), or -1 outside.
    int indexAt(int x, int y) const;
    bool isEdge(int x, int y) const;
    //! The id at (x, y); 0 outside.
    quint32 idAt(int x, int y) const;

private:
    int m_width = 0;
    int m_height = 0;
    IdBuffer m_cells; // the bitmap's ids, overwritten in place
    std::vector<quint32> m_ids;
    std::vector<qint64> m_pixelCounts;
    std::vector<QRect> m_bounds;
    std::vector<std::pair<quint32, int>> m_sortedIds; // for indexOf

    void build(); // m_cells holds ids on entry, cells on return
};

} // namespace segscope::labels
