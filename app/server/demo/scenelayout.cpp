// Where everything stands and how the light falls: the camera, colour arithmetic and weather
// looks, the random specs of things and the composition of a whole street.

#include "scenepainter_shapes.h"

#include <algorithm>
#include <climits>
#include <initializer_list>

namespace segscope::server::demo {

namespace {

// Rounds to nearest with ties away from zero; b > 0. Integer-only for reproducibility.
qint64 divRound(qint64 a, qint64 b) {
    return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

} // namespace

QColor hsvColor(int h, int s, int v) {
    const int region = (h % 360) / 60, rem = (h % 60) * 255 / 60;
    const int p = v * (255 - s) / 255;
    const int q = v * (255 - s * rem / 255) / 255;
    const int t = v * (255 - s * (255 - rem) / 255) / 255;
    switch (region) {
    case 0:
        return QColor(v, t, p);
    case 1:
        return QColor(q, v, p);
    case 2:
        return QColor(p, v, t);
    case 3:
        return QColor(p, q, v);
    case 4:
        return QColor(t, p, v);
    default:
        return QColor(v, p, q);
    }
}

QPointF Camera::project(qint64 x, qint64 y, qint64 z) const {
    z = std::max<qint64>(z, 1);
    const qint64 sx = cx * 16 + divRound(f * 16 * (x - camX), z);
    const qint64 sy = cy * 16 + divRound(f * 16 * (camH - y), z);
    return {qreal(sx) / 16, qreal(sy) / 16};
}

qreal Camera::pixels(qint64 mm, qint64 z) const {
    return qreal(divRound(f * 16 * mm, std::max<qint64>(z, 1))) / 16;
}

qint64 Camera::groundDepth(qint64 row) const {
    return f * camH / std::max<qint64>(row - cy, 1);
}

QColor mixColor(const QColor &a, const QColor &b, int amount) {
    const auto mix = [amount](int u, int v) {
        return u + (v - u) * amount / 256;
    };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()),
                  mix(a.alpha(), b.alpha()));
}

QColor scaleColor(const QColor &c, int factor) {
    const auto s = [factor](int v) {
        return std::clamp(v * factor / 256, 0, 255);
    };
    return QColor(s(c.red()), s(c.green()), s(c.blue()), c.alpha());
}

QColor Look::tone(const QColor &c, qint64 z) const {
    const QColor lit = mixColor(scaleColor(c, light), tint, tintAmount);
    // Aerial perspective: distant surfaces fade towards the haze colour, never completely.
    const qint64 d = std::max<qint64>(z, 0);
    const int amount = int(d * 200 / (d + std::max<qint64>(hazeDistance, 1)));
    return mixColor(lit, haze, amount);
}

Look randomLook(Dice &dice) {
    struct Preset {
        Weather weather;
        QRgb top, mid, horizon, haze;
        int light;
        QRgb tint;
        int tintAmount;
        qint64 hazeDistance;
    };
    static const Preset presets[] = {
        {Weather::Day, 0x3a74c6, 0x76a8e0, 0xcadff0, 0xcddae8, 256, 0xffffff, 0, 90000},
        {Weather::Dusk, 0x2a346c, 0xb06876, 0xfaa860, 0xd6967a, 180, 0xff8c46, 45, 70000},
        {Weather::Overcast, 0x767c86, 0xa0a5ac, 0xc6c8cc, 0xbec1c6, 212, 0xaaafb9, 50, 50000},
    };
    const qint64 roll = dice.range(0, 9); // half the scenes by day, the rest dusk or overcast
    const Preset &p = presets[roll < 5 ? 0 : roll < 8 ? 1 : 2];
    Look l;
    l.weather = p.weather;
    l.skyTop = QColor::fromRgb(p.top);
    l.skyMid = QColor::fromRgb(p.mid);
    l.skyHorizon = QColor::fromRgb(p.horizon);
    l.haze = QColor::fromRgb(p.haze);
    l.light = p.light;
    l.tint = QColor::fromRgb(p.tint);
    l.tintAmount = p.tintAmount;
    l.hazeDistance = p.hazeDistance;
    l.sunFromLeft = dice.chance(50);
    return l;
}

CarSpec randomCar(Dice &dice, qint64 xCentre, qint64 z0, bool showsRear) {
    static const QList<QRgb> paints = {0xebebeb, 0x1e1e23, 0xafb2b6, 0xaa1e23, 0x23468c,
                                       0x50525a, 0x285a3c, 0xc8b996, 0x6e2846, 0xd2d7dc};
    CarSpec c;
    const qint64 roll = dice.range(0, 99);
    c.type = roll < 50   ? VehicleType::Sedan
             : roll < 70 ? VehicleType::Suv
             : roll < 85 ? VehicleType::Van
                         : VehicleType::Taxi;
    const bool suv = c.type == VehicleType::Suv, van = c.type == VehicleType::Van;
    const qint64 width = (suv ? 1900 : van ? 2000 : 1800) + dice.range(-60, 60);
    c.length = (suv ? 4700 : van ? 5100 : 4500) + dice.range(-250, 250);
    c.height = (suv ? 1700 : van ? 2100 : 1450) + dice.range(-50, 50);
    c.x0 = xCentre - width / 2;
    c.x1 = c.x0 + width;
    c.z0 = z0;
    c.paint =
        c.type == VehicleType::Taxi ? QColor(240, 190, 30) : QColor::fromRgb(dice.pick(paints));
    c.showsRear = showsRear;
    return c;
}

PersonSpec randomPerson(Dice &dice, qint64 x, qint64 z, Pose pose) {
    static const QList<QRgb> skins = {0xf1c2a0, 0xe0ac82, 0xc6865e, 0x8d5536, 0x5c3a28};
    static const QList<QRgb> hairs = {0x281e19, 0x5a3c23, 0x141414, 0xaa8250, 0x787878};
    static const QList<QRgb> legs = {0x2a3550, 0x303030, 0x4a4a52, 0xb4a482, 0x1e2a44, 0x5a4634};
    PersonSpec p;
    p.x = x;
    p.z = z;
    p.height = dice.range(1580, 1920);
    p.skin = QColor::fromRgb(dice.pick(skins));
    p.hair = QColor::fromRgb(dice.pick(hairs));
    p.shirt = hsvColor(int(dice.range(0, 359)), int(dice.range(50, 210)), int(dice.range(80, 235)));
    p.trousers = QColor::fromRgb(dice.pick(legs));
    p.pose = pose;
    p.direction = dice.chance(50) ? 1 : -1;
    p.stride = dice.chance(50) ? 1 : -1;
    return p;
}

BicycleSpec randomBicycle(Dice &dice, qint64 x, qint64 z) {
    static const QList<QRgb> frames = {0x1f5fa8, 0xb02a2a, 0x2a2a2a, 0xe0e0e0, 0x2e8b57, 0xe08a1e};
    const int direction = dice.chance(50) ? 1 : -1;
    return {x, z, direction, QColor::fromRgb(dice.pick(frames))};
}

// ---- Composition: what stands where ----

namespace {

void add(SceneLayout &s, Kind kind, qsizetype index, qint64 depth) {
    const int id = kind == Kind::Tree ? 0 : ++s.lastId;
    s.items << Item{kind, index, depth, id};
}

void addCar(SceneLayout &s, const CarSpec &c) {
    s.cars << c;
    add(s, Kind::Car, s.cars.size() - 1, c.z0);
}

void addPerson(SceneLayout &s, const PersonSpec &p, qint64 depth) {
    s.people << p;
    add(s, Kind::Person, s.people.size() - 1, depth);
}

void addBicycle(SceneLayout &s, Dice &dice, qint64 x, qint64 z, bool ridden) {
    const BicycleSpec b = randomBicycle(dice, x, z);
    s.bikes << b;
    add(s, Kind::Bicycle, s.bikes.size() - 1, z);
    if (ridden) {
        PersonSpec rider = randomPerson(dice, x, z, Pose::Cycling);
        rider.direction = b.direction;
        addPerson(s, rider, z - 1); // just in front of its bicycle
    }
}

} // namespace

SceneLayout composeScene(quint32 seed, QSize size) {
    Dice dice(seed);
    SceneLayout s;
    s.lastId = FirstThingId - 1;
    s.look = randomLook(dice);
    Camera &cam = s.cam;
    StreetLayout &st = s.street;
    cam.f = std::max<qint64>(1, size.width() * dice.range(700, 820) / 1000);
    cam.cy = size.height() * dice.range(410, 470) / 1000;
    cam.cx = size.width() / 2 + size.width() * dice.range(-30, 30) / 1000;
    cam.camH = dice.range(1450, 1750);
    st.roadHalf = dice.range(6000, 7500);
    st.parking = 2200;
    st.walkLeft = dice.range(3500, 5500);
    st.walkRight = dice.range(3500, 5500);
    cam.camX = (st.roadHalf - st.parking) / 2 + dice.range(-300, 300); // in the right-hand lane
    st.zNear = std::max<qint64>(500, cam.groundDepth(size.height()) * 85 / 100);
    st.zFar = dice.range(100000, 140000);
    st.zebraZ = dice.chance(50) ? dice.range(12000, 24000) : 0;
    st.dashPhase = dice.range(0, 8999);
    const qint64 rw = st.roadHalf;
    const auto nearZebra = [&](qint64 z0, qint64 z1) {
        return st.zebraZ > 0 && z1 > st.zebraZ - 4000 && z0 < st.zebraZ + 4500;
    };

    // Parked cars: the right-hand row (seen from behind) always has two, so that one hides
    // part of the other; the left-hand row faces the camera.
    for (int side : {1, -1}) {
        const qint64 count = side > 0 ? dice.range(2, 3) : dice.range(0, 2);
        qint64 z = dice.range(5000, 11000);
        for (qint64 i = 0; i < count; ++i) {
            const qint64 inset = dice.range(1000, 1250);
            CarSpec c = randomCar(dice, side * (rw - inset), z, side > 0);
            if (nearZebra(c.z0, c.z0 + c.length)) {
                c.z0 = st.zebraZ + 4500;
            }
            addCar(s, c);
            z = c.z0 + c.length + dice.range(500, 2500) + (dice.chance(20) ? 6000 : 0);
        }
    }
    // Someone stepping out in front of a parked car, so that a person hides part of a car.
    {
        const CarSpec car = dice.pick(s.cars);
        const qint64 zp = car.z0 - dice.range(500, 1200);
        const qint64 centre = (car.x0 + car.x1) / 2;
        const qint64 xp = cam.camX + (centre - cam.camX) * zp / car.z0 + dice.range(-400, 400);
        addPerson(s, randomPerson(dice, xp, zp, dice.chance(50) ? Pose::Walking : Pose::Standing),
                  zp);
    }
    // Moving traffic: one ahead in our lane, one oncoming.
    const qint64 laneCentre = (rw - st.parking) / 2;
    if (dice.chance(55)) {
        const qint64 z = dice.range(10000, 40000);
        if (!nearZebra(z, z + 5000))
            addCar(s, randomCar(dice, laneCentre + dice.range(-250, 250), z, true));
    }
    if (dice.chance(60)) {
        const qint64 z = dice.range(14000, 50000);
        if (!nearZebra(z, z + 5000))
            addCar(s, randomCar(dice, -laneCentre + dice.range(-250, 250), z, false));
    }
    // Pedestrians on the pavements and on the crossing.
    for (qint64 i = 0, n = dice.range(2, 5); i < n; ++i) {
        const int side = dice.chance(50) ? 1 : -1;
        const qint64 walk = side > 0 ? st.walkRight : st.walkLeft;
        const qint64 x = side * (rw + dice.range(500, walk - 700));
        const qint64 z = dice.range(5000, 30000);
        addPerson(s, randomPerson(dice, x, z, dice.chance(60) ? Pose::Walking : Pose::Standing), z);
    }
    if (st.zebraZ > 0) {
        for (qint64 i = 0, n = dice.range(0, 2); i < n; ++i) {
            const qint64 z = st.zebraZ + dice.range(600, 2900);
            addPerson(s, randomPerson(dice, dice.range(-rw + 500, rw - 500), z, Pose::Walking), z);
        }
    }
    // Bicycles: crossing with a rider, or parked across the pavement in a rack.
    for (qint64 i = 0, n = dice.range(0, 2); i < n; ++i) {
        if (st.zebraZ > 0 && dice.chance(50)) {
            addBicycle(s, dice, dice.range(-rw + 800, rw - 800), st.zebraZ + dice.range(800, 2800),
                       true);
        } else {
            const int side = dice.chance(50) ? 1 : -1;
            addBicycle(s, dice, side * (rw + dice.range(600, 1500)), dice.range(6000, 22000),
                       dice.chance(25));
        }
    }
    for (qint64 i = 0, n = dice.range(1, 2); i < n; ++i) {
        const int side = dice.chance(50) ? 1 : -1;
        SignSpec sign{side * (rw + dice.range(350, 650)), dice.range(7000, 35000),
                      dice.range(2200, 2700), SignType(dice.range(0, 2))};
        s.signs << sign;
        add(s, Kind::Sign, s.signs.size() - 1, sign.z);
    }
    // Street trees along both kerbs (stuff: they all share the vegetation id).
    for (int side : {-1, 1}) {
        for (qint64 z = dice.range(8000, 14000); z < st.zFar * 8 / 10;
             z += dice.range(7000, 13000)) {
            if (dice.chance(25))
                continue;
            s.trees << TreeSpec{side * (rw + dice.range(900, 1300)), z, dice.range(5000, 9000),
                                quint32(dice.range(0, INT_MAX))};
            add(s, Kind::Tree, s.trees.size() - 1, z);
        }
    }
    std::stable_sort(s.items.begin(), s.items.end(),
                     [](const Item &a, const Item &b) { return a.depth > b.depth; });
    return s;
}

} // namespace segscope::server::demo
