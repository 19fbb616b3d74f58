#include "pagewalk.h"

using namespace Qt::StringLiterals;

namespace segscope::api {

PageWalk::PageWalk(ApiClient &client, QObject *context)
    : Cancellable(&client)
    , m_client(client)
    , m_context(context) {}

CallHandle PageWalk::start(ApiClient &client, RequestForPage makeRequest, int firstPage,
                           int perPage, QObject *context, PageHandler onPage, Callback<Done> onDone,
                           Pace pace) {
    auto *walk = new PageWalk(client, context);
    walk->m_pace = pace;
    walk->m_makeRequest = std::move(makeRequest);
    walk->m_onPage = std::move(onPage);
    walk->m_onDone = std::move(onDone);
    walk->m_page = walk->m_firstPage = std::max(1, firstPage);
    walk->m_perPage = std::max(1, perPage);
    connect(context, &QObject::destroyed, walk, &PageWalk::cancel);
    walk->fetch();
    return CallHandle(walk);
}

void PageWalk::cancel() {
    for (auto &[page, call] : m_calls)
        call.cancel();
    m_calls.clear();
    m_arrived.clear();
    m_onDone = nullptr;
    m_onPage = nullptr;
    deleteLater();
}

void PageWalk::fetch() {
    // One ahead only once a full page has shown the list goes on: a list of one page costs
    // one request.
    const int last = m_pace == Pace::OneAhead && m_page > m_firstPage ? m_page + 1 : m_page;
    for (int page = m_page; page <= last; ++page) {
        if (m_calls.count(page) || m_arrived.count(page))
            continue;
        // The walk is the context of its page calls: cancelling it drops them too.
        m_calls.emplace(
            page, m_client.send(m_makeRequest(page), this, [this, page](Result<RawResponse> r) {
                onArrived(page, std::move(r));
            }));
    }
}

void PageWalk::onArrived(int page, Result<RawResponse> r) {
    m_calls.erase(page);
    if (!m_context || !m_onPage)
        return cancel();
    m_arrived.emplace(page, std::move(r));
    // In order: a page that came before the current one waits its turn.
    while (true) {
        const auto it = m_arrived.find(m_page);
        if (it == m_arrived.end())
            return;
        Result<RawResponse> current = std::move(it->second);
        m_arrived.erase(it);
        if (!handle(std::move(current)))
            return;
    }
}

bool PageWalk::handle(Result<RawResponse> r) {
    if (!r.ok()) {
        // Past the last page of a list whose length is a multiple of per_page.
        if (r.error().isInvalidPage() && m_page > m_firstPage)
            finish(Done{});
        else
            finish(r.error());
        return false;
    }
    if (!r->json.isArray()) {
        wire::JsonError error{QString(), u"expected an array"_s};
        finish(ApiError::fromJsonError(error));
        return false;
    }
    const qsizetype count = r->json.array().size();
    const Verdict verdict = m_onPage(r->json.array(), m_page);
    if (!m_onPage)
        return false; // the handler cancelled the walk
    if (verdict.error) {
        finish(*verdict.error);
        return false;
    }
    if (!verdict.keepGoing || count < m_perPage || count == 0) {
        finish(Done{});
        return false;
    }
    ++m_page;
    fetch();
    return true;
}

void PageWalk::finish(Result<Done> result) {
    // The page asked for ahead is not needed.
    for (auto &[page, call] : m_calls)
        call.cancel();
    m_calls.clear();
    m_arrived.clear();
    Callback<Done> done = std::move(m_onDone);
    m_onDone = nullptr;
    m_onPage = nullptr;
    deleteLater();
    if (done && m_context)
        done(std::move(result));
}

} // namespace segscope::api
