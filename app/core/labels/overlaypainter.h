#pragma once

#include "instanceindex.h"
#include "overlayoptions.h"

#include <QImage>

#include <functional>
#include <vector>

namespace segscope::labels {

//! Paints cells through a colour table: pixel = table[cell], where cell = (index << 1) | edge,
//! so the table holds a fill and an edge colour per dense index, already in the target format.
//! Reuses `target` when it has the right size and format (no 50 MB allocation per repaint).
//! Row bands are painted on up to `threads` threads (0: QThread::idealThreadCount()): this one
//! and helpers from threading::detailPool().
void paintCells(const InstanceIndex &index, const std::vector<quint32> &table,
                QImage::Format format, int threads, QImage *target);

//! QImage::Format_ARGB32_Premultiplied or QImage::Format_ARGB32.
QImage::Format imageFormat(OverlayFormat format);

//! Runs fn(firstRow, endRow) over `rows` split into bands, on up to `threads` threads
//! (the calling one included, the others from threading::detailPool()). Returns when every band
//! is done; the calling thread paints the bands no pool thread took, so it never deadlocks.
void forEachRowBand(int rows, int threads, const std::function<void(int, int)> &fn);

} // namespace segscope::labels
