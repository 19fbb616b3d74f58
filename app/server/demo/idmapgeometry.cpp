#include "idmapgeometry.h"

#include "wire/instanceid.h"

#include <algorithm>

namespace segscope::server::demo {

QRgb idPixel(int id) {
    return wire::instanceIdToRgb(quint32(id));
}

int pixelId(QRgb p) {
    return int(wire::instanceIdFromRgb(p));
}

// docs/api-contract.md §6 bytes, split explicitly; QImage::convertToFormat would do the same but
// hands large images to a thread pool, which only costs when many scenes are made in parallel.
QImage toRgba(const QImage &ids) {
    QImage out(ids.size(), QImage::Format_RGBA8888);
    const int w = ids.width(), h = ids.height();
    for (int y = 0; y < h; ++y) {
        const auto *in = reinterpret_cast<const QRgb *>(ids.constScanLine(y));
        uchar *o = out.scanLine(y);
        for (int x = 0; x < w; ++x, o += 4) {
            o[0] = uchar(qRed(in[x]));
            o[1] = uchar(qGreen(in[x]));
            o[2] = uchar(qBlue(in[x]));
            o[3] = 255;
        }
    }
    return out;
}

int countPixels(const QImage &img, const QRect &rect, int id) {
    const QRgb want = idPixel(id);
    int n = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        n += int(std::count(line + rect.left(), line + rect.right() + 1, want));
    }
    return n;
}

namespace {

// Douglas-Peucker with a one-pixel tolerance, in integer arithmetic. The anchors (the ring's
// extreme points) always survive, so the outline spans exactly the bounding box.
QPolygonF simplify(const QList<QPoint> &pts, std::vector<qsizetype> anchors) {
    const qsizetype n = pts.size();
    std::vector<bool> keep(size_t(n), false);
    std::sort(anchors.begin(), anchors.end());
    std::vector<std::pair<qsizetype, qsizetype>> todo;
    for (size_t i = 0; i < anchors.size(); ++i) {
        keep[size_t(anchors[i])] = true;
        if (i + 1 < anchors.size() && anchors[i + 1] > anchors[i] + 1)
            todo.push_back({anchors[i], anchors[i + 1]});
    }
    while (!todo.empty()) {
        const auto [a, b] = todo.back();
        todo.pop_back();
        const qint64 dx = pts[b].x() - pts[a].x(), dy = pts[b].y() - pts[a].y();
        const qint64 len2 = std::max<qint64>(1, dx * dx + dy * dy);
        qint64 worst = -1;
        qsizetype at = -1;
        for (qsizetype i = a + 1; i < b; ++i) {
            const qint64 cross = dx * (pts[i].y() - pts[a].y()) - dy * (pts[i].x() - pts[a].x());
            if (cross * cross > worst) {
                worst = cross * cross;
                at = i;
            }
        }
        if (at >= 0 && worst > len2) {
            keep[size_t(at)] = true;
            todo.push_back({a, at});
            todo.push_back({at, b});
        }
    }
    QPolygonF out;
    for (qsizetype i = 0; i < n; ++i) {
        if (keep[size_t(i)])
            out << QPointF(pts[i]);
    }
    return out;
}

} // namespace

std::vector<Extent> measure(const QImage &ids, int maxId) {
    std::vector<Extent> ext(size_t(maxId) + 1);
    std::vector<int> rowMin(size_t(maxId) + 1, INT_MAX), rowMax(size_t(maxId) + 1, -1);
    std::vector<int> seen;
    const int w = ids.width();
    for (int y = 0; y < ids.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(ids.constScanLine(y));
        for (int x = 0; x < w;) {
            const QRgb v = line[x];
            int end = x + 1;
            while (end < w && line[end] == v)
                ++end;
            const int id = pixelId(v);
            if (id <= maxId) {
                Extent &e = ext[size_t(id)];
                if (rowMax[size_t(id)] < 0)
                    seen.push_back(id);
                rowMin[size_t(id)] = std::min(rowMin[size_t(id)], x);
                rowMax[size_t(id)] = end - 1;
                e.count += end - x;
            }
            x = end;
        }
        for (int id : seen) {
            Extent &e = ext[size_t(id)];
            const int a = rowMin[size_t(id)], b = rowMax[size_t(id)];
            e.minX = std::min(e.minX, a);
            e.maxX = std::max(e.maxX, b);
            e.minY = std::min(e.minY, y);
            e.maxY = y;
            e.left << QPoint(a, y) << QPoint(a, y + 1);
            e.right << QPoint(b + 1, y) << QPoint(b + 1, y + 1);
            rowMin[size_t(id)] = INT_MAX;
            rowMax[size_t(id)] = -1;
        }
        seen.clear();
    }
    return ext;
}

SceneInstance makeInstance(int id, int category, const QJsonObject &attributes, const Extent &e) {
    // Left side downwards, then right side upwards: a ring around the visible rows.
    QList<QPoint> ring = e.left;
    for (qsizetype i = e.right.size() - 1; i >= 0; --i)
        ring << e.right[i];
    const qsizetype half = e.left.size();
    const auto extreme = [&](qsizetype from, qsizetype to, bool leftmost) {
        qsizetype best = from;
        for (qsizetype i = from; i < to; ++i) {
            if (leftmost ? ring[i].x() < ring[best].x() : ring[i].x() > ring[best].x())
                best = i;
        }
        return best;
    };
    std::vector<qsizetype> anchors{0,
                                   half - 1,
                                   half,
                                   ring.size() - 1,
                                   extreme(0, half, true),
                                   extreme(half, ring.size(), false)};
    return {id,
            category,
            attributes,
            QRect(QPoint(e.minX, e.minY), QPoint(e.maxX, e.maxY)),
            simplify(ring, anchors),
            e.count};
}

} // namespace segscope::server::demo
