#include "detail/labelsummary.h"

#include "labels/vectorshapes.h"

#include <QHash>
#include <QJsonDocument>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

QString categoryName(const wire::TaskAttributes &task, qint64 id) {
    if (const wire::Category *c = task.category(id))
        return c->name;
    return QObject::tr("unknown (%1)").arg(id);
}

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

QString compactJson(const QJsonObject &o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString timeText(const QDateTime &t) {
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString valueText(const QJsonValue &v) {
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QLocale::c().toString(v.toDouble(), 'g', 12);
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (v.isNull())
        return u"null"_s;
    return QString::fromUtf8(v.isObject()
                                 ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
}

//! One "key  value" line of the info table.
struct InfoRows {
    QString keyColor;
    QString operator()(const QString &key, const QString &value) const {
        return u"<tr><td style='color:%1;padding-right:12px'>%2</td><td>%3</td></tr>"_s.arg(
            keyColor, key.toHtmlEscaped(), value.toHtmlEscaped());
    }
};

} // namespace

QList<LegendRow> legendRows(const models::LoadedSample &sample, const wire::TaskAttributes &task) {
    QList<LegendRow> rows;
    if (sample.overlay) {
        for (const labels::CategoryStatistics &c : sample.statistics.categories) {
            rows.append({c.categoryId, categoryName(task, c.categoryId), task.colorOf(c.categoryId),
                         c.known, c.instances, c.emptyInstances, c.areaShare});
        }
        return rows;
    }
    QHash<qint64, int> counts;
    QList<qint64> unknown;
    if (sample.label) {
        for (const wire::Annotation &a : sample.label->attributes.annotations) {
            ++counts[a.categoryId];
            if (!task.category(a.categoryId) && !unknown.contains(a.categoryId))
                unknown.append(a.categoryId);
        }
    }
    for (const wire::Category &c : task.categories)
        rows.append({c.id, c.name, task.colorOf(c.id), true, counts.value(c.id), 0, -1});
    for (const qint64 id : std::as_const(unknown))
        rows.append({id, categoryName(task, id), task.colorOf(id), false, counts.value(id), 0, -1});
    return rows;
}

QList<InstanceRow> instanceRows(const models::LoadedSample &sample,
                                const wire::TaskAttributes &task) {
    QList<InstanceRow> rows;
    if (!sample.label)
        return rows;
    const wire::LabelAttributes &label = sample.label->attributes;
    if (sample.overlay) {
        for (const labels::InstanceStatistics &i : sample.statistics.instances) {
            InstanceRow r;
            r.id = i.id;
            r.type = QObject::tr("mask");
            r.area = i.pixels;
            r.bounds = QRectF(i.bounds);
            if (i.annotated) {
                r.categoryId = i.categoryId;
                r.category = categoryName(task, i.categoryId);
                r.color = task.colorOf(i.categoryId);
                if (!task.category(i.categoryId))
                    r.problem = QObject::tr("category not in the dataset");
            } else {
                r.category = QObject::tr("no annotation");
                r.color = wire::instanceColor(i.id);
                r.problem = QObject::tr("id in the bitmap without an annotation");
            }
            rows.append(r);
        }
        for (const qint64 id : sample.statistics.emptyAnnotationIds) {
            const wire::Annotation *a = label.annotation(id);
            InstanceRow r;
            r.id = id;
            r.type = QObject::tr("mask");
            r.area = 0;
            r.categoryId = a ? a->categoryId : 0;
            r.category = a ? categoryName(task, a->categoryId) : QString();
            r.color = task.colorOf(r.categoryId);
            r.problem = QObject::tr("annotation with no pixel in the bitmap");
            rows.append(r);
        }
        return rows;
    }
    for (const wire::Annotation &a : label.annotations) {
        if (a.type.isEmpty())
            continue;
        InstanceRow r;
        r.id = a.id;
        r.categoryId = a.categoryId;
        r.category = categoryName(task, a.categoryId);
        r.color = task.colorOf(a.categoryId);
        r.type = a.type;
        r.area = shapeArea(a);
        r.bounds = labels::vectorBounds(a);
        if (!task.category(a.categoryId))
            r.problem = QObject::tr("category not in the dataset");
        rows.append(r);
    }
    return rows;
}

QStringList defectLines(const models::LoadedSample &sample) {
    QStringList lines;
    if (!sample.imageError.isEmpty())
        lines.append(sample.imageError);
    if (!sample.labelError.isEmpty())
        lines.append(QObject::tr("the label could not be loaded: %1").arg(sample.labelError));
    if (!sample.bitmapError.isEmpty())
        lines.append(sample.bitmapError);
    if (sample.overlay)
        lines += labels::describeDefects(sample.statistics, sample.image.size());
    if (sample.label && !sample.overlay)
        lines += labels::vectorDefects(sample.label->attributes);
    return lines;
}

QString infoHtml(const models::LoadedSample &sample, const QColor &keyColor) {
    const InfoRows row{keyColor.name()};
    const wire::Sample &s = sample.sample;
    QString html =
        u"<h3 style='margin:0'>%1</h3><table cellspacing='2'>"_s.arg(s.name.toHtmlEscaped());
    html += row(QObject::tr("UUID"), s.uuid);
    html += row(QObject::tr("Created"), timeText(s.createdAt) + u" · "_s + s.createdBy);
    html += row(QObject::tr("Priority"), QLocale().toString(s.priority));
    if (!sample.image.isNull()) {
        html += row(QObject::tr("Image"),
                    u"%1 × %2"_s.arg(sample.image.width()).arg(sample.image.height()));
    }
    if (s.assignedLabeler)
        html += row(QObject::tr("Assigned labeler"), *s.assignedLabeler);
    if (s.assignedReviewer)
        html += row(QObject::tr("Assigned reviewer"), *s.assignedReviewer);
    html += u"</table><h4 style='margin-bottom:2px'>%1</h4><table cellspacing='2'>"_s.arg(
        QObject::tr("Label (%1)").arg(sample.labelset).toHtmlEscaped());
    if (sample.label) {
        const wire::Label &l = *sample.label;
        html += row(QObject::tr("Status"), l.labelStatus);
        html += row(QObject::tr("Type"), l.labelType);
        html += row(QObject::tr("Labeled by"), l.createdBy + u" · "_s + timeText(l.createdAt));
        if (!l.updatedBy.isEmpty() || l.updatedAt.isValid())
            html += row(QObject::tr("Updated by"), l.updatedBy + u" · "_s + timeText(l.updatedAt));
        if (!l.reviewedBy.isEmpty())
            html +=
                row(QObject::tr("Reviewed by"), l.reviewedBy + u" · "_s + timeText(l.reviewedAt));
        if (l.score)
            html += row(QObject::tr("Score"), QLocale().toString(*l.score));
        if (l.rating)
            html += row(QObject::tr("Rating"), QLocale().toString(*l.rating));
        const QJsonObject &attrs = l.attributes.imageAttributes;
        for (auto it = attrs.begin(); it != attrs.end(); ++it)
            html += row(it.key(), valueText(it.value()));
    } else {
        html += row(QObject::tr("Status"), sample.labelError.isEmpty()
                                               ? QObject::tr("not labeled in this labelset")
                                               : QObject::tr("could not be loaded"));
    }
    html += u"</table>"_s;
    if (!s.metadata.isEmpty()) {
        html += u"<h4 style='margin-bottom:2px'>%1</h4><table cellspacing='2'>"_s.arg(
            QObject::tr("Metadata"));
        for (auto it = s.metadata.begin(); it != s.metadata.end(); ++it)
            html += row(it.key(), valueText(it.value()));
        html += u"</table>"_s;
    }
    if (!s.readme.isEmpty()) {
        html +=
            u"<h4 style='margin-bottom:2px'>%1</h4><p style='white-space:pre-wrap'>%2</p>"_s.arg(
                QObject::tr("Readme"), s.readme.toHtmlEscaped());
    }
    return html;
}

QString hoverText(const models::LoadedSample &sample, const wire::TaskAttributes &task,
                  const QPoint &pixel, qint64 vectorHit) {
    if (pixel.x() < 0)
        return QString();
    QStringList parts{u"x %1, y %2"_s.arg(pixel.x()).arg(pixel.y())};
    if (sample.image.valid(pixel)) {
        const QColor c = sample.image.pixelColor(pixel);
        parts.append(u"RGB %1 %2 %3"_s.arg(c.red()).arg(c.green()).arg(c.blue()));
    }
    const wire::Annotation *annotation = nullptr;
    if (sample.overlay) {
        const labels::OverlayHit hit = sample.overlay->hitTest(pixel.x(), pixel.y());
        if (!hit.inside)
            parts.append(QObject::tr("outside the bitmap"));
        else if (hit.id == 0)
            parts.append(QObject::tr("background"));
        else if (!hit.annotation)
            parts.append(QObject::tr("id %1 (no annotation)").arg(hit.id));
        else
            parts.append(QObject::tr("instance %1").arg(hit.id));
        annotation = hit.annotation;
    } else if (vectorHit != 0 && sample.label) {
        annotation = sample.label->attributes.annotation(vectorHit);
        if (annotation)
            parts.append(QObject::tr("%1 %2").arg(annotation->type).arg(annotation->id));
    }
    if (annotation) {
        parts.append(categoryName(task, annotation->categoryId));
        if (!annotation->attributes.isEmpty())
            parts.append(compactJson(annotation->attributes));
    }
    return parts.join(u"  ·  "_s);
}

} // namespace segscope::ui
