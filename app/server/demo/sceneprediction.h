#pragma once

#include "scenepainter.h"

namespace segscope::server::demo {

// An imperfect model's output for a painted scene, into scene.predictedIdMap and
// scene.predictedInstances: blurred stuff boundaries, masks a few pixels off, missed and merged
// instances, confused classes and the odd false positive. `ids` is the scene's RGB32 id map,
// `stuff` the same with only the stuff painted; the seed is the scene's, so the prediction is
// as reproducible as the scene.
void predict(GeneratedScene &scene, const QImage &ids, const QImage &stuff,
             const QList<SceneInstance> &thingsInPaintOrder, quint32 seed);

} // namespace segscope::server::demo
