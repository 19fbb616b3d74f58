#include "regionmask.h"

#include "idmapgeometry.h"

#include <algorithm>

namespace segscope::server::demo {

RegionMask::RegionMask(const QImage &img, const QRect &r, int id)
    : m_rect(r)
    , m_bits(size_t(r.width() * r.height())) {
    const QRgb want = idPixel(id);
    const int w = r.width();
    for (int y = 0; y < r.height(); ++y) {
        const QRgb *line =
            reinterpret_cast<const QRgb *>(img.constScanLine(r.top() + y)) + r.left();
        quint8 *out = m_bits.data() + size_t(y) * size_t(w);
        for (int x = 0; x < w; ++x)
            out[x] = line[x] == want;
    }
}

void RegionMask::morph(int radius, bool grow) {
    const int w = m_rect.width(), h = m_rect.height();
    std::vector<quint8> tmp(m_bits.size());
    const auto pass = [&](const quint8 *src, quint8 *dst, int n, int lines, int step, int stride) {
        for (int l = 0; l < lines; ++l) {
            const quint8 *in = src + l * stride;
            quint8 *out = dst + l * stride;
            int ones = 0;
            for (int k = 0; k < std::min(n, radius); ++k)
                ones += in[k * step];
            for (int i = 0; i < n; ++i) {
                if (i + radius < n)
                    ones += in[(i + radius) * step];
                if (i - radius - 1 >= 0)
                    ones -= in[(i - radius - 1) * step];
                const int window = std::min(n - 1, i + radius) - std::max(0, i - radius) + 1;
                out[i * step] = grow ? ones > 0 : ones == window;
            }
        }
    };
    pass(m_bits.data(), tmp.data(), w, h, 1, w);
    pass(tmp.data(), m_bits.data(), h, w, w, 1);
}

void RegionMask::paint(QImage &img, int dx, int dy, int id) const {
    const QRgb value = idPixel(id);
    const int w = m_rect.width();
    const int x0 = std::max(0, -m_rect.left() - dx),
              x1 = std::min(w, img.width() - m_rect.left() - dx);
    for (int y = 0; y < m_rect.height(); ++y) {
        const int ty = m_rect.top() + y + dy;
        if (ty < 0 || ty >= img.height())
            continue;
        QRgb *line = reinterpret_cast<QRgb *>(img.scanLine(ty));
        const quint8 *in = m_bits.data() + size_t(y) * size_t(w);
        for (int x = x0; x < x1; ++x) {
            if (in[x])
                line[m_rect.left() + dx + x] = value;
        }
    }
}

} // namespace segscope::server::demo
