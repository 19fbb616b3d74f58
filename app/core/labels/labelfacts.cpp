#include "labelfacts.h"

#include "bitmapstatistics.h"
#include "labeloverlay.h"
#include "vectorshapes.h"

#include <QHash>
#include <QObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace segscope::labels {

namespace {

//! The area a shape encloses (shoelace for polygons); -1 for lines and points.
qint64 shapeArea(const wire::Annotation &a) {
    if (a.type == "bbox"_L1 && a.points.size() == 2) {
        const QRectF r = QRectF(a.points.at(0), a.points.at(1)).normalized();
        return qint64(std::llround(r.width() * r.height()));
    }
    if (a.type == "polygon"_L1 && a.points.size() >= 3) {
        double twice = 0;
        for (qsizetype i = 0; i < a.points.size(); ++i) {
            const QPointF &p = a.points.at(i);
            const QPointF &q = a.points.at((i + 1) % a.points.size());
            twice += p.x() * q.y() - q.x() * p.y();
        }
        return std::isfinite(twice) ? qint64(std::llround(std::abs(twice) / 2)) : -1;
    }
    return -1;
}

QList<LegendFact> bitmapLegend(const BitmapStatistics &statistics,
                               const wire::TaskAttributes &task) {
    QList<LegendFact> rows;
    rows.reserve(statistics.categories.size());
    for (const CategoryStatistics &c : statistics.categories) {
        rows.append({c.categoryId, categoryName(task, c.categoryId), task.colorOf(c.categoryId),
                     c.known, c.instances, c.emptyInstances, c.areaShare});
    }
    return rows;
}

QList<InstanceFact> bitmapInstances(const LabelOverlay &overlay,
                                    const BitmapStatistics &statistics) {
    const wire::TaskAttributes &task = overlay.task();
    QList<InstanceFact> rows;
    rows.reserve(statistics.instances.size() + statistics.emptyAnnotationIds.size());
    for (const InstanceStatistics &i : statistics.instances) {
        InstanceFact r;
        r.id = i.id;
        r.type = LabelFacts::MaskType;
        r.area = i.pixels;
        r.bounds = QRectF(i.bounds);
        if (i.annotated) {
            r.categoryId = i.categoryId;
            r.category = categoryName(task, i.categoryId);
            r.color = task.colorOf(i.categoryId);
            if (!task.category(i.categoryId))
                r.defect = QObject::tr("category not in the dataset");
        } else {
            r.category = QObject::tr("no annotation");
            r.color = wire::instanceColor(i.id);
            r.defect = QObject::tr("id in the bitmap without an annotation");
        }
        rows.append(r);
    }
    for (const qint64 id : statistics.emptyAnnotationIds) {
        const wire::Annotation *a = overlay.label().annotation(id);
        InstanceFact r;
        r.id = id;
        r.type = LabelFacts::MaskType;
        r.area = 0;
        r.categoryId = a ? a->categoryId : 0;
        r.category = a ? categoryName(task, a->categoryId) : QString();
        r.color = task.colorOf(r.categoryId);
        r.defect = QObject::tr("annotation with no pixel in the bitmap");
        rows.append(r);
    }
    return rows;
}

} // namespace

QString categoryName(const wire::TaskAttributes &task, qint64 categoryId) {
    if (const wire::Category *c = task.category(categoryId))
        return c->name;
    return QObject::tr("unknown (%1)").arg(categoryId);
}

const InstanceFact *LabelFacts::instance(qint64 id) const {
    for (const InstanceFact &i : instances) {
        if (i.id == id)
            return &i;
    }
    return nullptr;
}

LabelFacts bitmapLabelFacts(const LabelOverlay &overlay, const BitmapStatistics &statistics,
                            QSize imageSize) {
    LabelFacts facts;
    facts.legend = bitmapLegend(statistics, overlay.task());
    facts.instances = bitmapInstances(overlay, statistics);
    facts.defects = describeDefects(statistics, imageSize);
    return facts;
}

LabelFacts vectorLabelFacts(const wire::LabelAttributes &label, const wire::TaskAttributes &task) {
    LabelFacts facts;
    QHash<qint64, int> counts;
    QList<qint64> unknown;
    for (const wire::Annotation &a : label.annotations) {
        ++counts[a.categoryId];
        if (!task.category(a.categoryId) && !unknown.contains(a.categoryId))
            unknown.append(a.categoryId);
    }
    for (const wire::Category &c : task.categories)
        facts.legend.append({c.id, c.name, task.colorOf(c.id), true, counts.value(c.id), 0, -1});
    for (const qint64 id : std::as_const(unknown)) {
        facts.legend.append(
            {id, categoryName(task, id), task.colorOf(id), false, counts.value(id), 0, -1});
    }
    for (const wire::Annotation &a : label.annotations) {
        if (a.type.isEmpty())
            continue;
        InstanceFact r;
        r.id = a.id;
        r.categoryId = a.categoryId;
        r.category = categoryName(task, a.categoryId);
        r.color = task.colorOf(a.categoryId);
        r.type = a.type;
        r.area = shapeArea(a);
        r.bounds = vectorBounds(a);
        if (!task.category(a.categoryId))
            r.defect = QObject::tr("category not in the dataset");
        facts.instances.append(r);
    }
    facts.defects = vectorDefects(label);
    return facts;
}

} // namespace segscope::labels
