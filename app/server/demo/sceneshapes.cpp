// The painters of each kind of object: cars, people, bicycles, signs and trees.

#include "scenepainter_shapes.h"

#include <QLinearGradient>
#include <QRadialGradient>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <utility>

namespace segscope::server::demo {

namespace {

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

} // namespace

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

} // namespace segscope::server::demo
