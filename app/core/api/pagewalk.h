#pragma once

#include "apiclient.h"

#include "wire/jsonreader.h"

namespace segscope::api {

//! Walks the pages of a list endpoint (docs/api-contract.md §5): page after page until a short
//! page, an empty one, or `Invalid page.` (the 404 past the end when the total is a multiple of
//! per_page). Only one page is held at a time, so memory stays flat however long the list.
class PageWalk : public Cancellable {
    Q_OBJECT

public:
    //! What the page handler wants next.
    struct Verdict {
        bool keepGoing = true;
        std::optional<ApiError> error; //!< stops the walk and reports this
    };
    using RequestForPage = std::function<ApiRequest(int page)>;
    using PageHandler = std::function<Verdict(const QJsonArray &items, int page)>;

    //! Starts at `firstPage`; `perPage` must be what `makeRequest` asks for.
    static CallHandle start(ApiClient &client, RequestForPage makeRequest, int firstPage,
                            int perPage, QObject *context, PageHandler onPage,
                            Callback<Done> onDone);

    void cancel() override;

private:
    PageWalk(ApiClient &client, QObject *context);
    void fetch();
    void onPage(Result<RawResponse> r);
    void finish(Result<Done> result);

    ApiClient &m_client;
    QPointer<QObject> m_context;
    RequestForPage m_makeRequest;
    PageHandler m_onPage;
    Callback<Done> m_onDone;
    CallHandle m_current;
    int m_page = 1;
    int m_firstPage = 1;
    int m_perPage = 1000;
};

//! Walks every page of a list of T, handing each page (read and validated) to `onPage`;
//! `onPage` returns false to stop early (then `onDone` reports success).
template <class T>
CallHandle walkPages(ApiClient &client, PageWalk::RequestForPage makeRequest, int firstPage,
                     int perPage, QObject *context,
                     std::function<bool(QList<T> page, int pageNumber)> onPage,
                     Callback<Done> onDone) {
    auto handler = [onPage = std::move(onPage)](const QJsonArray &items, int page) {
        wire::JsonError error;
        QList<T> values = wire::readList<T>(items, &error);
        if (error.isSet())
            return PageWalk::Verdict{false, ApiError::fromJsonError(error)};
        return PageWalk::Verdict{onPage(std::move(values), page), std::nullopt};
    };
    return PageWalk::start(client, std::move(makeRequest), firstPage, perPage, context,
                           std::move(handler), std::move(onDone));
}

} // namespace segscope::api
