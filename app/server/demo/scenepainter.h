#pragma once

#include <QImage>
#include <QJsonObject>
#include <QList>
#include <QPolygonF>
#include <QRect>
#include <QSize>
#include <QString>

// Deterministic street scenes for `segscope-server --demo`: a drawn photo, its ground-truth
// segmentation bitmap (docs/api-contract.md §6) and an imperfect "prediction" of it. Everything is
// derived from the seed alone, so a demo server can regenerate any sample instead of storing it.
namespace segscope::server {

struct SceneInstance {
    int id;                 // annotation id (>= 1), unique in the scene
    int categoryId;         // one of the DemoCategory ids
    QJsonObject attributes; // e.g. {"occluded": true, "vehicle_type": "suv"}
    QRect boundingBox;      // of the instance's pixels in the id map
    QPolygonF outline;      // traces the visible pixels (row extremes, simplified)
    int pixelCount = 0;     // visible pixels in the id map
};

struct GeneratedScene {
    QImage photo; // Format_RGB32
    QImage idMap; // Format_RGBA8888, docs/api-contract.md §6, alpha 255 everywhere
    QList<SceneInstance> instances;          // sorted by id; exactly the ids present in idMap
    QImage predictedIdMap;                   // same scheme and size as idMap
    QList<SceneInstance> predictedInstances; // sorted by id; exactly the ids in predictedIdMap
    QString weather;                         // "day", "dusk" or "overcast"
};

// The same seed gives byte-identical images on every machine. Thread-safe (no shared state).
// An empty size gives an empty scene (null images, no instances).
GeneratedScene generateScene(quint32 seed, QSize size = QSize(1280, 720));

} // namespace segscope::server
