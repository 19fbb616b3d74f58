// The canvas and the stuff behind every thing: sky, ground and buildings.

#include "scenepainter_shapes.h"

#include <QLinearGradient>
#include <QRadialGradient>

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <iterator>

namespace segscope::server::demo {

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

QBrush verticalGradient(qreal top, qreal bottom, const QColor &a, const QColor &b) {
    QLinearGradient g(0, top, 0, bottom);
    g.setColorAt(0, a);
    g.setColorAt(1, b);
    return g;
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

} // namespace segscope::server::demo
