#include "scenepainter_shapes.h"

#include <QLinearGradient>
#include <QRadialGradient>

#include <algorithm>
#include <array>
#include <climits>
#include <functional>
#include <initializer_list>
#include <utility>

namespace segscope::server::demo {

namespace {

// Rounds to nearest with ties away from zero; b > 0. Integer-only for reproducibility.
qint64 divRound(qint64 a, qint64 b) {
    return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

qint64 isqrt(qint64 v) {
    if (v <= 0)
        return 0;
    qint64 r = 1;
    while (r * r <= v)
        r *= 2;
    qint64 lo = r / 2, hi = r; // lo^2 <= v < hi^2
    while (hi - lo > 1) {
        const qint64 mid = (lo + hi) / 2;
        (mid * mid <= v ? lo : hi) = mid;
    }
    return lo;
}

struct P3 {
    qint64 x, y, z;
};

QPolygonF project(const Camera &cam, std::initializer_list<P3> points) {
    QPolygonF poly;
    poly.reserve(qsizetype(points.size()));
    for (const P3 &p : points)
        poly << cam.project(p.x, p.y, p.z);
    return poly;
}

QPainterPath ellipse(const QPointF &c, qreal rx, qreal ry) {
    QPainterPath path;
    path.addEllipse(c, rx, ry);
    return path;
}

// A vertical plane facing the camera at depth z, with local millimetre coordinates: dx along
// `dir` (so side views can be mirrored), dy up from the ground.
struct Board {
    const Camera &cam;
    qint64 x, z;
    int dir = 1;

    QPointF at(qint64 dx, qint64 dy) const { return cam.project(x + dir * dx, dy, z); }
    qreal len(qint64 mm) const { return cam.pixels(mm, z); }

    QPolygonF poly(std::initializer_list<std::pair<qint64, qint64>> points) const {
        QPolygonF p;
        for (const auto &[dx, dy] : points)
            p << at(dx, dy);
        return p;
    }

    QPainterPath disc(qint64 dx, qint64 dy, qint64 r) const {
        return ellipse(at(dx, dy), len(r), len(r));
    }

    QPainterPath ring(qint64 dx, qint64 dy, qint64 outer, qint64 inner) const {
        QPainterPath path = disc(dx, dy, outer);
        path.addEllipse(at(dx, dy), len(inner), len(inner));
        path.setFillRule(Qt::OddEvenFill);
        return path;
    }

    // A tapered bar from a to b, wa and wb wide at its ends.
    QPolygonF limb(qint64 ax, qint64 ay, qint64 bx, qint64 by, qint64 wa, qint64 wb) const {
        const qint64 dx = bx - ax, dy = by - ay;
        const qint64 l = std::max<qint64>(1, isqrt(dx * dx + dy * dy));
        const qint64 nxa = -dy * wa / (2 * l), nya = dx * wa / (2 * l);
        const qint64 nxb = -dy * wb / (2 * l), nyb = dx * wb / (2 * l);
        return poly({{ax + nxa, ay + nya},
                     {bx + nxb, by + nyb},
                     {bx - nxb, by - nyb},
                     {ax - nxa, ay - nya}});
    }
};

QBrush verticalGradient(qreal top, qreal bottom, const QColor &a, const QColor &b) {
    QLinearGradient g(0, top, 0, bottom);
    g.setColorAt(0, a);
    g.setColorAt(1, b);
    return g;
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

Canvas::Canvas(QImage *photo, QImage *ids, QImage *stuffIds)
    : m_size(photo->size()) {
    m_photo.begin(photo);
    m_ids.begin(ids);
    m_stuff.begin(stuffIds);
    m_photo.setRenderHint(QPainter::Antialiasing, true);
    for (QPainter *p : {&m_photo, &m_ids, &m_stuff})
        p->setPen(Qt::NoPen);
}

void Canvas::begin(int id, bool isStuff) {
    m_idColor = QColor(id & 0xff, (id >> 8) & 0xff, (id >> 16) & 0xff, 255);
    m_ids.setBrush(m_idColor);
    m_stuff.setBrush(m_idColor);
    m_isStuff = isStuff;
    m_touched = QRect();
}

void Canvas::touch(const QRectF &r) {
    m_touched |= r.toAlignedRect().adjusted(-1, -1, 1, 1) & QRect(QPoint(0, 0), m_size);
}

void Canvas::fill(const QPolygonF &shape, const QBrush &brush) {
    m_photo.setBrush(brush);
    m_photo.drawPolygon(shape);
    m_ids.drawPolygon(shape);
    if (m_isStuff)
        m_stuff.drawPolygon(shape);
    touch(shape.boundingRect());
}

void Canvas::fill(const QPainterPath &shape, const QBrush &brush) {
    m_photo.setBrush(brush);
    m_photo.drawPath(shape);
    m_ids.drawPath(shape);
    if (m_isStuff)
        m_stuff.drawPath(shape);
    touch(shape.boundingRect());
}

void Canvas::fillRows(int top, int bottom, const std::function<QColor(int)> &colorOfRow) {
    if (bottom <= top)
        return;
    for (int y = top; y < bottom; ++y)
        m_photo.fillRect(QRect(0, y, m_size.width(), 1), colorOfRow(y));
    const QRect band(0, top, m_size.width(), bottom - top);
    m_ids.fillRect(band, m_idColor);
    if (m_isStuff)
        m_stuff.fillRect(band, m_idColor);
    touch(band);
}

void Canvas::detail(const QPolygonF &shape, const QBrush &brush) {
    m_photo.setBrush(brush);
    m_photo.drawPolygon(shape);
}

void Canvas::detail(const QPainterPath &shape, const QBrush &brush) {
    m_photo.setBrush(brush);
    m_photo.drawPath(shape);
}

void Canvas::end() {
    m_photo.end();
    m_ids.end();
    m_stuff.end();
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

void paintSkyAndGround(Canvas &cv, const Camera &cam, const Look &look, const StreetLayout &st,
                       Dice &dice) {
    const int w = cv.size().width(), h = cv.size().height();
    const auto range = [&dice](int lo, int hi) {
        return int(dice.range(lo, hi));
    };

    cv.begin(Sky, true);
    const int horizon = int(std::clamp<qint64>(cam.cy, 0, h));
    cv.fillRows(0, horizon, [&](int row) {
        const int t = row * 256 / std::max(horizon, 1); // 0 at the top, 256 at the horizon
        return t < 154 ? mixColor(look.skyTop, look.skyMid, t * 256 / 154)
                       : mixColor(look.skyMid, look.skyHorizon, (t - 154) * 256 / 102);
    });
    if (look.weather == Weather::Dusk) {
        const QPointF sun(w * range(15, 85) / 100.0, qreal(cam.cy) - h * range(2, 8) / 100.0);
        const qreal r = h * 0.03;
        QRadialGradient glow(sun, r * 8);
        glow.setColorAt(0, QColor(255, 220, 150, 200));
        glow.setColorAt(1, QColor(255, 160, 90, 0));
        cv.detail(ellipse(sun, r * 8, r * 8), glow);
        cv.detail(ellipse(sun, r, r), QColor(255, 236, 190));
    }
    // Clouds: soft overlapping puffs; overcast skies get many dim, broad ones.
    const int clouds = look.weather == Weather::Overcast ? range(7, 11) : range(2, 6);
    for (int i = 0; i < clouds; ++i) {
        const qreal cx = w * range(-10, 110) / 100.0;
        const qreal cy = cam.cy * range(8, 70) / 100.0;
        const qreal size = w * range(4, 9) / 100.0;
        const int puffs = range(4, 7);
        for (int k = 0; k < puffs; ++k) {
            const QPointF c(cx + size * range(-120, 120) / 100.0,
                            cy + size * range(-25, 20) / 100.0);
            const qreal rx = size * range(50, 100) / 100.0, ry = rx * range(35, 60) / 100.0;
            QColor core = look.weather == Weather::Overcast ? QColor(150, 152, 158, 110)
                          : look.weather == Weather::Dusk   ? QColor(250, 170, 150, 120)
                                                            : QColor(255, 255, 255, 190);
            QColor edge = core;
            edge.setAlpha(0);
            QRadialGradient g(c, rx);
            g.setColorAt(0, core);
            g.setColorAt(0.7, mixColor(core, edge, 100));
            g.setColorAt(1, edge);
            QPainterPath puff = ellipse(c, rx, ry);
            cv.detail(puff, g);
        }
    }

    // The whole ground is one road region; pavement, kerb and markings are only looks.
    cv.begin(Road, true);
    const qreal yFar = cam.project(0, 0, st.zFar).y();
    const QColor paving(196, 192, 184);
    cv.fillRows(horizon, h, [&](int row) {
        return look.tone(paving, std::min(st.zFar, cam.groundDepth(row)));
    });
    const qint64 rw = st.roadHalf, zn = st.zNear, zf = st.zFar;
    const QColor asphalt(78, 80, 84);
    cv.detail(project(cam, {{-rw, 0, zn}, {rw, 0, zn}, {rw, 0, zf}, {-rw, 0, zf}}),
              verticalGradient(yFar, h, look.tone(asphalt, zf), look.tone(asphalt, zn)));

    const auto strip = [&](qint64 xa, qint64 xb, qint64 za, qint64 zb, const QColor &c) {
        const QPolygonF q = project(cam, {{xa, 0, za}, {xb, 0, za}, {xb, 0, zb}, {xa, 0, zb}});
        cv.detail(q, verticalGradient(cam.project(0, 0, zb).y(), cam.project(0, 0, za).y(),
                                      look.tone(c, zb), look.tone(c, za)));
    };
    const QColor kerb(170, 170, 166), gutter(60, 60, 62), paint(228, 228, 222);
    const qint64 walkL = -rw - st.walkLeft, walkR = rw + st.walkRight;
    for (int side : {-1, 1}) {
        strip(side < 0 ? -rw - 250 : rw, side < 0 ? -rw : rw + 250, zn, zf, kerb);
        strip(side < 0 ? -rw : rw - 150, side < 0 ? -rw + 150 : rw, zn, zf, gutter);
        const qint64 lane = side * (rw - st.parking);
        strip(lane - 60, lane + 60, zn, zf, paint);
    }
    // Paving joints, only while they are far enough apart to read as a pattern.
    for (qint64 z = zn; z < zf; z += 1500) {
        if (cam.project(0, 0, z).y() - cam.project(0, 0, z + 1500).y() < 4)
            break;
        strip(walkL, -rw - 250, z, z + 25, QColor(150, 146, 140));
        strip(rw + 250, walkR, z, z + 25, QColor(150, 146, 140));
    }
    // Repaired patches and manhole covers break up the asphalt.
    for (int i = 0, n = range(2, 5); i < n; ++i) {
        const qint64 z = zn + range(1000, 30000), x = range(-rw + 500, rw - 2500);
        if (range(0, 1))
            strip(x, x + range(1000, 2000), z, z + range(1200, 3500), QColor(70, 72, 76));
        else
            cv.detail(ellipse(cam.project(x, 0, z), cam.pixels(330, z),
                              cam.pixels(330, z) * cam.camH / z),
                      look.tone(QColor(55, 55, 57), z));
    }
    for (qint64 z = zn - st.dashPhase; z < zf; z += 9000) {
        if (z + 3000 > zn)
            strip(-70, 70, std::max(z, zn), z + 3000, paint);
    }
    if (st.zebraZ > 0) {
        for (qint64 x = -rw + 400; x + 500 < rw - 300; x += 1000)
            strip(x, x + 500, st.zebraZ, st.zebraZ + 3500, paint);
    }
}

void paintBuildings(Canvas &cv, const Camera &cam, const Look &look, const StreetLayout &st,
                    Dice &dice) {
    const auto range = [&dice](qint64 lo, qint64 hi) {
        return dice.range(lo, hi);
    };
    static constexpr QRgb facades[] = {0xe8dcc4, 0xd2be96, 0xa0523c, 0x96969b, 0xebd796,
                                       0xdc9678, 0xebebe6, 0x5f6469, 0x96aaa5, 0xb4a08c};
    const auto facadeColor = [&] {
        const QColor c = QColor::fromRgb(facades[range(0, std::size(facades) - 1)]);
        return scaleColor(c, int(range(215, 270)));
    };
    const bool dusk = look.weather == Weather::Dusk;
    cv.begin(Building, true);

    // The end of the street: a row of blocks facing the camera.
    const qint64 zf = st.zFar;
    for (qint64 x = -60000 + range(0, 6000); x < 60000;) {
        const qint64 bw = range(6000, 16000), bh = range(7000, 30000);
        const QColor c = look.tone(facadeColor(), zf);
        cv.fill(project(cam, {{x, 0, zf}, {x + bw, 0, zf}, {x + bw, bh, zf}, {x, bh, zf}}), c);
        const QColor glass = look.tone(QColor(70, 80, 95), zf);
        for (qint64 y = 4000; y + 2200 < bh; y += 3200) {
            for (qint64 wx = x + 800; wx + 1400 < x + bw; wx += 2600)
                cv.detail(project(cam, {{wx, y, zf},
                                        {wx + 1200, y, zf},
                                        {wx + 1200, y + 1600, zf},
                                        {wx, y + 1600, zf}}),
                          glass);
        }
        x += bw;
    }

    struct Block {
        qint64 z0, z1, h, bay, windowW, windowH;
        QColor color, glass, accent;
    };
    for (int side : {-1, 1}) {
        const qint64 fx = side < 0 ? -st.roadHalf - st.walkLeft : st.roadHalf + st.walkRight;
        const qint64 edge = cam.f * 2 * std::abs(fx - cam.camX) / cv.size().width();
        QList<Block> blocks;
        for (qint64 z = std::max(st.zNear, edge * 2 / 3); z < zf;) {
            Block b;
            b.z0 = z;
            b.z1 = std::min(zf, z + range(9000, 24000));
            b.h = range(8000, 32000);
            b.bay = range(2600, 3400);
            b.windowW = b.bay * range(40, 60) / 100;
            b.windowH = range(1400, 1900);
            b.color = facadeColor();
            b.glass = QColor::fromRgb(range(0, 1) ? 0x3c4655 : 0x505a64);
            b.accent = hsvColor(int(range(0, 359)), 150, 170);
            blocks << b;
            z = b.z1;
        }
        // Facades facing the sun are brighter; end walls face the camera and sit in between.
        const int sunFactor = (side > 0) == look.sunFromLeft ? 256 : 205;
        const qint64 depth = side * 15000;
        for (qsizetype i = blocks.size() - 1; i >= 0; --i) {
            const Block &b = blocks[i];
            cv.fill(project(cam, {{fx, 0, b.z0},
                                  {fx + depth, 0, b.z0},
                                  {fx + depth, b.h, b.z0},
                                  {fx, b.h, b.z0}}),
                    look.tone(scaleColor(b.color, 220), b.z0));
            const QPolygonF facade =
                project(cam, {{fx, 0, b.z0}, {fx, 0, b.z1}, {fx, b.h, b.z1}, {fx, b.h, b.z0}});
            QLinearGradient g(cam.project(fx, b.h / 2, b.z0), cam.project(fx, b.h / 2, b.z1));
            g.setColorAt(0, look.tone(scaleColor(b.color, sunFactor), b.z0));
            g.setColorAt(1, look.tone(scaleColor(b.color, sunFactor), b.z1));
            cv.fill(facade, g);

            const auto face = [&](qint64 ya, qint64 yb, qint64 za, qint64 zb, const QColor &c) {
                cv.detail(project(cam, {{fx, ya, za}, {fx, ya, zb}, {fx, yb, zb}, {fx, yb, za}}),
                          look.tone(c, (za + zb) / 2));
            };
            face(b.h - 350, b.h, b.z0, b.z1, scaleColor(b.color, 170)); // cornice
            face(3300, 3900, b.z0 + 300, b.z1 - 300, b.accent);         // shop signs band
            // Windows stop where they would shrink below a few pixels.
            const qint64 zLimit = cam.f * b.windowH * 2 / 5;
            for (qint64 zc = b.z0 + b.bay / 2; zc + b.bay / 2 <= b.z1 && zc < zLimit; zc += b.bay) {
                const qint64 shopW = b.bay * 7 / 20;
                face(500, 3000, zc - shopW, zc + shopW, QColor(45, 50, 58));
                const bool framed = cam.pixels(b.windowH, zc) > 10;
                for (qint64 y = 4200 + 900; y + b.windowH < b.h - 600; y += 3300) {
                    const qint64 z0 = zc - b.windowW / 2, z1 = zc + b.windowW / 2;
                    if (framed)
                        face(y - 90, y + b.windowH + 90, z0 - 90, z1 + 90, QColor(226, 224, 218));
                    const quint32 lit = quint32(zc * 31 + y * 17) % 100;
                    QColor glass = b.glass;
                    if (dusk && lit < 35)
                        glass = QColor(255, 205, 120);
                    else if (lit < 25)
                        glass = mixColor(glass, look.skyHorizon, 110);
                    face(y, y + b.windowH, z0, z1, glass);
                }
            }
        }
    }
}

void paintCar(Canvas &cv, const Camera &cam, const Look &look, const CarSpec &c) {
    const qint64 x0 = c.x0, x1 = c.x1, z0 = c.z0, z1 = c.z0 + c.length, len = c.length;
    const qint64 top = c.height, clear = 230;
    const bool boxy = c.type == VehicleType::Van || c.type == VehicleType::Suv;
    const qint64 belt = top * (c.type == VehicleType::Van ? 48 : 56) / 100;
    // Where the cabin starts and ends, low and high: a short rear window, a long windscreen.
    const qint64 backLow = boxy ? 40 : len * 10 / 100, backHigh = boxy ? 140 : len * 22 / 100;
    const qint64 frontLow = len * 24 / 100, frontHigh = len * (boxy ? 30 : 40) / 100;
    const qint64 nearLow = z0 + (c.showsRear ? backLow : frontLow);
    const qint64 nearHigh = z0 + (c.showsRear ? backHigh : frontHigh);
    const qint64 farLow = z1 - (c.showsRear ? frontLow : backLow);
    const qint64 farHigh = z1 - (c.showsRear ? frontHigh : backHigh);
    const qint64 insetLow = 60, insetHigh = boxy ? 120 : 210;
    const int side = cam.camX < x0 ? -1 : (cam.camX > x1 ? 1 : 0);
    const qint64 sx = side < 0 ? x0 : x1;
    const auto cabX = [&](qint64 inset) {
        return side < 0 ? x0 + inset : x1 - inset;
    };

    const QColor paint = look.tone(c.paint, z0);
    const QColor sidePaint =
        look.tone(scaleColor(c.paint, (side < 0) == look.sunFromLeft ? 250 : 195), z0);
    const QColor topPaint = mixColor(paint, look.skyHorizon, 90);
    const QColor glass = look.tone(QColor(38, 46, 58), z0);
    const QColor glassHi = mixColor(glass, look.skyHorizon, 80);
    const QColor tyre = look.tone(QColor(24, 24, 26), z0),
                 hub = look.tone(QColor(150, 152, 156), z0);

    // The shadow darkens the ground (or whatever is already there) without owning it.
    cv.detail(project(cam, {{x0 - 150, 0, z0 - 200},
                            {x1 + 150, 0, z0 - 200},
                            {x1 + 150, 0, z1 + 100},
                            {x0 - 150, 0, z1 + 100}}),
              QColor(0, 0, 0, 60));
    cv.detail(project(cam, {{x0, 0, z0}, {x1, 0, z0}, {x1, 0, z1}, {x0, 0, z1}}),
              QColor(0, 0, 0, 90));

    // Tyres under the near bumper, first of all: the body hides all but their bottoms.
    const qint64 zTyre = z0 + len * 18 / 100;
    for (qint64 xt : {x0 + 40, x1 - 300})
        cv.fill(
            project(
                cam,
                {{xt, 0, zTyre}, {xt + 260, 0, zTyre}, {xt + 260, 600, zTyre}, {xt, 600, zTyre}}),
            tyre);

    if (side != 0) {
        cv.fill(project(cam, {{sx, clear, z0}, {sx, clear, z1}, {sx, belt, z1}, {sx, belt, z0}}),
                sidePaint);
        // Wheels stand proud of the body, so they go on top of the side panel.
        for (qint64 zw : {z1 - len * 18 / 100, z0 + len * 18 / 100}) {
            const qint64 r = 330;
            const QPointF centre = cam.project(sx, r, zw);
            const qreal rx =
                std::abs(cam.project(sx, r, zw - r).x() - cam.project(sx, r, zw + r).x()) / 2;
            const qreal ry = cam.pixels(r, zw);
            cv.fill(ellipse(centre, rx, ry), tyre);
            cv.detail(ellipse(centre, rx * 0.58, ry * 0.58), hub);
            cv.detail(ellipse(centre, rx * 0.2, ry * 0.2), scaleColor(hub, 170));
        }
    }
    if (cam.camH > belt)
        cv.fill(project(cam, {{x0, belt, z0}, {x1, belt, z0}, {x1, belt, z1}, {x0, belt, z1}}),
                topPaint);
    // Interpolates the cabin's slanted faces: t runs 0..256 from the belt line to the roof.
    const auto lerp = [](qint64 a, qint64 b, qint64 t) {
        return a + (b - a) * t / 256;
    };
    if (side != 0) {
        cv.fill(project(cam, {{cabX(insetLow), belt, nearLow},
                              {cabX(insetLow), belt, farLow},
                              {cabX(insetHigh), top, farHigh},
                              {cabX(insetHigh), top, nearHigh}}),
                paint);
        const qint64 ta = 30, tb = 220;
        const qint64 xa = cabX(lerp(insetLow, insetHigh, ta)),
                     xb = cabX(lerp(insetLow, insetHigh, tb));
        const qint64 ya = lerp(belt, top, ta), yb = lerp(belt, top, tb);
        const qint64 na = lerp(nearLow, nearHigh, ta) + 120, nb = lerp(nearLow, nearHigh, tb) + 120;
        const qint64 fa = lerp(farLow, farHigh, ta) - 120, fb = lerp(farLow, farHigh, tb) - 120;
        const qint64 ma = (na + fa) / 2, mb = (nb + fb) / 2;
        QLinearGradient g(cam.project(xa, ya, ma), cam.project(xb, yb, mb));
        g.setColorAt(0, glass);
        g.setColorAt(1, glassHi);
        cv.detail(project(cam, {{xa, ya, na}, {xa, ya, ma - 70}, {xb, yb, mb - 70}, {xb, yb, nb}}),
                  g);
        cv.detail(project(cam, {{xa, ya, ma + 70}, {xa, ya, fa}, {xb, yb, fb}, {xb, yb, mb + 70}}),
                  g);
    }
    if (cam.camH > top) {
        cv.fill(project(cam, {{x0 + insetHigh, top, nearHigh},
                              {x1 - insetHigh, top, nearHigh},
                              {x1 - insetHigh, top, farHigh},
                              {x0 + insetHigh, top, farHigh}}),
                topPaint);
    }
    const auto nearRect = [&](qint64 xa, qint64 xb, qint64 ya, qint64 yb) {
        return project(cam, {{xa, ya, z0}, {xb, ya, z0}, {xb, yb, z0}, {xa, yb, z0}});
    };
    const qreal yBelt = cam.project(x0, belt, z0).y(), yClear = cam.project(x0, clear, z0).y();
    cv.fill(nearRect(x0, x1, clear, belt),
            verticalGradient(yBelt, yClear, mixColor(paint, topPaint, 60), scaleColor(paint, 215)));
    cv.detail(nearRect(x0, x1, clear, clear + 200), scaleColor(paint, 150)); // bumper
    const bool dusk = look.weather == Weather::Dusk;
    const QColor lamp = c.showsRear ? QColor(dusk ? 255 : 185, dusk ? 45 : 25, 25)
                                    : QColor(235, 232, dusk ? 190 : 215);
    cv.detail(nearRect(x0 + 60, x0 + 380, belt - 240, belt - 80), lamp);
    cv.detail(nearRect(x1 - 380, x1 - 60, belt - 240, belt - 80), lamp);
    if (!c.showsRear)
        cv.detail(nearRect(x0 + 470, x1 - 470, belt - 230, belt - 90),
                  look.tone(QColor(30, 30, 34), z0));
    const qint64 mid = (x0 + x1) / 2;
    cv.detail(nearRect(mid - 260, mid + 260, clear + 230, clear + 340),
              look.tone(QColor(236, 236, 230), z0));

    cv.fill(project(cam, {{x0 + insetLow, belt, nearLow},
                          {x1 - insetLow, belt, nearLow},
                          {x1 - insetHigh, top, nearHigh},
                          {x0 + insetHigh, top, nearHigh}}),
            paint);
    {
        const qint64 ta = 25, tb = 225;
        const qint64 ia = lerp(insetLow, insetHigh, ta) + 70,
                     ib = lerp(insetLow, insetHigh, tb) + 70;
        const qint64 ya = lerp(belt, top, ta), yb = lerp(belt, top, tb);
        const qint64 za = lerp(nearLow, nearHigh, ta), zb = lerp(nearLow, nearHigh, tb);
        cv.detail(
            project(cam,
                    {{x0 + ia, ya, za}, {x1 - ia, ya, za}, {x1 - ib, yb, zb}, {x0 + ib, yb, zb}}),
            verticalGradient(cam.project(0, yb, zb).y(), cam.project(0, ya, za).y(), glassHi,
                             glass));
    }
    if (c.type == VehicleType::Taxi) {
        const qint64 zs = (nearHigh + farHigh) / 2 - 150;
        cv.fill(project(cam, {{mid - 300, top, zs},
                              {mid + 300, top, zs},
                              {mid + 300, top + 160, zs},
                              {mid - 300, top + 160, zs}}),
                look.tone(QColor(250, 245, 230), zs));
    }
}

void paintPerson(Canvas &cv, const Camera &cam, const Look &look, const PersonSpec &p) {
    const Board b{cam, p.x, p.z, p.pose == Pose::Cycling ? p.direction : 1};
    const qint64 h = p.height, r = h * 65 / 1000;
    const QColor skin = look.tone(p.skin, p.z), hair = look.tone(p.hair, p.z);
    const QColor shirt = look.tone(p.shirt, p.z), trousers = look.tone(p.trousers, p.z);
    const QColor shoes = look.tone(QColor(35, 32, 30), p.z);
    const auto limb = [&](qint64 ax, qint64 ay, qint64 bx, qint64 by, qint64 wa, qint64 wb,
                          const QColor &c) {
        cv.fill(b.limb(ax, ay, bx, by, wa, wb), c);
        cv.fill(b.disc(bx, by, wb / 2), c);
    };
    qint64 headX, headY;
    if (p.pose == Pose::Cycling) {
        const qint64 hipX = SaddleX + 20, hipY = SaddleY + 50;
        const qint64 shX = hipX + 260, shY = hipY + 470;
        for (int k : {1, -1}) { // far leg first, then the near one
            const qint64 px = PedalX + k * CrankLength * 7 / 10,
                         py = PedalY - k * CrankLength * 7 / 10;
            const qint64 kx = (hipX + px) / 2 + 170, ky = (hipY + py) / 2 + 60;
            limb(hipX, hipY, kx, ky, 150, 120, trousers);
            limb(kx, ky, px, py, 115, 95, trousers);
            cv.fill(b.poly({{px - 60, py - 40},
                            {px + 120, py - 40},
                            {px + 120, py + 50},
                            {px - 60, py + 50}}),
                    shoes);
        }
        cv.fill(b.disc(hipX, hipY, 90), shirt);
        limb(hipX, hipY, shX, shY, 300, 280, shirt);
        limb(shX, shY, BarX, BarY + 20, 100, 80, shirt);
        cv.fill(b.disc(BarX, BarY + 20, 45), skin);
        headX = shX + 110;
        headY = shY + 130 + r;
    } else {
        const qint64 sh = h * 815 / 1000, sw = h * 125 / 1000, hip = h * 510 / 1000,
                     hw = h * 95 / 1000;
        const qint64 stride = p.pose == Pose::Walking ? (p.stride >= 0 ? 1 : -1) : 0;
        for (int k : {-1, 1}) {
            const qint64 fx = k * (hw / 2 + 20) + stride * k * 170;
            limb(k * hw / 2, hip, fx, 90, 150, 110, trousers);
            cv.fill(b.poly({{fx - 70, 0}, {fx + 70, 0}, {fx + 60, 110}, {fx - 60, 110}}), shoes);
        }
        cv.fill(b.poly({{-hw - 10, hip - 40},
                        {hw + 10, hip - 40},
                        {sw, sh - 40},
                        {sw - 50, sh + 45},
                        {-sw + 50, sh + 45},
                        {-sw, sh - 40}}),
                verticalGradient(b.at(0, sh).y(), b.at(0, hip).y(), shirt, scaleColor(shirt, 205)));
        for (int k : {-1, 1}) {
            const qint64 hx = k * (sw + 30) - stride * k * 120, hy = hip - 40;
            limb(k * (sw - 45), sh - 20, hx, hy, 110, 85, shirt);
            cv.fill(b.disc(hx, hy - 40, 48), skin);
        }
        headX = 0;
        headY = h - r;
    }
    cv.fill(b.disc(headX, headY - r + 10, 45), skin); // neck
    cv.fill(b.disc(headX, headY, r), skin);
    QPainterPath cap;
    const QPointF c = b.at(headX, headY);
    const qreal rr = b.len(r);
    cap.moveTo(c + QPointF(rr, 0));
    cap.arcTo(QRectF(c.x() - rr, c.y() - rr, 2 * rr, 2 * rr), 0, 180);
    cap.closeSubpath();
    cv.detail(cap, hair);
}

void paintBicycle(Canvas &cv, const Camera &cam, const Look &look, const BicycleSpec &s) {
    const Board b{cam, s.x, s.z, s.direction};
    const QColor frame = look.tone(s.frame, s.z), tyre = look.tone(QColor(28, 28, 30), s.z);
    const QColor metal = look.tone(QColor(165, 168, 172), s.z),
                 black = look.tone(QColor(25, 25, 25), s.z);
    for (qint64 hx : {-525, 525}) {
        cv.fill(b.ring(hx, 340, 340, 290), tyre);
        cv.detail(b.ring(hx, 340, 305, 290), metal);
        cv.fill(b.disc(hx, 340, 40), metal);
    }
    const auto tube = [&](qint64 ax, qint64 ay, qint64 bx, qint64 by, qint64 w, const QColor &c) {
        cv.fill(b.limb(ax, ay, bx, by, w, w), c);
    };
    tube(-525, 340, PedalX, PedalY, 40, frame); // chain stay
    tube(-525, 340, -170, 820, 35, frame);      // seat stay
    tube(PedalX, PedalY, -170, 820, 45, frame); // seat tube
    tube(-170, 820, 430, 850, 45, frame);       // top tube
    tube(PedalX, PedalY, 470, 700, 50, frame);  // down tube
    tube(430, 860, 475, 690, 60, frame);        // head tube
    tube(470, 700, 525, 340, 35, metal);        // fork
    tube(-170, 820, SaddleX, 900, 30, metal);   // seat post
    tube(430, 860, 420, 990, 30, metal);        // stem
    tube(420, 990, BarX - 60, BarY, 32, black); // handlebar
    cv.fill(b.poly({{SaddleX - 130, 900},
                    {SaddleX + 120, 915},
                    {SaddleX + 100, 955},
                    {SaddleX - 120, 950}}),
            black);
    cv.fill(b.disc(PedalX, PedalY, 70), metal);
    tube(PedalX, PedalY, PedalX + CrankLength * 7 / 10, PedalY - CrankLength * 7 / 10, 30, metal);
}

void paintSign(Canvas &cv, const Camera &cam, const Look &look, const SignSpec &s) {
    const Board b{cam, s.x, s.z};
    const qint64 cy = s.poleHeight + 380;
    cv.fill(b.limb(0, 0, 0, cy, 70, 60), look.tone(QColor(150, 154, 158), s.z));
    const QColor red = look.tone(QColor(200, 25, 30), s.z),
                 white = look.tone(QColor(245, 245, 240), s.z);
    const QColor ink = look.tone(QColor(20, 20, 20), s.z);
    const auto octagon = [&](qint64 r) {
        const qint64 a = r * 383 / 1000, c = r * 924 / 1000; // sin and cos of 22.5 degrees
        return b.poly({{a, cy + c},
                       {c, cy + a},
                       {c, cy - a},
                       {a, cy - c},
                       {-a, cy - c},
                       {-c, cy - a},
                       {-c, cy + a},
                       {-a, cy + c}});
    };
    switch (s.type) {
    case SignType::Stop:
        cv.fill(octagon(380), white);
        cv.detail(octagon(335), red);
        for (qint64 x : {-225, -90, 45, 180}) // four letters, just as bars
            cv.detail(b.poly({{x, cy - 90}, {x + 70, cy - 90}, {x + 70, cy + 90}, {x, cy + 90}}),
                      white);
        break;
    case SignType::SpeedLimit: {
        cv.fill(b.disc(0, cy, 350), red);
        cv.detail(b.disc(0, cy, 265), white);
        // "50" without text rendering: a ring for the zero, bars for the five.
        cv.detail(b.ring(75, cy - 10, 95, 50), ink);
        for (const auto &[ax, ay, bx, by] : {std::array<qint64, 4>{-170, cy + 100, -50, cy + 100},
                                             std::array<qint64, 4>{-160, cy + 100, -160, cy + 10},
                                             std::array<qint64, 4>{-160, cy + 10, -50, cy - 10},
                                             std::array<qint64, 4>{-50, cy - 10, -60, cy - 90},
                                             std::array<qint64, 4>{-60, cy - 90, -175, cy - 105}})
            cv.detail(b.limb(ax, ay, bx, by, 36, 36), ink);
        break;
    }
    case SignType::Yield:
        cv.fill(b.poly({{-420, cy + 250}, {420, cy + 250}, {0, cy - 480}}), red);
        cv.detail(b.poly({{-270, cy + 170}, {270, cy + 170}, {0, cy - 300}}), white);
        break;
    }
}

void paintTree(Canvas &cv, const Camera &cam, const Look &look, const TreeSpec &t) {
    const Board b{cam, t.x, t.z};
    Dice dice(t.shapeSeed);
    const auto range = [&dice](qint64 lo, qint64 hi) {
        return dice.range(lo, hi);
    };
    const qint64 h = t.height;
    const QColor bark = look.tone(QColor(92, 70, 52), t.z);
    cv.fill(b.limb(0, 0, 0, h * 62 / 100, 280, 170), bark);
    const QColor leaf =
        look.tone(QColor(int(range(50, 85)), int(range(100, 130)), int(range(35, 55))), t.z);
    const QColor dark = scaleColor(leaf, 170), light = mixColor(leaf, QColor(210, 230, 120), 60);
    const int n = int(range(3, 5));
    for (int i = 0; i < n; ++i) {
        const qint64 cx = i == 0 ? 0 : range(-h / 4, h / 4);
        const qint64 cy = i == 0 ? h * 64 / 100 : range(h * 58 / 100, h * 78 / 100);
        const qint64 r = i == 0 ? h * 24 / 100 : range(h * 16 / 100, h * 23 / 100);
        // Lit from the sun's side: the highlight sits up and towards it.
        const qint64 sun = look.sunFromLeft ? -r / 3 : r / 3;
        QRadialGradient g(b.at(cx + sun, cy + r / 3), b.len(r * 3 / 2));
        g.setColorAt(0, light);
        g.setColorAt(0.55, leaf);
        g.setColorAt(1, dark);
        cv.fill(b.disc(cx, cy, r), g);
        const qint64 rc = r * 35 / 100;
        cv.detail(b.disc(cx - sun, cy - r / 3, rc), QColor(20, 40, 10, 30));
    }
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
