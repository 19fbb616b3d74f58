#include "overlaypainter.h"

#include "bufferpool.h"
#include "threading.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <latch>
#include <memory>

namespace segscope::labels {

namespace {

//! Bands go before queued decodes: the thread that waits for them holds a pool thread already.
constexpr int BandPriority = 10;

} // namespace

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
    // The rule of threading.h: helpers come from the detail pool. Every participant, this
    // thread included, takes the next band until none is left, so the bands are all done even
    // when no pool thread is free (e.g. this runs on the pool itself); the latch counts bands,
    // not helpers. A helper that starts after the end finds no band and never touches `fn`.
    struct Bands {
        const std::function<void(int, int)> *fn;
        int rows;
        int height;
        int count;
        std::atomic_int next{0};
        std::latch done;
        Bands(const std::function<void(int, int)> *f, int r, int h, int c)
            : fn(f)
            , rows(r)
            , height(h)
            , count(c)
            , done(c) {}
        void work() {
            for (int b = next.fetch_add(1); b < count; b = next.fetch_add(1)) {
                (*fn)(b * height, std::min(rows, (b + 1) * height));
                done.count_down();
            }
        }
    };
    const int height = (rows + threads - 1) / threads;
    const int count = (rows + height - 1) / height;
    const auto bands = std::make_shared<Bands>(&fn, rows, height, count);
    QThreadPool *pool = threading::detailPool();
    for (int t = 1; t < count; ++t)
        pool->start([bands] { bands->work(); }, BandPriority);
    bands->work();
    bands->done.wait();
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
