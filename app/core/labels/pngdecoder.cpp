#include "pngdecoder.h"

#include "pngunfilter.h"

#include <QBuffer>
#include <QImageReader>

#include <libdeflate.h>

#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

namespace segscope::labels {
namespace {

constexpr uchar Signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
// Deflate cannot expand more than 1032:1 (a 258-byte match in two bits), so an IDAT stream
// too short for the pixels IHDR promises is rejected before allocating for them.
constexpr qint64 MaxDeflateRatio = 1032;

quint32 readBe32(const uchar *p) {
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

quint32 chunkType(const char (&name)[5]) {
    return readBe32(reinterpret_cast<const uchar *>(name));
}

BitmapError error(BitmapError::Kind kind, const QString &message) {
    return BitmapError{kind, message};
}

struct Header {
    quint32 width = 0;
    quint32 height = 0;
    uchar bitDepth = 0;
    uchar colorType = 0;
    uchar interlace = 0;

    int bytesPerPixel() const { return colorType == 6 ? 4 : 3; }
    bool isFastPath() const {
        return bitDepth == 8 && (colorType == 2 || colorType == 6) && interlace == 0;
    }
};

//! The result of walking the chunks: the header and the IDAT payloads in order.
struct PngLayout {
    Header header;
    QVarLengthArray<QByteArrayView, 8> idat;
    qint64 idatSize = 0;
};

std::optional<BitmapError> parseLayout(QByteArrayView data, bool verifyCrc, PngLayout *layout) {
    using Kind = BitmapError::Kind;
    const auto *bytes = reinterpret_cast<const uchar *>(data.data());
    const qsizetype size = data.size();
    if (size < qsizetype(sizeof Signature) || std::memcmp(bytes, Signature, sizeof Signature) != 0)
        return error(Kind::NotPng, u"not a PNG file (no PNG signature)"_s);

    qsizetype pos = sizeof Signature;
    bool first = true;
    bool idatEnded = false;
    while (true) {
        if (size - pos < 8)
            return error(Kind::Truncated, u"truncated PNG: the file ends before IEND"_s);
        const quint32 length = readBe32(bytes + pos);
        const quint32 type = readBe32(bytes + pos + 4);
        if (length > 0x7fffffffu)
            return error(Kind::Corrupt, u"corrupt PNG: a chunk length is out of range"_s);
        if (size - pos - 8 < qsizetype(length) + 4) {
            return error(Kind::Truncated,
                         u"truncated PNG: the %1 chunk runs past the end of the file"_s.arg(
                             QLatin1StringView(data.data() + pos + 4, 4)));
        }
        const uchar *payload = bytes + pos + 8;
        if (verifyCrc) {
            const quint32 expected = readBe32(payload + length);
            if (libdeflate_crc32(0, bytes + pos + 4, size_t(length) + 4) != expected)
                return error(Kind::Corrupt, u"corrupt PNG: a chunk fails its CRC check"_s);
        }
        pos += qsizetype(length) + 12;

        if (first) {
            if (type != chunkType("IHDR") || length != 13)
                return error(Kind::Corrupt, u"corrupt PNG: the first chunk is not IHDR"_s);
            Header &h = layout->header;
            h.width = readBe32(payload);
            h.height = readBe32(payload + 4);
            h.bitDepth = payload[8];
            h.colorType = payload[9];
            h.interlace = payload[12];
            if (h.width == 0 || h.height == 0 || payload[10] != 0 || payload[11] != 0 ||
                h.interlace > 1) {
                return error(Kind::Corrupt, u"corrupt PNG: invalid IHDR"_s);
            }
            if (!isAcceptableBitmapSize(h.width, h.height)) {
                return error(Kind::TooLarge, u"bitmap too large: %1 x %2 pixels (the limit is %3 "
                                             u"per side and %4 pixels)"_s.arg(h.width)
                                                 .arg(h.height)
                                                 .arg(MaxBitmapSide)
                                                 .arg(MaxBitmapPixels));
            }
            first = false;
            continue;
        }
        if (type == chunkType("IDAT")) {
            if (idatEnded)
                return error(Kind::Corrupt, u"corrupt PNG: IDAT chunks are not consecutive"_s);
            layout->idat.append(QByteArrayView(payload, length));
            layout->idatSize += length;
        } else {
            idatEnded = !layout->idat.isEmpty();
            if (type == chunkType("IEND"))
                break;
        }
    }
    if (layout->idat.isEmpty())
        return error(BitmapError::Kind::Corrupt, u"corrupt PNG: no image data (IDAT)"_s);
    return std::nullopt;
}

struct DecompressorDeleter {
    void operator()(libdeflate_decompressor *d) const { libdeflate_free_decompressor(d); }
};

DecodeResult decodeFast(const PngLayout &layout) {
    using Kind = BitmapError::Kind;
    const Header &h = layout.header;
    const int width = int(h.width);
    const int height = int(h.height);
    const int bpp = h.bytesPerPixel();
    const size_t stride = 1 + size_t(width) * size_t(bpp);
    const size_t expected = stride * size_t(height);
    if (qint64(expected) > layout.idatSize * MaxDeflateRatio + 64)
        return error(Kind::Truncated, u"truncated PNG: too little image data for its size"_s);

    // libdeflate wants the whole stream contiguous; only copy when it is split over chunks.
    QByteArray joined;
    QByteArrayView stream = layout.idat.first();
    if (layout.idat.size() > 1) {
        joined.reserve(layout.idatSize);
        for (QByteArrayView part : layout.idat)
            joined.append(part);
        stream = joined;
    }

    const std::unique_ptr<libdeflate_decompressor, DecompressorDeleter> decompressor(
        libdeflate_alloc_decompressor());
    if (!decompressor)
        return error(Kind::Corrupt, u"out of memory for the zlib decompressor"_s);
    std::vector<uchar, PooledAllocator<uchar>> inflated;
    inflated.resize(expected);
    // No actual-size out parameter: libdeflate then fails unless the stream is exactly the size
    // IHDR implies, which rejects both short and overlong pixel data.
    const libdeflate_result r =
        libdeflate_zlib_decompress(decompressor.get(), stream.data(), size_t(stream.size()),
                                   inflated.data(), expected, nullptr);
    if (r != LIBDEFLATE_SUCCESS) {
        const QString why = r == LIBDEFLATE_SHORT_OUTPUT         ? u"too little image data"_s
                            : r == LIBDEFLATE_INSUFFICIENT_SPACE ? u"too much image data"_s
                                                                 : u"invalid zlib stream"_s;
        return error(r == LIBDEFLATE_SHORT_OUTPUT ? Kind::Truncated : Kind::Corrupt,
                     u"corrupt PNG: %1"_s.arg(why));
    }

    InstanceBitmap bitmap = InstanceBitmap::allocate(width, height);
    const std::vector<uchar> zeroRow(stride - 1, 0);
    const uchar *prior = zeroRow.data();
    for (int y = 0; y < height; ++y) {
        uchar *row = inflated.data() + size_t(y) * stride;
        quint32 *ids = bitmap.ids.data() + size_t(y) * size_t(width);
        if (!detail::unfilterRowToIds(row[0], row + 1, prior, width, bpp, ids)) {
            return error(Kind::Corrupt,
                         u"corrupt PNG: unknown filter type %1 in row %2"_s.arg(row[0]).arg(y));
        }
        prior = row + 1;
    }
    return DecodeResult(std::move(bitmap), DecodePath::Fast);
}

DecodeResult decodeQImage(QByteArrayView png) {
    QByteArray bytes = QByteArray::fromRawData(png.data(), png.size());
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, "png");
    QImage image;
    if (!reader.read(&image) || image.isNull()) {
        return error(BitmapError::Kind::Corrupt, u"corrupt PNG: %1"_s.arg(reader.errorString()));
    }
    InstanceBitmap bitmap = InstanceBitmap::fromImage(image);
    if (bitmap.isNull())
        return error(BitmapError::Kind::TooLarge, u"bitmap too large"_s);
    return DecodeResult(std::move(bitmap), DecodePath::QImage);
}

} // namespace

DecodeResult decodeInstanceBitmap(QByteArrayView png, const DecodeOptions &options) {
    PngLayout layout;
    if (auto failure = parseLayout(png, options.verifyCrc, &layout))
        return *failure;
    if (layout.header.isFastPath())
        return decodeFast(layout);
    if (!options.allowFallback) {
        return error(BitmapError::Kind::Corrupt,
                     u"unsupported PNG: %1-bit colour type %2%3"_s.arg(layout.header.bitDepth)
                         .arg(layout.header.colorType)
                         .arg(layout.header.interlace ? u", interlaced"_s : QString()));
    }
    return decodeQImage(png);
}

DecodeResult decodeInstanceBitmapWithQImage(QByteArrayView png) {
    PngLayout layout;
    if (auto failure = parseLayout(png, true, &layout))
        return *failure;
    return decodeQImage(png);
}

} // namespace segscope::labels
