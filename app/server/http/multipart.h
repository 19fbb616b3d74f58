#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace segscope::server {

struct FormPart {
    QByteArray name;
    QByteArray filename;
    QByteArray contentType;
    QByteArrayView data; //!< points into the parsed body, which must outlive the part
};

//! Parses a multipart/form-data body (RFC 7578). Returns nullopt with `error` set when the body
//! is not well formed, including a body cut short before its closing boundary.
std::optional<QList<FormPart>> parseMultipart(QByteArrayView body, const QByteArray &contentType,
                                              QString *error);

} // namespace segscope::server
