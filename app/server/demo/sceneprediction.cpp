#include "sceneprediction.h"

#include "democatalogue.h"
#include "idmapgeometry.h"
#include "regionmask.h"
#include "scenepainter_shapes.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace segscope::server::demo {

namespace {

struct Guess {
    int gtId;
    int id;
    int category;
    QJsonObject attributes;
    QRect box; // ground truth bounding box
    bool dropped = false;
};

} // namespace

void predict(GeneratedScene &scene, const QImage &ids, const QImage &stuff,
             const QList<SceneInstance> &thingsInPaintOrder, quint32 seed) {
    Dice dice(seed ^ 0x5eed1e55u);
    QImage pred = stuff.copy();
    const QRect all = pred.rect();
    { // one stuff region bleeds into its neighbours, like a model's soft boundaries
        const int grown =
            int(dice.range(0, 2)) == 0 ? Sky : (dice.chance(50) ? Building : Vegetation);
        const Extent e = measure(pred, Vegetation)[size_t(grown)];
        if (e.count > 0) {
            RegionMask m(
                pred,
                QRect(QPoint(e.minX, e.minY), QPoint(e.maxX, e.maxY)).adjusted(-3, -3, 3, 3) & all,
                grown);
            m.morph(int(dice.range(1, 3)), true);
            m.paint(pred, 0, 0, grown);
        }
    }
    QList<Guess> guesses;
    int merges = 0;
    for (const SceneInstance &t : thingsInPaintOrder) {
        Guess g{t.id, t.id, t.categoryId, t.attributes, t.boundingBox};
        g.dropped = dice.chance(10);
        if (t.categoryId == Bicycle && dice.chance(35))
            g.category = Person;
        else if (t.categoryId == Person && dice.chance(6))
            g.category = Bicycle;
        if (g.category != t.categoryId)
            g.attributes = defaultAttributes(g.category);
        else if (g.category == Car && dice.chance(15))
            g.attributes[u"vehicle_type"_s] = dice.pick(vehicleTypes());
        for (const Guess &earlier : std::as_const(guesses)) {
            if (merges < 2 && !g.dropped && !earlier.dropped && earlier.category == g.category &&
                earlier.box.adjusted(-2, -2, 2, 2).intersects(g.box) && dice.chance(40)) {
                g.id = earlier.id;
                ++merges;
                break;
            }
        }
        guesses << g;
    }
    // Pasted in the ground truth's paint order, so that whatever was in front stays in front.
    QHash<int, const Guess *> byId;
    for (const Guess &g : std::as_const(guesses)) {
        const qint64 op = dice.range(0, 99);
        const int dx = int(dice.range(-4, 4)), dy = int(dice.range(-3, 3)),
                  r = int(dice.range(1, 3));
        if (g.dropped)
            continue;
        if (!byId.contains(g.id))
            byId.insert(g.id, &g);
        RegionMask m(ids, g.box.adjusted(-8, -8, 8, 8) & all, g.gtId);
        if (op < 25)
            m.paint(pred, 0, 0, g.id);
        else if (op < 50)
            m.paint(pred, dx, dy, g.id);
        else if (op < 75)
            m.morph(r, true), m.paint(pred, 0, 0, g.id);
        else
            m.morph(std::min(r, 2), false), m.paint(pred, 0, 0, g.id);
    }
    int maxId = FirstThingId;
    for (const Guess &g : std::as_const(guesses))
        maxId = std::max(maxId, g.id);
    // Now and then a false positive: a person- or sign-sized blob where there is nothing.
    Guess ghost{0, maxId + 1, dice.chance(50) ? Person : TrafficSign, {}, {}};
    ghost.attributes = defaultAttributes(ghost.category);
    if (dice.chance(40) && pred.height() > 8) {
        const int w = std::max(2, int(pred.width() * dice.range(8, 20) / 1000));
        const QRect blob(int(pred.width() * dice.range(5, 95) / 100),
                         int(pred.height() * dice.range(50, 80) / 100), w, w * 5 / 2);
        QPainter p(&pred);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor::fromRgb(idPixel(ghost.id)));
        p.drawEllipse(blob);
        p.end();
        byId.insert(ghost.id, &ghost);
        maxId = ghost.id;
    }
    const std::vector<Extent> ext = measure(pred, maxId);
    for (int id = 1; id <= maxId; ++id) {
        if (ext[size_t(id)].count == 0)
            continue;
        if (id < FirstThingId)
            scene.predictedInstances << makeInstance(id, id, {}, ext[size_t(id)]);
        else if (const Guess *g = byId.value(id))
            scene.predictedInstances
                << makeInstance(id, g->category, g->attributes, ext[size_t(id)]);
    }
    scene.predictedIdMap = toRgba(pred);
}

} // namespace segscope::server::demo
