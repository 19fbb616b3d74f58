#include "instancebitmap.h"

#include "wire/instanceid.h"

namespace segscope::labels {

bool isAcceptableBitmapSize(qint64 width, qint64 height) {
    return width > 0 && height > 0 && width <= MaxBitmapSide && height <= MaxBitmapSide &&
           width * height <= MaxBitmapPixels;
}

quint32 InstanceBitmap::idAt(int x, int y) const {
    if (x < 0 || y < 0 || x >= width || y >= height)
        return 0;
    return ids[size_t(y) * size_t(width) + size_t(x)];
}

InstanceBitmap InstanceBitmap::allocate(int width, int height) {
    InstanceBitmap bitmap;
    if (!isAcceptableBitmapSize(width, height))
        return bitmap;
    bitmap.width = width;
    bitmap.height = height;
    bitmap.ids.resize(size_t(width) * size_t(height));
    return bitmap;
}

InstanceBitmap InstanceBitmap::fromImage(const QImage &image) {
    if (image.isNull() || !isAcceptableBitmapSize(image.width(), image.height()))
        return {};
    // RGBA8888 is a byte-order format: R, G, B, A in memory whatever the host endianness.
    const QImage rgba = image.format() == QImage::Format_RGBA8888
                            ? image
                            : image.convertToFormat(QImage::Format_RGBA8888);
    InstanceBitmap bitmap = allocate(rgba.width(), rgba.height());
    for (int y = 0; y < bitmap.height; ++y) {
        const uchar *p = rgba.constScanLine(y);
        quint32 *out = bitmap.ids.data() + size_t(y) * size_t(bitmap.width);
        for (int x = 0; x < bitmap.width; ++x, p += 4)
            out[x] = wire::instanceIdFromRgb(p[0], p[1], p[2]);
    }
    return bitmap;
}

QImage InstanceBitmap::toImage() const {
    if (isNull())
        return {};
    QImage image(width, height, QImage::Format_RGBA8888);
    for (int y = 0; y < height; ++y) {
        uchar *p = image.scanLine(y);
        const quint32 *in = ids.data() + size_t(y) * size_t(width);
        for (int x = 0; x < width; ++x, p += 4) {
            p[0] = wire::instanceIdRed(in[x]);
            p[1] = wire::instanceIdGreen(in[x]);
            p[2] = wire::instanceIdBlue(in[x]);
            p[3] = 0xff;
        }
    }
    return image;
}

} // namespace segscope::labels
