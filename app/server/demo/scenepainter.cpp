#include "scenepainter.h"

#include "scenepainter_shapes.h"

#include "wire/instanceid.h"

#include <QJsonArray>

#include <algorithm>
#include <climits>
#include <vector>

using namespace Qt::StringLiterals;

namespace segscope::server {

using namespace demo;

QList<DemoCategory> demoCategories() {
    // Cityscapes' colours, so the overlays look familiar to anyone who has seen that dataset.
    return {
        {Road, u"road"_s, QColor(128, 64, 128), false},
        {Sky, u"sky"_s, QColor(70, 130, 180), false},
        {Building, u"building"_s, QColor(70, 70, 70), false},
        {Vegetation, u"vegetation"_s, QColor(107, 142, 35), false},
        {Car, u"car"_s, QColor(0, 0, 142), true},
        {Person, u"person"_s, QColor(220, 20, 60), true},
        {Bicycle, u"bicycle"_s, QColor(119, 11, 32), true},
        {TrafficSign, u"traffic sign"_s, QColor(220, 220, 0), true},
    };
}

namespace {

// In the order of VehicleType and SignType.
const QStringList &vehicleTypes() {
    static const QStringList types = {u"sedan"_s, u"suv"_s, u"van"_s, u"taxi"_s};
    return types;
}

const QStringList &signTypes() {
    static const QStringList types = {u"stop"_s, u"speed_limit"_s, u"yield"_s};
    return types;
}

QJsonObject checkboxAttribute(const QString &name) {
    return {{u"name"_s, name}, {u"input_type"_s, u"checkbox"_s}, {u"default_value"_s, false}};
}

QJsonObject selectAttribute(const QString &name, const QStringList &values) {
    return {{u"name"_s, name},
            {u"input_type"_s, u"select"_s},
            {u"values"_s, QJsonArray::fromStringList(values)},
            {u"default_value"_s, values.first()}};
}

QJsonObject defaultAttributes(int category) {
    switch (category) {
    case Car:
        return {{u"occluded"_s, false}, {u"vehicle_type"_s, vehicleTypes().first()}};
    case Person:
        return {{u"occluded"_s, false}};
    case TrafficSign:
        return {{u"sign_type"_s, signTypes().first()}};
    default:
        return {};
    }
}

} // namespace

QJsonObject demoTaskAttributes() {
    QJsonArray categories;
    for (const DemoCategory &c : demoCategories()) {
        QJsonArray attributes;
        if (c.id == Car || c.id == Person)
            attributes << checkboxAttribute(u"occluded"_s);
        if (c.id == Car)
            attributes << selectAttribute(u"vehicle_type"_s, vehicleTypes());
        if (c.id == TrafficSign)
            attributes << selectAttribute(u"sign_type"_s, signTypes());
        categories << QJsonObject{
            {u"id"_s, c.id},
            {u"name"_s, c.name},
            {u"color"_s, QJsonArray{c.color.red(), c.color.green(), c.color.blue()}},
            {u"has_instances"_s, c.hasInstances},
            {u"attributes"_s, attributes}};
    }
    return {{u"format_version"_s, u"0.1"_s}, {u"categories"_s, categories}};
}

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

QRgb idPixel(int id) {
    return wire::instanceIdToRgb(quint32(id));
}

int pixelId(QRgb p) {
    return int(wire::instanceIdFromRgb(p));
}

// Contract §6 bytes, split explicitly; QImage::convertToFormat would do the same but hands
// large images to a thread pool, which only costs when many scenes are made in parallel.
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

struct Extent {
    int count = 0;
    int minX = INT_MAX, minY = INT_MAX, maxX = -1, maxY = -1;
    QList<QPoint> left, right; // row extremes, top to bottom, on pixel corners
};

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

// A binary mask over a rectangle of the image, for growing, shrinking and moving regions.
struct Mask {
    QRect rect;
    std::vector<quint8> bits;

    Mask(const QImage &img, const QRect &r, int id)
        : rect(r)
        , bits(size_t(r.width() * r.height())) {
        const QRgb want = idPixel(id);
        const int w = r.width();
        for (int y = 0; y < r.height(); ++y) {
            const QRgb *line =
                reinterpret_cast<const QRgb *>(img.constScanLine(r.top() + y)) + r.left();
            quint8 *out = bits.data() + size_t(y) * size_t(w);
            for (int x = 0; x < w; ++x)
                out[x] = line[x] == want;
        }
    }

    // Separable square min/max filter by running counts; windows clamp at the rectangle's
    // edges so that a region cut by the image border does not shrink away from it.
    void morph(int radius, bool grow) {
        const int w = rect.width(), h = rect.height();
        std::vector<quint8> tmp(bits.size());
        const auto pass = [&](const quint8 *src, quint8 *dst, int n, int lines, int step,
                              int stride) {
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
        pass(bits.data(), tmp.data(), w, h, 1, w);
        pass(tmp.data(), bits.data(), h, w, w, 1);
    }

    void paint(QImage &img, int dx, int dy, int id) const {
        const QRgb value = idPixel(id);
        const int w = rect.width();
        const int x0 = std::max(0, -rect.left() - dx),
                  x1 = std::min(w, img.width() - rect.left() - dx);
        for (int y = 0; y < rect.height(); ++y) {
            const int ty = rect.top() + y + dy;
            if (ty < 0 || ty >= img.height())
                continue;
            QRgb *line = reinterpret_cast<QRgb *>(img.scanLine(ty));
            const quint8 *in = bits.data() + size_t(y) * size_t(w);
            for (int x = x0; x < x1; ++x) {
                if (in[x])
                    line[rect.left() + dx + x] = value;
            }
        }
    }
};

struct Guess {
    int gtId;
    int id;
    int category;
    QJsonObject attributes;
    QRect box; // ground truth bounding box
    bool dropped = false;
};

// An imperfect model's output: blurred stuff boundaries, masks a few pixels off, missed and
// merged instances, confused classes and the odd false positive.
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
            Mask m(pred,
                   QRect(QPoint(e.minX, e.minY), QPoint(e.maxX, e.maxY)).adjusted(-3, -3, 3, 3) &
                       all,
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
        Mask m(ids, g.box.adjusted(-8, -8, 8, 8) & all, g.gtId);
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
