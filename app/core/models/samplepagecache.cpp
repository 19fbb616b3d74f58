#include "samplepagecache.h"

#include <algorithm>

namespace segscope::models {

const QList<SampleRow> *SamplePageCache::page(int page) const {
    const auto it = m_pages.constFind(page);
    return it == m_pages.constEnd() ? nullptr : &*it;
}

void SamplePageCache::insert(int page, const QList<SampleRow> &rows) {
    m_rows += int(rows.size()) - int(m_pages.value(page).size());
    m_pages.insert(page, rows);
    m_stale.remove(page);
}

bool SamplePageCache::replaceRow(const SampleRow &row) {
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        for (SampleRow &held : *it) {
            if (held.uuid == row.uuid) {
                held = row;
                return true;
            }
        }
    }
    return false;
}

void SamplePageCache::markAllStale() {
    for (auto it = m_pages.keyBegin(); it != m_pages.keyEnd(); ++it)
        m_stale.insert(*it);
}

void SamplePageCache::clear() {
    m_pages.clear();
    m_stale.clear();
    m_rows = 0;
}

void SamplePageCache::evictFarFrom(int middlePage, int maxPages) {
    if (m_pages.size() <= maxPages)
        return;
    QList<int> pages = m_pages.keys();
    std::sort(pages.begin(), pages.end(), [middlePage](int a, int b) {
        return std::abs(a - middlePage) > std::abs(b - middlePage);
    });
    for (int i = 0; i < pages.size() && m_pages.size() > maxPages; ++i) {
        m_rows -= int(m_pages.value(pages.at(i)).size());
        m_pages.remove(pages.at(i));
        m_stale.remove(pages.at(i));
    }
}

} // namespace segscope::models
