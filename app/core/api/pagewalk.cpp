#include "pagewalk.h"

using namespace Qt::StringLiterals;

namespace segscope::api {

PageWalk::PageWalk(ApiClient &client, QObject *context)
    : Cancellable(&client)
    , m_client(client)
    , m_context(context) {}

CallHandle PageWalk::start(ApiClient &client, RequestForPage makeRequest, int firstPage,
                           int perPage, QObject *context, PageHandler onPage,
                           Callback<Done> onDone) {
    auto *walk = new PageWalk(client, context);
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
    m_current.cancel();
    m_onDone = nullptr;
    m_onPage = nullptr;
    deleteLater();
}

void PageWalk::fetch() {
    // The walk is the context of its page calls: cancelling it drops them too.
    m_current = m_client.send(m_makeRequest(m_page), this,
                              [this](Result<RawResponse> r) { onPage(std::move(r)); });
}

void PageWalk::onPage(Result<RawResponse> r) {
    if (!m_context || !m_onPage)
        return cancel();
    if (!r.ok()) {
        // Past the last page of a list whose length is a multiple of per_page.
        if (r.error().isInvalidPage() && m_page > m_firstPage)
            return finish(Done{});
        return finish(r.error());
    }
    if (!r->json.isArray()) {
        wire::JsonError error{QString(), u"expected an array"_s};
        return finish(ApiError::fromJsonError(error));
    }
    const qsizetype count = r->json.array().size();
    const Verdict verdict = m_onPage(r->json.array(), m_page);
    if (verdict.error)
        return finish(*verdict.error);
    if (!verdict.keepGoing || count < m_perPage || count == 0)
        return finish(Done{});
    ++m_page;
    fetch();
}

void PageWalk::finish(Result<Done> result) {
    Callback<Done> done = std::move(m_onDone);
    m_onDone = nullptr;
    m_onPage = nullptr;
    deleteLater();
    if (done && m_context)
        done(std::move(result));
}

} // namespace segscope::api
