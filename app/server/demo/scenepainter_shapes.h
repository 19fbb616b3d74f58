#pragma once

// Private to the demo scene painter (scenepainter.cpp, sceneprediction.cpp, democatalogue.cpp)
// and the files it builds on: the camera, the canvas that paints photo and ids together
// (scenebackdrop.cpp), the random composition of a street (scenelayout.cpp) and the painters of
// its parts (scenebackdrop.cpp, sceneshapes.cpp).

#include <QBrush>
#include <QColor>
#include <QImage>
#include <QList>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <QRandomGenerator>
#include <QRect>
#include <QSize>

#include <functional>
#include <initializer_list>

namespace segscope::server::demo {

// All randomness of a scene flows from seeded generators like this one, never the global one.
class Dice {
public:
    explicit Dice(quint32 seed)
        : m_rng(seed) {}
    qint64 range(qint64 lo, qint64 hi) { // inclusive
        return lo + qint64(m_rng.bounded(quint32(hi - lo + 1)));
    }
    bool chance(int percent) { return range(0, 99) < percent; }
    template <typename T> const T &pick(const QList<T> &list) {
        return list[range(0, list.size() - 1)];
    }

private:
    QRandomGenerator m_rng;
};

enum Category { Road = 1, Sky, Building, Vegetation, Car, Person, Bicycle, TrafficSign };

// Stuff instance ids equal their category ids; things are numbered from here on.
inline constexpr int FirstThingId = 10;

// A pinhole camera looking down +Z, world in millimetres with Y up and the ground at Y = 0.
// All geometry goes through integer arithmetic (results in 1/16 px) so that no compiler's
// floating-point contraction can change a single pixel between machines.
struct Camera {
    qint64 f = 1;    // focal length, px
    qint64 cx = 0;   // vanishing point, px
    qint64 cy = 0;   // horizon row, px
    qint64 camX = 0; // mm
    qint64 camH = 1; // mm above the ground

    QPointF project(qint64 x, qint64 y, qint64 z) const;
    qreal pixels(qint64 mm, qint64 z) const; // length of mm at depth z
    qint64 groundDepth(qint64 row) const;    // depth where the ground meets a row below cy
};

enum class Weather { Day, Dusk, Overcast };

struct Look {
    Weather weather = Weather::Day;
    QColor skyTop, skyMid, skyHorizon, haze;
    int light = 256;         // brightness, 256 = unchanged
    QColor tint;             // colour cast of the light
    int tintAmount = 0;      // 0..256
    qint64 hazeDistance = 1; // mm where haze reaches half of its strength
    bool sunFromLeft = true;

    // The colour of a surface of colour c seen at depth z under this light.
    QColor tone(const QColor &c, qint64 z) const;
};

QColor mixColor(const QColor &a, const QColor &b, int amount); // amount 0..256 towards b
QColor scaleColor(const QColor &c, int factor);                // factor 256 = unchanged
QColor hsvColor(int h, int s, int v); // integer-only, unlike QColor::fromHsv

// Paints every region twice: antialiased with its real look into the photo, and aliased in
// the current instance's id colour into the id map (and, for stuff, into the stuff-only map
// the prediction starts from). Details only ever go to the photo and must lie inside shapes
// already filled for the same instance, which keeps the id map in step with the photo.
class Canvas {
public:
    Canvas(QImage *photo, QImage *ids, QImage *stuffIds);

    void begin(int id, bool isStuff);
    void fill(const QPolygonF &shape, const QBrush &brush);
    void fill(const QPainterPath &shape, const QBrush &brush);
    // Rows [top, bottom) each in one solid colour: a vertical gradient for the price of fills.
    void fillRows(int top, int bottom, const std::function<QColor(int row)> &colorOfRow);
    void detail(const QPolygonF &shape, const QBrush &brush);
    void detail(const QPainterPath &shape, const QBrush &brush);

    QRect touched() const { return m_touched; } // id-map area painted since begin()
    QSize size() const { return m_size; }
    void end();

private:
    void touch(const QRectF &r);

    QSize m_size;
    QPainter m_photo;
    QPainter m_ids;
    QPainter m_stuff;
    QColor m_idColor;
    bool m_isStuff = false;
    QRect m_touched;
};

// Drawing helpers shared by the painters.
struct P3 {
    qint64 x, y, z;
};

QPolygonF project(const Camera &cam, std::initializer_list<P3> points);
QPainterPath ellipse(const QPointF &c, qreal rx, qreal ry);
QBrush verticalGradient(qreal top, qreal bottom, const QColor &a, const QColor &b);

struct StreetLayout {
    qint64 roadHalf = 0; // kerb to centre line, mm
    qint64 walkLeft = 0; // pavement widths, mm
    qint64 walkRight = 0;
    qint64 parking = 0;   // parking strip along each kerb, mm
    qint64 zNear = 1;     // nearest depth anything is drawn from
    qint64 zFar = 1;      // where the street ends in a row of buildings
    qint64 zebraZ = 0;    // start of a zebra crossing, 0 = none
    qint64 dashPhase = 0; // shifts the centre line dashes
};

enum class VehicleType { Sedan, Suv, Van, Taxi };

struct CarSpec {
    qint64 x0 = 0, x1 = 0; // lateral extent, mm
    qint64 z0 = 0;         // nearest face
    qint64 length = 0, height = 0;
    VehicleType type = VehicleType::Sedan;
    QColor paint;
    bool showsRear = true; // driving away from the camera, else facing it
};

enum class Pose { Standing, Walking, Cycling };

struct PersonSpec {
    qint64 x = 0, z = 0; // feet, mm
    qint64 height = 1700;
    QColor skin, hair, shirt, trousers;
    Pose pose = Pose::Standing;
    int direction = 1; // +1 faces right (only matters when cycling)
    int stride = 0;    // -1..1, which leg is ahead when walking
};

struct BicycleSpec {
    qint64 x = 0, z = 0; // centre between the wheels on the ground, mm
    int direction = 1;   // +1 rides to the right
    QColor frame;
};

enum class SignType { Stop, SpeedLimit, Yield };

struct SignSpec {
    qint64 x = 0, z = 0;
    qint64 poleHeight = 2400;
    SignType type = SignType::Stop;
};

struct TreeSpec {
    qint64 x = 0, z = 0;
    qint64 height = 6000;
    quint32 shapeSeed = 0; // canopy layout, drawn from the scene's generator
};

enum class Kind { Car, Person, Bicycle, Sign, Tree };

struct Item {
    Kind kind;
    qsizetype index; // into the spec list of its kind
    qint64 depth;    // painter's order: far first
    int id;          // trees share the vegetation id and have 0 here
};

// Everything in one scene, items sorted far to near (the order to paint them in).
struct SceneLayout {
    Camera cam;
    Look look;
    StreetLayout street;
    QList<CarSpec> cars;
    QList<PersonSpec> people;
    QList<BicycleSpec> bikes;
    QList<SignSpec> signs;
    QList<TreeSpec> trees;
    QList<Item> items;
    int lastId = 0; // highest thing id handed out
};

SceneLayout composeScene(quint32 seed, QSize size);

Look randomLook(Dice &dice);
CarSpec randomCar(Dice &dice, qint64 xCentre, qint64 z0, bool showsRear);
PersonSpec randomPerson(Dice &dice, qint64 x, qint64 z, Pose pose);
BicycleSpec randomBicycle(Dice &dice, qint64 x, qint64 z);

void paintSkyAndGround(Canvas &canvas, const Camera &cam, const Look &look,
                       const StreetLayout &street, Dice &dice);
void paintBuildings(Canvas &canvas, const Camera &cam, const Look &look, const StreetLayout &street,
                    Dice &dice);
void paintCar(Canvas &canvas, const Camera &cam, const Look &look, const CarSpec &car);
void paintPerson(Canvas &canvas, const Camera &cam, const Look &look, const PersonSpec &p);
void paintBicycle(Canvas &canvas, const Camera &cam, const Look &look, const BicycleSpec &b);
void paintSign(Canvas &canvas, const Camera &cam, const Look &look, const SignSpec &s);
void paintTree(Canvas &canvas, const Camera &cam, const Look &look, const TreeSpec &t);

// Where a cyclist's body meets the bicycle, relative to BicycleSpec's x (mm, along direction).
inline constexpr qint64 SaddleX = -200, SaddleY = 930, BarX = 360, BarY = 1000;
inline constexpr qint64 PedalX = -70, PedalY = 300, CrankLength = 170;

} // namespace segscope::server::demo
