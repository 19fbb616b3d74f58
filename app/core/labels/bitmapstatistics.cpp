#include "bitmapstatistics.h"

#include "labeloverlay.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace segscope::labels {

QString joinIds(const QList<qint64> &ids) {
    QStringList parts;
    for (const qint64 id : ids) {
        if (parts.size() == 10) {
            parts.append(u"... (%1 in all)"_s.arg(ids.size()));
            break;
        }
        parts.append(QString::number(id));
    }
    return parts.join(u", "_s);
}

QStringList describeDefects(const BitmapStatistics &stats, QSize imageSize) {
    QStringList warnings;
    if (stats.sizeMismatch) {
        warnings.append(u"bitmap is %1x%2 but the image is %3x%4"_s.arg(stats.bitmapSize.width())
                            .arg(stats.bitmapSize.height())
                            .arg(imageSize.width())
                            .arg(imageSize.height()));
    }
    if (!stats.unannotatedIds.isEmpty()) {
        warnings.append(u"%1 pixels carry ids with no annotation: %2"_s.arg(stats.unannotatedPixels)
                            .arg(joinIds(QList<qint64>(stats.unannotatedIds.begin(),
                                                       stats.unannotatedIds.end()))));
    }
    if (!stats.emptyAnnotationIds.isEmpty())
        warnings.append(u"annotations with no pixels: %1"_s.arg(joinIds(stats.emptyAnnotationIds)));
    for (const CategoryStatistics &c : stats.categories) {
        if (!c.known)
            warnings.append(u"category %1 is not defined by the dataset"_s.arg(c.categoryId));
    }
    return warnings;
}

const InstanceStatistics *BitmapStatistics::instance(quint32 id) const {
    auto it = std::lower_bound(instances.cbegin(), instances.cend(), id,
                               [](const InstanceStatistics &s, quint32 v) { return s.id < v; });
    return it != instances.cend() && it->id == id ? &*it : nullptr;
}

const CategoryStatistics *BitmapStatistics::category(qint64 categoryId) const {
    for (const CategoryStatistics &c : categories) {
        if (c.categoryId == categoryId)
            return &c;
    }
    return nullptr;
}

bool BitmapStatistics::hasDefects() const {
    return sizeMismatch || !unannotatedIds.isEmpty() || !emptyAnnotationIds.isEmpty() ||
           std::any_of(categories.cbegin(), categories.cend(),
                       [](const CategoryStatistics &c) { return !c.known; });
}

BitmapStatistics computeStatistics(const LabelOverlay &overlay, QSize imageSize) {
    const InstanceIndex &index = overlay.index();
    BitmapStatistics stats;
    stats.bitmapSize = index.size();
    stats.totalPixels = qint64(index.width()) * index.height();
    stats.sizeMismatch = imageSize.isValid() && imageSize != index.size();

    QHash<qint64, qsizetype> categoryRow;
    for (const wire::Category &c : overlay.task().categories) {
        categoryRow.insert(c.id, stats.categories.size());
        stats.categories.append(CategoryStatistics{c.id, true, 0, 0, 0, 0});
    }
    auto categoryStats = [&](qint64 id) -> CategoryStatistics & {
        auto it = categoryRow.constFind(id);
        if (it == categoryRow.constEnd()) {
            it = categoryRow.insert(id, stats.categories.size());
            stats.categories.append(CategoryStatistics{id, false, 0, 0, 0, 0});
        }
        return stats.categories[*it];
    };

    stats.instances.reserve(index.count());
    for (int i = 0; i < index.count(); ++i) {
        const quint32 id = index.id(i);
        if (id == 0) {
            stats.backgroundPixels = index.pixelCount(i);
            continue;
        }
        InstanceStatistics s{id, index.pixelCount(i), index.bounds(i), false, 0};
        if (const wire::Annotation *a = overlay.annotationOf(i)) {
            s.annotated = true;
            s.categoryId = a->categoryId;
            CategoryStatistics &c = categoryStats(a->categoryId);
            ++c.instances;
            c.pixels += s.pixels;
        } else {
            stats.unannotatedIds.append(id);
            stats.unannotatedPixels += s.pixels;
        }
        stats.instances.append(s);
    }
    std::sort(stats.instances.begin(), stats.instances.end(),
              [](const InstanceStatistics &a, const InstanceStatistics &b) { return a.id < b.id; });
    std::sort(stats.unannotatedIds.begin(), stats.unannotatedIds.end());

    for (const wire::Annotation &a : overlay.label().annotations) {
        // An id the bitmap cannot hold (0, negative, over 24 bits) has no pixel either.
        const bool representable = a.id > 0 && a.id <= 0xffffff;
        if (!representable || index.indexOf(quint32(a.id)) < 0) {
            stats.emptyAnnotationIds.append(a.id);
            ++categoryStats(a.categoryId).emptyInstances;
        }
    }
    if (stats.totalPixels > 0) {
        for (CategoryStatistics &c : stats.categories)
            c.areaShare = double(c.pixels) / double(stats.totalPixels);
    }
    return stats;
}

} // namespace segscope::labels
