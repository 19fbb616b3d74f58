#pragma once

#include <QRgb>

//! How a segmentation bitmap encodes instance ids in its pixels (docs/api-contract.md §6):
//! id = R + (G << 8) + (B << 16), alpha ignored, 0 being background. The decoder, the encoder
//! and the demo's scene painter all go through these.
namespace segscope::wire {

constexpr quint32 instanceIdFromRgb(quint32 r, quint32 g, quint32 b) {
    return r | (g << 8) | (b << 16);
}

constexpr quint32 instanceIdFromRgb(QRgb pixel) {
    return instanceIdFromRgb(quint32(qRed(pixel)), quint32(qGreen(pixel)), quint32(qBlue(pixel)));
}

//! The three bytes of `id`, R first; ids above 2^24 - 1 cannot be encoded and lose their top byte.
constexpr quint8 instanceIdRed(quint32 id) {
    return quint8(id & 0xff);
}
constexpr quint8 instanceIdGreen(quint32 id) {
    return quint8((id >> 8) & 0xff);
}
constexpr quint8 instanceIdBlue(quint32 id) {
    return quint8((id >> 16) & 0xff);
}

//! `id` as an opaque pixel.
constexpr QRgb instanceIdToRgb(quint32 id) {
    return qRgb(instanceIdRed(id), instanceIdGreen(id), instanceIdBlue(id));
}

} // namespace segscope::wire
