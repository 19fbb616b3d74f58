#include "gzip.h"

#include <zlib.h>

namespace segscope::api {

namespace {
constexpr int GzipWindowBits = 15 + 16; // 16: write a gzip header, not a zlib one
constexpr int Chunk = 64 * 1024;
} // namespace

QByteArray gzipCompress(const QByteArray &data) {
    z_stream zs{};
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, GzipWindowBits, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(qsizetype(deflateBound(&zs, uLong(data.size())) + 32));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : QByteArray();
}

QByteArray gzipDecompress(const QByteArray &data) {
    z_stream zs{};
    if (inflateInit2(&zs, GzipWindowBits) != Z_OK)
        return {};
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    QByteArray out;
    int rc = Z_OK;
    while (rc == Z_OK) {
        const qsizetype before = out.size();
        out.resize(before + Chunk);
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + before);
        zs.avail_out = Chunk;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.resize(before + Chunk - qsizetype(zs.avail_out));
        if (rc == Z_BUF_ERROR && zs.avail_in == 0)
            break;
    }
    inflateEnd(&zs);
    return rc == Z_STREAM_END ? out : QByteArray();
}

} // namespace segscope::api
