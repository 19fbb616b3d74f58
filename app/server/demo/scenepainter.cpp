#include "scenepainter.h"

#include "democatalogue.h"
#include "idmapgeometry.h"
#include "scenepainter_shapes.h"
#include "sceneprediction.h"

#include <QHash>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace segscope::server {

using namespace demo;

namespace {

int categoryOf(Kind kind) {
    switch (kind) {
    case Kind::Car:
        return Car;
    case Kind::Person:
        return Person;
    case Kind::Bicycle:
        return Bicycle;
    case Kind::Sign:
        return TrafficSign;
    case Kind::Tree:
        break;
    }
    return Vegetation;
}

} // namespace

GeneratedScene generateScene(quint32 seed, QSize size) {
    GeneratedScene scene;
    if (size.width() < 1 || size.height() < 1)
        return scene;
    const SceneLayout s = composeScene(seed, size);
    scene.weather = s.look.weather == Weather::Day    ? u"day"_s
                    : s.look.weather == Weather::Dusk ? u"dusk"_s
                                                      : u"overcast"_s;

    // Ids are painted into RGB32 (one word per pixel, cheap to scan) and converted at the end.
    QImage photo(size, QImage::Format_RGB32), ids(size, QImage::Format_RGB32);
    QImage stuff(size, QImage::Format_RGB32);
    ids.fill(idPixel(0));
    stuff.fill(idPixel(0));
    QHash<int, int> painted; // thing id -> pixels right after it was drawn
    {
        Canvas canvas(&photo, &ids, &stuff);
        Dice dice(seed ^ 0xb01d1e55u);
        paintSkyAndGround(canvas, s.cam, s.look, s.street, dice);
        paintBuildings(canvas, s.cam, s.look, s.street, dice);
        for (const Item &it : s.items) {
            canvas.begin(it.kind == Kind::Tree ? Vegetation : it.id, it.kind == Kind::Tree);
            switch (it.kind) {
            case Kind::Car:
                paintCar(canvas, s.cam, s.look, s.cars[it.index]);
                break;
            case Kind::Person:
                paintPerson(canvas, s.cam, s.look, s.people[it.index]);
                break;
            case Kind::Bicycle:
                paintBicycle(canvas, s.cam, s.look, s.bikes[it.index]);
                break;
            case Kind::Sign:
                paintSign(canvas, s.cam, s.look, s.signs[it.index]);
                break;
            case Kind::Tree:
                paintTree(canvas, s.cam, s.look, s.trees[it.index]);
                break;
            }
            if (it.id != 0)
                painted.insert(it.id, countPixels(ids, canvas.touched(), it.id));
        }
        canvas.end();
    }

    const std::vector<Extent> ext = measure(ids, s.lastId);
    for (int id = 1; id < FirstThingId; ++id) {
        if (ext[size_t(id)].count > 0)
            scene.instances << makeInstance(id, id, {}, ext[size_t(id)]);
    }
    QList<SceneInstance> thingsInPaintOrder;
    for (const Item &it : s.items) {
        const Extent &e = ext[size_t(it.id)];
        if (it.id == 0 || e.count == 0)
            continue; // fully hidden: an annotation needs pixels
        const int category = categoryOf(it.kind);
        QJsonObject attributes = defaultAttributes(category);
        if (it.kind == Kind::Car)
            attributes[u"vehicle_type"_s] = vehicleTypes()[int(s.cars[it.index].type)];
        if (it.kind == Kind::Sign)
            attributes[u"sign_type"_s] = signTypes()[int(s.signs[it.index].type)];
        // Occluded once more than a twentieth of what was drawn got painted over.
        if (attributes.contains(u"occluded"_s))
            attributes[u"occluded"_s] = qint64(e.count) * 100 < qint64(painted.value(it.id)) * 95;
        thingsInPaintOrder << makeInstance(it.id, category, attributes, e);
    }
    QList<SceneInstance> things = thingsInPaintOrder;
    std::sort(things.begin(), things.end(),
              [](const SceneInstance &a, const SceneInstance &b) { return a.id < b.id; });
    scene.instances << things;

    predict(scene, ids, stuff, thingsInPaintOrder, seed);
    scene.photo = std::move(photo);
    scene.idMap = toRgba(ids);
    return scene;
}

} // namespace segscope::server
