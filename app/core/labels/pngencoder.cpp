#include "pngencoder.h"

#include "instancebitmap.h"

#include <QSaveFile>
#include <QtEndian>

#include <libdeflate.h>

#include <array>
#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

namespace segscope::labels {

namespace {

constexpr int MaxPaletteColors = 256;

//! The filtered rows and the compressed stream: big, so from the buffer pool (huge pages, and
//! reused by the next export), and left uninitialised on resize since every byte is written.
using Bytes = std::vector<uchar, PooledAllocator<uchar>>;

void appendBigEndian(QByteArray &out, quint32 value) {
    char bytes[4];
    qToBigEndian(value, bytes);
    out.append(bytes, 4);
}

void appendChunk(QByteArray &out, const char type[4], const char *data, qsizetype size) {
    appendBigEndian(out, quint32(size));
    const qsizetype start = out.size();
    out.append(type, 4);
    if (size > 0)
        out.append(data, size);
    const auto *crcBytes = reinterpret_cast<const uchar *>(out.constData() + start);
    appendBigEndian(out, quint32(libdeflate_crc32(0, crcBytes, size_t(size) + 4)));
}

//! A small open-addressing set of at most 256 colours, mapping each to its palette index.
class PaletteBuilder {
public:
    PaletteBuilder() { m_slots.fill(Empty); }

    //! The colour's index, added when new; -1 once the image has more than 256 colours.
    int indexOf(quint32 rgba) {
        quint32 slot = hash(rgba);
        while (true) {
            const quint32 held = m_slots[slot];
            if (held == Empty) {
                if (m_colors.size() == MaxPaletteColors)
                    return -1;
                m_slots[slot] = quint32(m_colors.size());
                m_colors.append(rgba);
                return int(m_colors.size() - 1);
            }
            if (m_colors.at(held) == rgba)
                return int(held);
            slot = (slot + 1) & (TableSize - 1);
        }
    }
    const QList<quint32> &colors() const { return m_colors; }

private:
    static constexpr quint32 TableSize = 1024; // load at most 1/4: short probes
    static constexpr quint32 Empty = 0xffffffffu;
    static quint32 hash(quint32 v) { return (v * 2654435761u) >> 22; }

    std::array<quint32, TableSize> m_slots;
    QList<quint32> m_colors;
};

//! The image as straight-alpha RGBA bytes, which every path below reads.
QImage asRgba(const QImage &image) {
    if (image.format() == QImage::Format_RGBA8888 || image.format() == QImage::Format_RGBX8888)
        return image;
    return image.convertToFormat(QImage::Format_RGBA8888);
}

//! The 32-bit formats whose pixels the palette scan reads as they are.
bool isPaletteFormat(QImage::Format format) {
    switch (format) {
    case QImage::Format_RGB32:
    case QImage::Format_ARGB32:
    case QImage::Format_ARGB32_Premultiplied:
    case QImage::Format_RGBX8888:
    case QImage::Format_RGBA8888:
    case QImage::Format_RGBA8888_Premultiplied:
        return true;
    default:
        return false;
    }
}

//! A pixel of one of those formats, as read from memory into a quint32, in straight (not
//! premultiplied) ARGB.
QRgb straightColor(quint32 pixel, QImage::Format format) {
    switch (format) {
    case QImage::Format_RGB32:
        return pixel | 0xff000000u;
    case QImage::Format_ARGB32:
        return pixel;
    case QImage::Format_ARGB32_Premultiplied:
        return qUnpremultiply(pixel);
    default: {
        // The RGBA8888 formats: bytes R, G, B, A in memory.
        const quint32 v = qFromLittleEndian(pixel);
        const QRgb argb = qRgba(int(v & 0xff), int((v >> 8) & 0xff), int((v >> 16) & 0xff),
                                format == QImage::Format_RGBX8888 ? 0xff : int(v >> 24));
        return format == QImage::Format_RGBA8888_Premultiplied ? qUnpremultiply(argb) : argb;
    }
    }
}

//! Rows of palette indices, filtered Up (the first row None); false when over 256 colours.
bool paletteRows(const QImage &image, Bytes &raw, PaletteBuilder &palette) {
    const int w = image.width();
    const int h = image.height();
    raw.resize(size_t(w + 1) * size_t(h));
    uchar *out = raw.data();
    for (int y = 0; y < h; ++y) {
        const auto *row = reinterpret_cast<const quint32 *>(image.constScanLine(y));
        *out++ = 0;
        // Label images come in runs: the last colour's index is the usual answer.
        quint32 last = row[0] ^ 1u;
        int lastIndex = -1;
        for (int x = 0; x < w; ++x) {
            const quint32 v = row[x];
            if (v != last) {
                lastIndex = palette.indexOf(v);
                if (lastIndex < 0)
                    return false;
                last = v;
            }
            *out++ = uchar(lastIndex);
        }
    }
    // Up, bottom row first so each row is taken from the one above before that one changes:
    // indices are categories, not quantities, but a region goes on in the row below, so most
    // bytes become 0 and deflate's matches grow (a third of the bytes of no filter on labels).
    for (int y = h - 1; y > 0; --y) {
        uchar *row = raw.data() + size_t(w + 1) * size_t(y);
        const uchar *above = row - (w + 1);
        row[0] = 2;
        for (int x = 1; x <= w; ++x)
            row[x] = uchar(row[x] - above[x]);
    }
    return true;
}

inline int paeth(int a, int b, int c) {
    const int p = a + b - c;
    const int pa = std::abs(p - a);
    const int pb = std::abs(p - b);
    const int pc = std::abs(p - c);
    if (pa <= pb && pa <= pc)
        return a;
    return pb <= pc ? b : c;
}

//! Filters one true-colour row into `out` (filter byte first) with each of Sub, Up and Paeth
//! and keeps the one whose bytes, read as signed, sum smallest (None when it wins).
void filterRow(const uchar *row, const uchar *prev, int bytes, int bpp, uchar *out,
               std::array<std::vector<uchar>, 4> &scratch) {
    std::array<quint64, 5> cost{};
    const auto score = [](uchar v) {
        return quint64(v < 128 ? v : 256 - v);
    };
    for (int i = 0; i < bytes; ++i) {
        const int a = i >= bpp ? row[i - bpp] : 0;
        const int b = prev ? prev[i] : 0;
        const int c = (prev && i >= bpp) ? prev[i - bpp] : 0;
        const uchar sub = uchar(row[i] - a);
        const uchar up = uchar(row[i] - b);
        const uchar avg = uchar(row[i] - ((a + b) >> 1));
        const uchar pth = uchar(row[i] - paeth(a, b, c));
        scratch[0][i] = sub;
        scratch[1][i] = up;
        scratch[2][i] = avg;
        scratch[3][i] = pth;
        cost[0] += score(row[i]);
        cost[1] += score(sub);
        cost[2] += score(up);
        cost[3] += score(avg);
        cost[4] += score(pth);
    }
    int best = 0;
    for (int f = 1; f < 5; ++f) {
        if (cost[f] < cost[best])
            best = f;
    }
    out[0] = uchar(best);
    std::memcpy(out + 1, best == 0 ? row : scratch[best - 1].data(), size_t(bytes));
}

//! Rows of RGB or RGBA bytes, each filtered.
void trueColorRows(const QImage &rgba, bool alpha, Bytes &raw) {
    const int w = rgba.width();
    const int h = rgba.height();
    const int bpp = alpha ? 4 : 3;
    const int bytes = w * bpp;
    raw.resize(size_t(bytes + 1) * size_t(h));
    std::vector<uchar> rgb(alpha ? 0 : size_t(bytes) * 2);
    std::array<std::vector<uchar>, 4> scratch;
    for (auto &s : scratch)
        s.resize(size_t(bytes));
    uchar *out = raw.data();
    const uchar *prev = nullptr;
    for (int y = 0; y < h; ++y) {
        const uchar *row = rgba.constScanLine(y);
        if (!alpha) {
            // Drop the alpha bytes into one of two alternating row buffers (this and previous).
            uchar *packed = rgb.data() + size_t(y & 1) * size_t(bytes);
            for (int x = 0; x < w; ++x) {
                packed[x * 3] = row[x * 4];
                packed[x * 3 + 1] = row[x * 4 + 1];
                packed[x * 3 + 2] = row[x * 4 + 2];
            }
            row = packed;
        }
        filterRow(row, prev, bytes, bpp, out, scratch);
        prev = row;
        out += bytes + 1;
    }
}

bool isOpaque(const QImage &rgba) {
    if (!rgba.hasAlphaChannel())
        return true;
    for (int y = 0; y < rgba.height(); ++y) {
        const auto *row = reinterpret_cast<const quint32 *>(rgba.constScanLine(y));
        for (int x = 0; x < rgba.width(); ++x) {
            // RGBA8888 in memory: the alpha byte is the highest of a little-endian word.
            if (qFromLittleEndian(row[x]) >> 24 != 0xff)
                return false;
        }
    }
    return true;
}

struct CompressorDeleter {
    void operator()(libdeflate_compressor *c) const { libdeflate_free_compressor(c); }
};

} // namespace

QByteArray encodePng(const QImage &image, const PngEncodeOptions &options, PngColorType *chosen) {
    if (image.isNull())
        return {};
    // The palette is gathered from the pixels as they are (no conversion of the whole image,
    // which costs more than the rest on a 4096x3072 ARGB32 overlay); only its entries are
    // converted, each to straight RGBA.
    const QImage source = isPaletteFormat(image.format()) ? image : asRgba(image);
    Bytes raw;
    PngColorType type = PngColorType::Rgba;
    PaletteBuilder palette;
    if (options.allowPalette && paletteRows(source, raw, palette)) {
        type = PngColorType::Palette;
    } else {
        const QImage rgba = asRgba(source);
        type = isOpaque(rgba) ? PngColorType::Rgb : PngColorType::Rgba;
        trueColorRows(rgba, type == PngColorType::Rgba, raw);
    }
    if (chosen)
        *chosen = type;

    const std::unique_ptr<libdeflate_compressor, CompressorDeleter> compressor(
        libdeflate_alloc_compressor(std::clamp(options.level, 1, 12)));
    if (!compressor)
        return {};
    Bytes zlib(libdeflate_zlib_compress_bound(compressor.get(), raw.size()));
    const size_t packed = libdeflate_zlib_compress(compressor.get(), raw.data(), raw.size(),
                                                   zlib.data(), zlib.size());
    if (packed == 0)
        return {};
    raw = Bytes();

    QByteArray out;
    out.reserve(qsizetype(packed) + 4096);
    out.append("\x89PNG\r\n\x1a\n", 8);
    char header[13];
    qToBigEndian(quint32(image.width()), header);
    qToBigEndian(quint32(image.height()), header + 4);
    header[8] = 8;
    header[9] = char(type);
    header[10] = header[11] = header[12] = 0;
    appendChunk(out, "IHDR", header, 13);
    if (type == PngColorType::Palette) {
        const QList<quint32> &colors = palette.colors();
        QByteArray plte;
        QByteArray trns;
        int lastTranslucent = -1;
        for (qsizetype i = 0; i < colors.size(); ++i) {
            const QRgb c = straightColor(colors.at(i), source.format());
            plte.append(char(qRed(c))).append(char(qGreen(c))).append(char(qBlue(c)));
            trns.append(char(qAlpha(c)));
            if (qAlpha(c) != 0xff)
                lastTranslucent = int(i);
        }
        appendChunk(out, "PLTE", plte.constData(), plte.size());
        // tRNS lists alphas up to the last translucent entry; the rest are opaque.
        if (lastTranslucent >= 0)
            appendChunk(out, "tRNS", trns.constData(), lastTranslucent + 1);
    }
    appendChunk(out, "IDAT", reinterpret_cast<const char *>(zlib.data()), qsizetype(packed));
    appendChunk(out, "IEND", nullptr, 0);
    return out;
}

bool writePngFile(const QString &path, const QImage &image, QString *error,
                  const PngEncodeOptions &options) {
    const auto failWith = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const QByteArray png = encodePng(image, options);
    if (png.isEmpty())
        return failWith(image.isNull() ? u"there is no image to write"_s
                                       : u"the PNG could not be compressed"_s);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failWith(file.errorString());
    if (file.write(png) != png.size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return failWith(why);
    }
    if (!file.commit())
        return failWith(file.errorString());
    return true;
}

} // namespace segscope::labels
