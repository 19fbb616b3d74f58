#include "bufferpool.h"

#include <QMutex>

#include <cstdlib>
#include <new>
#include <vector>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#endif

namespace segscope::labels {
namespace {

struct FreeBuffer {
    void *data;
    size_t bytes;
};

struct Pool {
    QMutex mutex;
    std::vector<FreeBuffer> free; // oldest first
    size_t freeBytes = 0;
};

Pool &pool() {
    // Never destroyed: a worker thread still finishing a decode while the process exits gives
    // its buffer back after static destructors ran, which a destroyed pool would corrupt
    // ("double free" at exit). The process's end returns the memory.
    static Pool *const instance = new Pool;
    return *instance;
}

//! A new buffer from the system. Big ones are aligned to 2 MB and marked for transparent huge
//! pages: a fresh 50 MB buffer otherwise costs 12,800 page faults on first touch (most of a cold
//! decode in a VM), and 25 with huge pages. Where the kernel gives none, nothing changes.
void *allocateBuffer(size_t bytes) {
#ifdef Q_OS_LINUX
    constexpr size_t HugePage = size_t(2) << 20;
    if (bytes >= HugePage) {
        const size_t rounded = (bytes + HugePage - 1) / HugePage * HugePage;
        if (void *data = std::aligned_alloc(HugePage, rounded)) {
            madvise(data, rounded, MADV_HUGEPAGE);
            return data;
        }
    }
#endif
    return std::malloc(bytes == 0 ? 1 : bytes);
}

void freeImageBuffer(void *info) {
    auto *buffer = static_cast<FreeBuffer *>(info);
    givePooledBuffer(buffer->data, buffer->bytes);
    delete buffer;
}

} // namespace

void *takePooledBuffer(size_t bytes) {
    if (bytes >= PooledBufferMinBytes) {
        Pool &p = pool();
        const QMutexLocker lock(&p.mutex);
        for (auto it = p.free.rbegin(); it != p.free.rend(); ++it) {
            if (it->bytes == bytes) {
                void *data = it->data;
                p.freeBytes -= bytes;
                p.free.erase(std::next(it).base());
                return data;
            }
        }
    }
    void *data = allocateBuffer(bytes);
    if (!data)
        throw std::bad_alloc();
    return data;
}

void givePooledBuffer(void *buffer, size_t bytes) noexcept {
    if (!buffer)
        return;
    if (bytes < PooledBufferMinBytes || bytes > PooledBytesLimit) {
        std::free(buffer);
        return;
    }
    Pool &p = pool();
    std::vector<void *> evicted;
    {
        const QMutexLocker lock(&p.mutex);
        while (p.freeBytes + bytes > PooledBytesLimit && !p.free.empty()) {
            evicted.push_back(p.free.front().data);
            p.freeBytes -= p.free.front().bytes;
            p.free.erase(p.free.begin());
        }
        p.free.push_back({buffer, bytes});
        p.freeBytes += bytes;
    }
    for (void *data : evicted)
        std::free(data);
}

void releasePooledBuffers() {
    Pool &p = pool();
    std::vector<FreeBuffer> freed;
    {
        const QMutexLocker lock(&p.mutex);
        freed.swap(p.free);
        p.freeBytes = 0;
    }
    for (const FreeBuffer &b : freed)
        std::free(b.data);
}

QImage pooledImage(QSize size, QImage::Format format) {
    if (size.isEmpty())
        return {};
    const qsizetype bytesPerLine = qsizetype(size.width()) * 4; // ARGB32 formats only
    Q_ASSERT(format == QImage::Format_ARGB32 || format == QImage::Format_ARGB32_Premultiplied);
    const size_t bytes = size_t(bytesPerLine) * size_t(size.height());
    auto *info = new FreeBuffer{takePooledBuffer(bytes), bytes};
    return QImage(static_cast<uchar *>(info->data), size.width(), size.height(), bytesPerLine,
                  format, freeImageBuffer, info);
}

} // namespace segscope::labels
