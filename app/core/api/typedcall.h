#pragma once

#include "apiclient.h"

#include "wire/jsonreader.h"

namespace segscope::api {

//! Turns the JSON of a successful answer into values (the model's validated readers).
namespace detail {
inline QJsonValue rootOf(const QJsonDocument &doc) {
    if (doc.isArray())
        return doc.array();
    if (doc.isObject())
        return doc.object();
    return QJsonValue(QJsonValue::Undefined);
}
} // namespace detail

//! Sends `request`; the answer is read as one T.
template <class T>
CallHandle callValue(ApiClient &client, ApiRequest request, QObject *context, Callback<T> done) {
    return client.send(std::move(request), context,
                       [done = std::move(done)](Result<RawResponse> r) {
                           if (!r.ok())
                               return done(r.error());
                           wire::JsonError error;
                           auto value = wire::readValue<T>(detail::rootOf(r->json), &error);
                           if (!value)
                               return done(ApiError::fromJsonError(error));
                           done(std::move(*value));
                       });
}

//! Sends `request`; the answer is read as a JSON array of T.
template <class T>
CallHandle callList(ApiClient &client, ApiRequest request, QObject *context,
                    Callback<QList<T>> done) {
    return client.send(std::move(request), context,
                       [done = std::move(done)](Result<RawResponse> r) {
                           if (!r.ok())
                               return done(r.error());
                           wire::JsonError error;
                           QList<T> values = wire::readList<T>(detail::rootOf(r->json), &error);
                           if (error.isSet())
                               return done(ApiError::fromJsonError(error));
                           done(std::move(values));
                       });
}

//! Sends `request`; any 2xx is success and the body is ignored (204 on DELETE).
inline CallHandle callDone(ApiClient &client, ApiRequest request, QObject *context,
                           Callback<Done> done) {
    return client.send(std::move(request), context,
                       [done = std::move(done)](Result<RawResponse> r) {
                           if (!r.ok())
                               return done(r.error());
                           done(Done{});
                       });
}

} // namespace segscope::api
