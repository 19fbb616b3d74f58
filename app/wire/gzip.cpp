#include "gzip.h"

#include <zlib.h>

#include <algorithm>

namespace segscope::wire {

namespace {
constexpr int GzipWindowBits = 15 + 16;      // 16: write a gzip header, not a zlib one
constexpr int AnyHeaderWindowBits = 15 + 32; // 32: read a gzip or a zlib header
} // namespace

QByteArray gzipCompress(QByteArrayView data) {
    z_stream zs{};
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, GzipWindowBits, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(qsizetype(deflateBound(&zs, uLong(data.size())) + 32));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : QByteArray();
}

std::optional<QByteArray> inflate(QByteArrayView compressed, qint64 limit, InflateError *error) {
    InflateError failure = InflateError::None;
    z_stream zs{};
    if (inflateInit2(&zs, AnyHeaderWindowBits) != Z_OK) {
        if (error)
            *error = InflateError::Corrupt;
        return std::nullopt;
    }
    QByteArray out;
    out.resize(std::min<qint64>(std::max<qint64>(compressed.size() * 4, 4096), limit + 1));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    zs.avail_in = uInt(compressed.size());
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        if (zs.total_out >= uLong(out.size())) {
            if (out.size() > limit) {
                failure = InflateError::TooLarge;
                break;
            }
            out.resize(std::min<qint64>(out.size() * 2, limit + 1));
        }
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + zs.total_out);
        zs.avail_out = uInt(out.size() - qsizetype(zs.total_out));
        rc = ::inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && !(rc == Z_BUF_ERROR && zs.avail_out == 0)) {
            failure = InflateError::Corrupt;
            break;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0 && zs.avail_out != 0) {
            failure = InflateError::Corrupt; // truncated stream
            break;
        }
    }
    const uLong total = zs.total_out;
    inflateEnd(&zs);
    if (failure == InflateError::None && qint64(total) > limit)
        failure = InflateError::TooLarge;
    if (error)
        *error = failure;
    if (failure != InflateError::None)
        return std::nullopt;
    out.truncate(qsizetype(total));
    return out;
}

} // namespace segscope::wire
