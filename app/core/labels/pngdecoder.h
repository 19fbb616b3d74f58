#pragma once

#include "instancebitmap.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace segscope::labels {

//! Why a bitmap could not be decoded.
struct BitmapError {
    enum class Kind {
        NotPng,    //!< no PNG signature: some other file, or an error page
        Truncated, //!< the file ends early (a chunk runs past the end, or no IEND)
        Corrupt,   //!< malformed chunks, bad CRC, bad zlib stream, wrong amount of pixel data
        TooLarge,  //!< dimensions over MaxBitmapSide / MaxBitmapPixels
    };
    Kind kind = Kind::Corrupt;
    QString message; //!< one line for the user, e.g. "truncated PNG: IDAT chunk runs past the end"
};

//! Which decoder produced a bitmap.
enum class DecodePath {
    Fast,   //!< 8-bit RGB/RGBA, non-interlaced: libdeflate + fused unfilter
    QImage, //!< any other PNG, decoded by QImage and converted
};

//! A decoded bitmap or the error that prevented it.
class DecodeResult {
public:
    DecodeResult(InstanceBitmap bitmap, DecodePath path)
        : m_bitmap(std::move(bitmap))
        , m_path(path) {}
    DecodeResult(BitmapError error)
        : m_error(std::move(error)) {}

    bool ok() const { return m_bitmap.has_value(); }
    const InstanceBitmap &bitmap() const { return *m_bitmap; }
    //! Moves the bitmap out (only when ok()).
    InstanceBitmap takeBitmap() { return std::move(*m_bitmap); }
    DecodePath path() const { return m_path; }
    //! Meaningful only when !ok().
    const BitmapError &error() const { return m_error; }

private:
    std::optional<InstanceBitmap> m_bitmap;
    DecodePath m_path = DecodePath::Fast;
    BitmapError m_error;
};

struct DecodeOptions {
    //! Check the CRC of every chunk. Fuzzing turns it off so mutated inputs reach the pixel code.
    bool verifyCrc = true;
    //! Let PNGs the fast path does not handle go through QImage; false makes them an error.
    bool allowFallback = true;
};

//! Decodes a Segments segmentation bitmap (docs/api-contract.md §6) from the bytes of a PNG file.
//! Pure and thread-safe. The size in IHDR is checked against the limits before anything is
//! allocated.
DecodeResult decodeInstanceBitmap(QByteArrayView png, const DecodeOptions &options = {});

//! Decodes with QImage only: the fallback, and the reference the fast path is tested against.
//! The data must still be a PNG whose IHDR passes the size limits.
DecodeResult decodeInstanceBitmapWithQImage(QByteArrayView png);

} // namespace segscope::labels
