#include "overlaypainter.h"

#include "bufferpool.h"

#include <QThread>

#include <algorithm>
#include <thread>

namespace segscope::labels {

QImage::Format imageFormat(OverlayFormat format) {
    return format == OverlayFormat::Straight ? QImage::Format_ARGB32
                                             : QImage::Format_ARGB32_Premultiplied;
}

void forEachRowBand(int rows, int threads, const std::function<void(int, int)> &fn) {
    if (threads <= 0)
        threads = QThread::idealThreadCount();
    // Bands below a few hundred thousand pixels cost more to hand out than to paint.
    threads = std::clamp(std::min(threads, rows / 64), 1, 16);
    if (threads == 1) {
        fn(0, rows);
        return;
    }
    std::vector<std::thread> workers;
    workers.reserve(size_t(threads - 1));
    const int band = (rows + threads - 1) / threads;
    for (int t = 1; t < threads; ++t) {
        const int first = t * band;
        const int end = std::min(rows, first + band);
        if (first < end)
            workers.emplace_back(fn, first, end);
    }
    fn(0, std::min(rows, band));
    for (std::thread &worker : workers)
        worker.join();
}

void paintCells(const InstanceIndex &index, const std::vector<quint32> &table,
                QImage::Format format, int threads, QImage *target) {
    if (index.isNull()) {
        *target = QImage();
        return;
    }
    if (target->size() != index.size() || target->format() != format)
        *target = pooledImage(index.size(), format);
    const int width = index.width();
    const quint32 *lut = table.data();
    // Detach once here: scanLine() on several threads could race on a shared image's detach.
    uchar *bits = target->bits();
    const qsizetype bytesPerLine = target->bytesPerLine();
    forEachRowBand(index.height(), threads, [&](int first, int end) {
        for (int y = first; y < end; ++y) {
            const quint32 *cells = index.cells() + size_t(y) * size_t(width);
            // ARGB32 formats are defined as native quint32 0xAARRGGBB per pixel.
            auto *out = reinterpret_cast<quint32 *>(bits + y * bytesPerLine);
            for (int x = 0; x < width; ++x)
                out[x] = lut[cells[x]];
        }
    });
}

} // namespace segscope::labels
