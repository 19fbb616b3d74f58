#include "pagefetchscheduler.h"

#include <algorithm>

namespace segscope::models {

PageFetchScheduler::PageFetchScheduler(QObject *context, std::function<void()> flush) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    QObject::connect(&m_timer, &QTimer::timeout, context, std::move(flush));
}

PageFetchScheduler::~PageFetchScheduler() {
    for (api::CallHandle &h : m_inFlight)
        h.cancel();
}

void PageFetchScheduler::want(int page) {
    m_wanted.insert(page);
    if (!m_timer.isActive())
        m_timer.start();
}

void PageFetchScheduler::flushSoon() {
    m_timer.start();
}

void PageFetchScheduler::cancelAll() {
    for (api::CallHandle &h : m_inFlight)
        h.cancel();
    m_inFlight.clear();
    m_wanted.clear();
}

void PageFetchScheduler::keepWithin(int firstPage, int lastPage) {
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if (it.key() < firstPage || it.key() > lastPage) {
            it->cancel();
            it = m_inFlight.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = m_wanted.begin(); it != m_wanted.end();) {
        if (*it < firstPage || *it > lastPage)
            it = m_wanted.erase(it);
        else
            ++it;
    }
}

QList<int> PageFetchScheduler::takeDue(int middlePage, const std::function<bool(int)> &needed) {
    QList<int> pages(m_wanted.begin(), m_wanted.end());
    std::sort(pages.begin(), pages.end(), [middlePage](int a, int b) {
        return std::abs(a - middlePage) < std::abs(b - middlePage);
    });
    QList<int> due;
    int freeSlots = kMaxInFlight - inFlightCount();
    for (int page : std::as_const(pages)) {
        if (freeSlots <= 0)
            break;
        m_wanted.remove(page);
        if (needed(page)) {
            due.append(page);
            --freeSlots;
        }
    }
    return due;
}

} // namespace segscope::models
