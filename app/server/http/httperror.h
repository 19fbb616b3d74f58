#pragma once

#include <QJsonObject>
#include <QString>

#include <exception>

namespace segscope::wire {
struct QueryError;
}

namespace segscope::server {

class StoreError;

//! An API error answered with a DRF-shaped body (docs/api-contract.md §2). Route code throws it;
//! the dispatcher turns it into the response, so a handler never answers half-way.
class HttpError : public std::exception {
public:
    HttpError(int status, QJsonObject body)
        : m_status(status)
        , m_body(std::move(body)) {}

    int status() const { return m_status; }
    const QJsonObject &body() const { return m_body; }
    const char *what() const noexcept override { return "HttpError"; }

    static HttpError detail(int status, const QString &detail);
    static HttpError badRequest(const QString &message) { return detail(400, message); }
    //! {"field": ["message"]}
    static HttpError field(const QString &field, const QString &message);
    static HttpError notFound();
    static HttpError invalidPage();
    static HttpError forbidden();
    static HttpError tooLarge(const QString &what);
    //! The one mapping of a store's refusal to an answer: NotFound is 404, Conflict a 400 on the
    //! field that clashes (as DRF answers a duplicate), Forbidden 403.
    static HttpError fromStore(const StoreError &error);
    //! A list parameter refused by wire's query reader: a bad page is 404 "Invalid page." (as
    //! DRF answers), a bad per_page a 400, any other a 400 on the parameter.
    static HttpError fromQuery(const wire::QueryError &error);

private:
    int m_status;
    QJsonObject m_body;
};

} // namespace segscope::server
