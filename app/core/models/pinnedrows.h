#pragma once

#include "samplerow.h"

namespace segscope::models {

//! The samples added in this session (the upload dialog, a drop), pinned at the top of the
//! sample list newest first, and the places where the server lists them once a page has shown
//! them: those places are skipped below, so no sample shows twice. Positions count in the
//! server's order (what pages are cut from); rows count in the model.
class PinnedRows {
public:
    int size() const { return int(m_rows.size()); }
    const SampleRow &at(int i) const { return m_rows.at(i); }
    //! Its index among the pinned rows, or -1.
    int indexOf(const QString &uuid) const;
    bool contains(const QString &uuid) const { return indexOf(uuid) >= 0; }

    void prepend(const SampleRow &row) { m_rows.prepend(row); }
    void replace(int i, const SampleRow &row) { m_rows[i] = row; }
    void clear();
    //! Forgets where the server lists them (its order shifted), keeping the rows.
    void forgetPositions() { m_positions.clear(); }
    //! Notes that the server lists a pinned sample at `position`; false when already known.
    bool notePosition(int position);

    //! The server position of a paged row (a model row below the pinned ones, counted from 0).
    int serverPosition(int pagedRow) const;
    //! The model row that shows server position `position`.
    int modelRowOf(int position) const;

private:
    QList<SampleRow> m_rows; //!< newest first
    QList<int> m_positions;  //!< sorted
};

} // namespace segscope::models
