#pragma once

#include "samplerow.h"

#include <QHash>
#include <QSet>

namespace segscope::models {

//! The pages of the unfiltered sample list as fetched (server page -> rows), which of them are
//! stale (shown as they are, but refetched when looked at), and how many rows they hold. Keeps
//! at most a given number of pages by dropping those farthest from the view.
class SamplePageCache {
public:
    bool contains(int page) const { return m_pages.contains(page); }
    //! Not held, or held but stale.
    bool needsFetch(int page) const { return !m_pages.contains(page) || m_stale.contains(page); }
    //! The rows of `page`, or nullptr when it is not held.
    const QList<SampleRow> *page(int page) const;
    const QHash<int, QList<SampleRow>> &pages() const { return m_pages; }
    int rowCount() const { return m_rows; }

    //! Holds `rows` as `page` (fresh), replacing what it held.
    void insert(int page, const QList<SampleRow> &rows);
    //! Puts `row` in place of the held row with the same uuid (fetched again alone); false
    //! when no page holds it.
    bool replaceRow(const SampleRow &row);
    //! Every page held is to be refetched when looked at (the server's order shifted, or rows
    //! need more than they were fetched with).
    void markAllStale();
    void clear();
    //! Drops the pages farthest from `middlePage` until at most `maxPages` remain.
    void evictFarFrom(int middlePage, int maxPages);

private:
    QHash<int, QList<SampleRow>> m_pages;
    QSet<int> m_stale;
    int m_rows = 0;
};

} // namespace segscope::models
