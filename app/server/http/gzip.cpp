#include "gzip.h"

#include <zlib.h>

namespace segscope::server {

std::optional<QByteArray> inflateBody(QByteArrayView compressed, qint64 limit,
                                      InflateError *error) {
    *error = InflateError::None;
    z_stream zs{};
    // 32 + 15: accept gzip or zlib headers.
    if (inflateInit2(&zs, 32 + 15) != Z_OK) {
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
                *error = InflateError::TooLarge;
                break;
            }
            out.resize(std::min<qint64>(out.size() * 2, limit + 1));
        }
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + zs.total_out);
        zs.avail_out = uInt(out.size() - zs.total_out);
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && !(rc == Z_BUF_ERROR && zs.avail_out == 0)) {
            *error = InflateError::Corrupt;
            break;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0 && zs.avail_out != 0) {
            *error = InflateError::Corrupt; // truncated stream
            break;
        }
    }
    const uLong total = zs.total_out;
    inflateEnd(&zs);
    if (*error == InflateError::None && qint64(total) > limit)
        *error = InflateError::TooLarge;
    if (*error != InflateError::None)
        return std::nullopt;
    out.truncate(qsizetype(total));
    return out;
}

} // namespace segscope::server
