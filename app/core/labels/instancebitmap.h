#pragma once

#include "bufferpool.h"

#include <QImage>
#include <QSize>

#include <memory>
#include <new>
#include <vector>

namespace segscope::labels {

//! The allocator of the big per-pixel buffers: memory from the buffer pool (see bufferpool.h),
//! and elements left uninitialised on resize, since the id map of a 4096x3072 bitmap is 50 MB
//! that the decoder overwrites entirely and zeroing it first would cost a noticeable part of the
//! decode budget.
template <class T> struct PooledAllocator {
    using value_type = T;
    template <class U> struct rebind { using other = PooledAllocator<U>; };
    PooledAllocator() noexcept = default;
    template <class U> PooledAllocator(const PooledAllocator<U> &) noexcept {}

    T *allocate(size_t n) { return static_cast<T *>(takePooledBuffer(n * sizeof(T))); }
    void deallocate(T *p, size_t n) noexcept { givePooledBuffer(p, n * sizeof(T)); }
    template <class U> bool operator==(const PooledAllocator<U> &) const noexcept { return true; }

    template <class U> void construct(U *p) noexcept { ::new (static_cast<void *>(p)) U; }
    template <class U, class... Args> void construct(U *p, Args &&...args) {
        ::new (static_cast<void *>(p)) U(std::forward<Args>(args)...);
    }
};

//! Row-major instance ids, one per pixel.
using IdBuffer = std::vector<quint32, PooledAllocator<quint32>>;

//! The largest bitmap side and pixel count a decoder accepts; anything larger is rejected before
//! any allocation (a 16384x16384 bitmap already needs 1 GB for its id map).
inline constexpr int MaxBitmapSide = 16384;
inline constexpr qint64 MaxBitmapPixels = qint64(1) << 28;

//! True when a bitmap of that size may be allocated.
bool isAcceptableBitmapSize(qint64 width, qint64 height);

//! A decoded segmentation bitmap (docs/api-contract.md §6): each pixel holds an instance id,
//! id = R + (G << 8) + (B << 16), 0 being background.
struct InstanceBitmap {
    int width = 0;
    int height = 0;
    IdBuffer ids; //!< width * height ids, row-major

    bool isNull() const { return width <= 0 || height <= 0; }
    QSize size() const { return {width, height}; }
    //! The id at (x, y); 0 (background) outside the bitmap.
    quint32 idAt(int x, int y) const;

    //! A bitmap of that size whose ids are left uninitialised for the caller to fill.
    static InstanceBitmap allocate(int width, int height);
    //! The ids an image encodes (its R, G and B bytes; alpha ignored). Any format: it is converted
    //! to 8-bit RGBA first, so a 16-bit image keeps the rounded top byte of each channel.
    static InstanceBitmap fromImage(const QImage &image);
    //! The contract encoding of these ids as an 8-bit RGBA image with alpha 255.
    QImage toImage() const;
};

} // namespace segscope::labels
