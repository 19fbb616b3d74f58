#include "benchscene.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QRandomGenerator>

#include <cmath>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace segscope::wire;

namespace segscope::bench {

namespace {

//! A wobbly closed outline around (cx, cy): an object, not a rectangle.
QPainterPath blob(QRandomGenerator &random, double cx, double cy, double radius) {
    QPainterPath path;
    const int points = 24;
    double phase[3] = {random.bounded(6.28), random.bounded(6.28), random.bounded(6.28)};
    for (int i = 0; i <= points; ++i) {
        const double a = i * 2 * M_PI / points;
        const double r =
            radius * (1 + 0.25 * std::sin(2 * a + phase[0]) + 0.12 * std::sin(3 * a + phase[1]) +
                      0.06 * std::sin(5 * a + phase[2]));
        const QPointF p(cx + r * std::cos(a), cy + 0.8 * r * std::sin(a));
        i == 0 ? path.moveTo(p) : path.lineTo(p);
    }
    return path;
}

} // namespace

Scene makeScene(int width, int height, int instances, quint32 seed) {
    QRandomGenerator random(seed);
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::black);
    Scene scene;
    for (int c = 1; c <= 12; ++c) {
        Category category{c, u"category %1"_s.arg(c), std::nullopt, true, {}};
        if (c % 3 == 0)
            category.color = QColor::fromHsv(c * 29, 200, 230);
        scene.task.categories.append(category);
    }
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing, false); // ids must not blend
    painter.setPen(Qt::NoPen);
    const double scale = std::sqrt(double(width) * height / (4096.0 * 3072.0));
    for (int i = 0; i < instances; ++i) {
        const quint32 id = i < 150 ? quint32(i + 1) : quint32(65536 + i * 977); // some above 2^16
        const double size = i < 8    ? 500 + random.bounded(600.0)
                            : i < 40 ? 120 + random.bounded(280.0)
                                     : 20 + random.bounded(120.0);
        painter.setBrush(QColor(int(id & 0xff), int((id >> 8) & 0xff), int(id >> 16)));
        painter.drawPath(blob(random, random.bounded(double(width)), random.bounded(double(height)),
                              size * scale));
        scene.label.annotations.append(Annotation{id, 1 + i % 12, {}, {}, {}, {}});
    }
    painter.end();
    QBuffer buffer(&scene.png);
    buffer.open(QIODevice::WriteOnly);
    image.convertToFormat(QImage::Format_RGBA8888).save(&buffer, "PNG");
    return scene;
}

QImage makePhoto(int width, int height) {
    QImage image(width, height, QImage::Format_RGB32);
    QRandomGenerator random(3);
    for (int y = 0; y < height; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < width; ++x) {
            const int n = int(random.bounded(24));
            line[x] =
                qRgb((x * 255 / width + n) & 0xff, (y * 255 / height + n) & 0xff, (128 + n) & 0xff);
        }
    }
    return image;
}

double processCpuMs() {
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

} // namespace segscope::bench
