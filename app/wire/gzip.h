#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace segscope::wire {

//! gzip (RFC 1952) of `data`, as sent with `Content-Encoding: gzip`; empty if zlib fails.
QByteArray gzipCompress(QByteArrayView data);

enum class InflateError { None, Corrupt, TooLarge };

//! Inflates a gzip or zlib stream, refusing to grow past `limit` bytes, so that a small body
//! that expands to gigabytes is refused instead of exhausting memory. Nothing on a corrupt or
//! truncated stream, with the reason in `error` when given.
std::optional<QByteArray> inflate(QByteArrayView compressed, qint64 limit,
                                  InflateError *error = nullptr);

} // namespace segscope::wire
