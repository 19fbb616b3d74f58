#pragma once

#include <QByteArray>

namespace segscope::api {

//! gzip (RFC 1952) of `data`, as sent with `Content-Encoding: gzip`.
QByteArray gzipCompress(const QByteArray &data);
//! Inflates gzip data; empty on a corrupt stream. Used by tests and tools.
QByteArray gzipDecompress(const QByteArray &data);

} // namespace segscope::api
