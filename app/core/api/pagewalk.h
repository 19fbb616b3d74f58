#pragma once

#include "apiclient.h"

#include "wire/jsonreader.h"

#include <map>

namespace segscope::api {

//! Walks the pages of a list endpoint (docs/api-contract.md §5): page after page until a short
//! page, an empty one, or `Invalid page.` (the 404 past the end when the total is a multiple of
//! per_page). Only one page is held at a time, so memory stays flat however long the list; a
//! walk that reads everything (Pace::OneAhead) asks for the next page while the current one is
//! handled, from the second page on, so the server works while the client reads: pages are
//! still handed over in order, at most two are held, and the end costs one request past it.
class PageWalk : public Cancellable {
    Q_OBJECT

public:
    //! What the page handler wants next.
    struct Verdict {
        bool keepGoing = true;
        std::optional<ApiError> error; //!< stops the walk and reports this
    };
    //! One page at a time, or the next one asked for while the current one is handled.
    enum class Pace { OneAtATime, OneAhead };
    using RequestForPage = std::function<ApiRequest(int page)>;
    using PageHandler = std::function<Verdict(const QJsonArray &items, int page)>;

    //! Starts at `firstPage`; `perPage` must be what `makeRequest` asks for.
    static CallHandle start(ApiClient &client, RequestForPage makeRequest, int firstPage,
                            int perPage, QObject *context, PageHandler onPage,
                            Callback<Done> onDone, Pace pace = Pace::OneAtATime);

    void cancel() override;

private:
    PageWalk(ApiClient &client, QObject *context);
    //! Asks for the current page and (OneAhead, after the first) the next, unless asked already.
    void fetch();
    void onArrived(int page, Result<RawResponse> r);
    //! Handles the current page if it has arrived; false when the walk ended.
    bool handle(Result<RawResponse> r);
    void finish(Result<Done> result);

    ApiClient &m_client;
    QPointer<QObject> m_context;
    RequestForPage m_makeRequest;
    PageHandler m_onPage;
    Callback<Done> m_onDone;
    std::map<int, CallHandle> m_calls;            //!< pages asked for, not arrived
    std::map<int, Result<RawResponse>> m_arrived; //!< pages arrived ahead of their turn
    int m_page = 1;                               //!< the page handled next
    int m_firstPage = 1;
    int m_perPage = 1000;
    Pace m_pace = Pace::OneAtATime;
};

//! Walks every page of a list of T, handing each page (read and validated) to `onPage`;
//! `onPage` returns false to stop early (then `onDone` reports success).
template <class T>
CallHandle walkPages(ApiClient &client, PageWalk::RequestForPage makeRequest, int firstPage,
                     int perPage, QObject *context,
                     std::function<bool(QList<T> page, int pageNumber)> onPage,
                     Callback<Done> onDone, PageWalk::Pace pace = PageWalk::Pace::OneAtATime) {
    auto handler = [onPage = std::move(onPage)](const QJsonArray &items, int page) {
        wire::JsonError error;
        QList<T> values = wire::readList<T>(items, &error);
        if (error.isSet())
            return PageWalk::Verdict{false, ApiError::fromJsonError(error)};
        return PageWalk::Verdict{onPage(std::move(values), page), std::nullopt};
    };
    return PageWalk::start(client, std::move(makeRequest), firstPage, perPage, context,
                           std::move(handler), std::move(onDone), pace);
}

} // namespace segscope::api
