#pragma once

#include <QtGlobal>

namespace segscope::labels::detail {

//! Reverses the PNG filter of one row of 8-bit RGB (bpp 3) or RGBA (bpp 4) pixels in place and
//! writes the row's ids (R + (G << 8) + (B << 16)) to `ids`, in the same pass while the row is in
//! cache. `row` holds width * bpp bytes after the filter byte; `prior` is the previous row,
//! already unfiltered, or zeros for the first row. Returns false for an unknown filter type.
bool unfilterRowToIds(uchar filter, uchar *row, const uchar *prior, int width, int bpp,
                      quint32 *ids);

} // namespace segscope::labels::detail
