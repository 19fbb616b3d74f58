#pragma once

#include <QImage>
#include <QRect>

#include <vector>

namespace segscope::server::demo {

// A binary mask over a rectangle of an RGB32 id map, for growing, shrinking and moving regions:
// how the demo's prediction makes a model's mistakes out of the ground truth.
class RegionMask {
public:
    // The pixels of `id` in `r` of `img` (r inside img).
    RegionMask(const QImage &img, const QRect &r, int id);

    // Separable square min/max filter by running counts; windows clamp at the rectangle's
    // edges so that a region cut by the image border does not shrink away from it.
    void morph(int radius, bool grow);
    // Paints the mask's pixels as `id` into `img`, moved by (dx, dy), clipped to the image.
    void paint(QImage &img, int dx, int dy, int id) const;

private:
    QRect m_rect;
    std::vector<quint8> m_bits;
};

} // namespace segscope::server::demo
