#include "uploadfiles.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

namespace segscope::test {

bool writeBytes(const QString &path, const QByteArray &bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray encodeImage(const QImage &image, const char *format, int quality) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, quality);
    return bytes;
}

QByteArray noiseJpeg(int width, int height, quint32 seed, int quality) {
    QImage image(width, height, QImage::Format_RGB32);
    QRandomGenerator random(seed);
    for (int y = 0; y < height; ++y) {
        auto *line = reinterpret_cast<quint32 *>(image.scanLine(y));
        random.fillRange(line, width);
        for (int x = 0; x < width; ++x)
            line[x] |= 0xFF000000u;
    }
    return encodeImage(image, "JPG", quality);
}

QByteArray plainImage(int width, int height, const char *format) {
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QColor(90, 140, 60));
    return encodeImage(image, format);
}

QByteArray idPng(int width, int height, const std::function<quint32(int, int)> &id) {
    QImage image(width, height, QImage::Format_RGBA8888);
    for (int y = 0; y < height; ++y) {
        uchar *p = image.scanLine(y);
        for (int x = 0; x < width; ++x, p += 4) {
            const quint32 v = id(x, y);
            p[0] = uchar(v & 0xFF);
            p[1] = uchar((v >> 8) & 0xFF);
            p[2] = uchar((v >> 16) & 0xFF);
            p[3] = 255;
        }
    }
    return encodeImage(image, "PNG");
}

} // namespace segscope::test
