#pragma once

#include "scenepainter.h"

#include <QImage>
#include <QList>
#include <QPoint>
#include <QRect>

#include <climits>
#include <vector>

// The geometry of id maps (docs/api-contract.md §6): instance ids as pixels, the pixels, bounds and
// outline of every id, and the conversion to the bytes a label's bitmap carries. Id maps are
// painted in Format_RGB32, one word per pixel, cheap to scan.
namespace segscope::server::demo {

// The id map pixel of instance `id`, and back.
QRgb idPixel(int id);
int pixelId(QRgb p);

// docs/api-contract.md §6 bytes (RGBA8888, alpha 255) of an RGB32 id map.
QImage toRgba(const QImage &ids);

// Pixels of `id` inside `rect`.
int countPixels(const QImage &img, const QRect &rect, int id);

// Where one id's pixels are.
struct Extent {
    int count = 0;
    int minX = INT_MAX, minY = INT_MAX, maxX = -1, maxY = -1;
    QList<QPoint> left, right; // row extremes, top to bottom, on pixel corners
};

// The extent of every id up to maxId (the vector's index), in one pass over the map.
std::vector<Extent> measure(const QImage &ids, int maxId);

// The annotation of instance `id` from its extent: bounding box, simplified outline, area.
SceneInstance makeInstance(int id, int category, const QJsonObject &attributes, const Extent &e);

} // namespace segscope::server::demo
