#include "thumbnailoverlay.h"

#include <QCryptographicHash>

#include <algorithm>
#include <vector>

namespace segscope::models {

ThumbnailOverlay ThumbnailOverlay::forLabel(const QString &bitmapUrl,
                                            const QList<InstanceCategory> &instances,
                                            const wire::TaskAttributes &task, double opacity) {
    ThumbnailOverlay overlay;
    overlay.bitmapUrl = bitmapUrl;
    if (bitmapUrl.isEmpty())
        return overlay;
    const double alphaScale = std::clamp(opacity, 0.0, 1.0);
    overlay.colors.reserve(instances.size());
    for (const auto &[id, categoryId] : instances) {
        const QColor color = task.colorOf(categoryId);
        if (id == 0 || !color.isValid())
            continue;
        const int alpha = qRound(color.alpha() * alphaScale);
        if (alpha > 0)
            overlay.colors.append({id, qRgba(color.red(), color.green(), color.blue(), alpha)});
    }
    std::stable_sort(overlay.colors.begin(), overlay.colors.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    // A label lists each id once; a malformed one that repeats an id keeps its first colour.
    overlay.colors.erase(
        std::unique(overlay.colors.begin(), overlay.colors.end(),
                    [](const auto &a, const auto &b) { return a.first == b.first; }),
        overlay.colors.end());
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const auto &[id, rgba] : std::as_const(overlay.colors)) {
        const quint32 words[2] = {id, rgba};
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(words), sizeof(words)));
    }
    overlay.colorsDigest = QString::fromLatin1(hash.result().toHex().left(12));
    return overlay;
}

QImage composeThumbnailOverlay(QImage thumbnail, const labels::InstanceBitmap &bitmap,
                               const QList<std::pair<quint32, QRgb>> &colors) {
    if (thumbnail.isNull() || bitmap.isNull() || colors.isEmpty())
        return thumbnail;
    // Opaque stays on the raster engine's fast path; anything with alpha is blended premultiplied.
    const bool opaque = !thumbnail.hasAlphaChannel();
    thumbnail.convertTo(opaque ? QImage::Format_RGB32 : QImage::Format_ARGB32_Premultiplied);
    const int width = thumbnail.width();
    const int height = thumbnail.height();
    // The source column of each thumbnail column: the bitmap pixel under its centre.
    std::vector<int> sourceX(static_cast<size_t>(width));
    for (int x = 0; x < width; ++x)
        sourceX[size_t(x)] =
            std::min(bitmap.width - 1, int((qint64(2 * x + 1) * bitmap.width) / (2 * width)));

    quint32 lastId = 0;
    QRgb lastColor = 0;
    for (int y = 0; y < height; ++y) {
        const int sourceY =
            std::min(bitmap.height - 1, int((qint64(2 * y + 1) * bitmap.height) / (2 * height)));
        const quint32 *ids = bitmap.ids.data() + qsizetype(sourceY) * bitmap.width;
        auto *line = reinterpret_cast<QRgb *>(thumbnail.scanLine(y));
        for (int x = 0; x < width; ++x) {
            const quint32 id = ids[sourceX[size_t(x)]];
            if (id == 0)
                continue;
            if (id != lastId) {
                // Runs of one id are the rule, so the search happens at instance edges only.
                const auto it = std::lower_bound(colors.begin(), colors.end(), id,
                                                 [](const std::pair<quint32, QRgb> &entry,
                                                    quint32 v) { return entry.first < v; });
                lastColor = it != colors.end() && it->first == id ? it->second : 0;
                lastId = id;
            }
            const int alpha = qAlpha(lastColor);
            if (alpha == 0)
                continue;
            const QRgb under = line[x];
            const int keep = 255 - alpha;
            const auto mix = [&](int over, int below) {
                return (over * alpha + below * keep + 127) / 255;
            };
            const int outAlpha = opaque ? 255 : alpha + (qAlpha(under) * keep + 127) / 255;
            line[x] =
                qRgba(mix(qRed(lastColor), qRed(under)), mix(qGreen(lastColor), qGreen(under)),
                      mix(qBlue(lastColor), qBlue(under)), outAlpha);
        }
    }
    return thumbnail;
}

} // namespace segscope::models
