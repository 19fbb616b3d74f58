#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

#include <functional>

//! Image files for the upload tests and benchmark.
namespace segscope::test {

//! Writes `bytes` to `path` (creating its folder); false on failure.
bool writeBytes(const QString &path, const QByteArray &bytes);
//! `image` encoded as `format` ("JPG", "PNG", "BMP").
QByteArray encodeImage(const QImage &image, const char *format, int quality = -1);
//! Random pixels (deterministic per seed) as a JPEG: noise barely compresses, so the size is
//! set by the dimensions (about 2 MB for 1000x1000 at quality 90).
QByteArray noiseJpeg(int width, int height, quint32 seed, int quality = 90);
//! A plain image of that size in `format`.
QByteArray plainImage(int width, int height, const char *format);
//! A segmentation bitmap (docs/api-contract.md §6): an RGBA PNG whose pixel (x, y) holds id(x, y).
QByteArray idPng(int width, int height, const std::function<quint32(int, int)> &id);

} // namespace segscope::test
