#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

namespace segscope::labels {

//! How a PNG is written.
struct PngEncodeOptions {
    //! libdeflate's level: 1 is fastest; 6 is about zlib's default. Label images (a few colours
    //! in long runs) lose little at a fast level, since their rows repeat within deflate's window.
    int level = 2;
    //! Write an image of at most 256 colours as a palette PNG (8-bit indices, with tRNS for
    //! alpha): a quarter of the bytes of RGBA to compress, and what label images are.
    bool allowPalette = true;
};

//! What encodePng chose, for tests and benchmarks.
enum class PngColorType { Palette = 3, Rgb = 2, Rgba = 6 };

//! Encodes `image` as a PNG, 8 bits per channel, non-interlaced: a palette when it has at most
//! 256 colours (alpha included), else RGB when every pixel is opaque, else RGBA with straight
//! (not premultiplied) alpha. True-colour rows get the filter with the smallest sum of absolute
//! values (libpng's heuristic); palette rows Up, which zeroes a region's bytes wherever it goes
//! on from the row above (indices are not quantities: Sub or Paeth mean nothing). Compressed
//! by libdeflate in one call. Returns empty bytes for a null image. `chosen` receives the
//! colour type written.
QByteArray encodePng(const QImage &image, const PngEncodeOptions &options = {},
                     PngColorType *chosen = nullptr);

//! Writes encodePng(image) to `path` through QSaveFile, so the file appears whole or not at all
//! (a full disk leaves the old file, if any); false with `error` set on failure.
bool writePngFile(const QString &path, const QImage &image, QString *error,
                  const PngEncodeOptions &options = {});

} // namespace segscope::labels
