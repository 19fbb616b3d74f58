#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace segscope::server {

enum class InflateError { None, Corrupt, TooLarge };

//! Inflates a gzip (or zlib) body, refusing to grow past `limit` bytes (a zip bomb is a 413,
//! not an out-of-memory).
std::optional<QByteArray> inflateBody(QByteArrayView compressed, qint64 limit, InflateError *error);

} // namespace segscope::server
