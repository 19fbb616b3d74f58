#include "pinnedrows.h"

#include <algorithm>

namespace segscope::models {

int PinnedRows::indexOf(const QString &uuid) const {
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).uuid == uuid)
            return int(i);
    }
    return -1;
}

void PinnedRows::clear() {
    m_rows.clear();
    m_positions.clear();
}

bool PinnedRows::notePosition(int position) {
    const auto at = std::lower_bound(m_positions.begin(), m_positions.end(), position);
    if (at != m_positions.end() && *at == position)
        return false;
    m_positions.insert(at, position);
    return true;
}

int PinnedRows::serverPosition(int pagedRow) const {
    int position = pagedRow;
    for (const int pinned : m_positions) {
        if (pinned > position)
            break;
        ++position;
    }
    return position;
}

int PinnedRows::modelRowOf(int position) const {
    const auto before = std::lower_bound(m_positions.begin(), m_positions.end(), position);
    return size() + position - int(before - m_positions.begin());
}

} // namespace segscope::models
