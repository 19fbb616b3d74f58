#pragma once

#include <QString>

#include <exception>

namespace segscope::server {

//! What a store refuses, in the store's own terms. Stores know nothing of HTTP: the front end
//! maps each kind to a status in one place (HttpError::fromStore). Input is checked by the
//! routes before a store sees it; these are the refusals only the stored state can decide.
class StoreError : public std::exception {
public:
    enum Kind {
        NotFound,  //!< no such row
        Conflict,  //!< the value clashes with a stored one (a duplicate name)
        Forbidden, //!< the stored state does not allow it (an upload key already used)
    };

    StoreError(Kind kind, QString field, QString message)
        : m_kind(kind)
        , m_field(std::move(field))
        , m_message(std::move(message)) {}

    static StoreError notFound() { return StoreError(NotFound, {}, {}); }
    //! `field` is the request field whose value clashes, so the answer can name it.
    static StoreError conflict(const QString &field, const QString &message) {
        return StoreError(Conflict, field, message);
    }
    static StoreError forbidden(const QString &message) {
        return StoreError(Forbidden, {}, message);
    }

    Kind kind() const { return m_kind; }
    const QString &field() const { return m_field; }
    const QString &message() const { return m_message; }
    const char *what() const noexcept override { return "StoreError"; }

private:
    Kind m_kind;
    QString m_field;
    QString m_message;
};

} // namespace segscope::server
