#pragma once

#include <QtGlobal>

#include <QImage>

namespace segscope::labels {

//! Large buffers (the inflated PNG, id maps, overlays: 50 MB each at 4096x3072) come back from
//! the kernel zeroed, page by page, and in a VM each page fault is expensive: allocating them
//! afresh cost more than decoding. So buffers of at least PooledBufferMinBytes are kept when
//! freed (up to PooledBytesLimit in all) and handed out again for a request of the same size,
//! which is what browsing a dataset of same-sized images asks for. Thread-safe.
inline constexpr size_t PooledBufferMinBytes = size_t(1) << 20;
inline constexpr size_t PooledBytesLimit = size_t(256) << 20;

//! A buffer of `bytes` bytes, uninitialised, from the pool when one of that size is free.
void *takePooledBuffer(size_t bytes);
//! Returns a buffer from takePooledBuffer (same size) to the pool, or frees it.
void givePooledBuffer(void *buffer, size_t bytes) noexcept;
//! Frees every pooled buffer, e.g. when the detail pane closes.
void releasePooledBuffers();

//! An uninitialised QImage whose pixels come from the pool and go back to it.
QImage pooledImage(QSize size, QImage::Format format);

} // namespace segscope::labels
