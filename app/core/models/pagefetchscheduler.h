#pragma once

#include "api/result.h"

#include <QHash>
#include <QSet>
#include <QTimer>

#include <functional>

namespace segscope::models {

//! When the sample list's pages are fetched. Pages asked for (by data(), by the view) are
//! collected and fetched together on the next turn of the event loop, nearest the middle of the
//! view first, with at most a few requests in flight; pages that leave the view's neighbourhood
//! are forgotten and their requests cancelled.
class PageFetchScheduler {
public:
    //! `flush` runs on `context`'s thread when the pages asked for are due (see takeDue).
    PageFetchScheduler(QObject *context, std::function<void()> flush);
    ~PageFetchScheduler();
    PageFetchScheduler(const PageFetchScheduler &) = delete;
    PageFetchScheduler &operator=(const PageFetchScheduler &) = delete;

    //! Asks for `page`; the flush follows on the next turn.
    void want(int page);
    bool hasWanted() const { return !m_wanted.isEmpty(); }
    //! Runs the flush again on the next turn (a reply freed a slot).
    void flushSoon();

    bool isInFlight(int page) const { return m_inFlight.contains(page); }
    int inFlightCount() const { return int(m_inFlight.size()); }
    void started(int page, api::CallHandle call) { m_inFlight.insert(page, std::move(call)); }
    void finished(int page) { m_inFlight.remove(page); }

    //! Cancels every request and forgets every page asked for.
    void cancelAll();
    //! Cancels and forgets the pages outside [firstPage, lastPage].
    void keepWithin(int firstPage, int lastPage);
    //! Takes the pages asked for that are due now, nearest `middlePage` first, as many as free
    //! slots allow; pages `needed` refuses are forgotten without using a slot.
    QList<int> takeDue(int middlePage, const std::function<bool(int)> &needed);

private:
    static constexpr int kMaxInFlight = 4;

    QHash<int, api::CallHandle> m_inFlight;
    QSet<int> m_wanted;
    QTimer m_timer;
};

} // namespace segscope::models
