#include "detail/nonimageview.h"

#include "browse/sampledelegate.h"
#include "detail/sampleinfoview.h"
#include "labels/labelfacts.h"

#include <QJsonArray>
#include <QLocale>
#include <QMap>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

constexpr int kExcerptChars = 600; //!< of a text sample, enough to recognise it
constexpr int kListedUrls = 5;     //!< of a sequence's frames or a sample's sensors

QString kindTitle(wire::SampleKind kind) {
    switch (kind) {
    case wire::SampleKind::PointCloud:
        return NonImageView::tr("Point cloud");
    case wire::SampleKind::PointCloudSequence:
        return NonImageView::tr("Point cloud sequence");
    case wire::SampleKind::MultiSensor:
        return NonImageView::tr("Multi-sensor sequence");
    case wire::SampleKind::Text:
        return NonImageView::tr("Text");
    default:
        return NonImageView::tr("Data of another kind");
    }
}

//! The URL of a pcd / image object ({"url": ...}), empty if there is none.
QString urlOf(const QJsonValue &v) {
    return v.toObject().value("url"_L1).toString();
}

} // namespace

NonImageView::NonImageView(QWidget *parent)
    : QTextBrowser(parent) {
    setObjectName(u"nonImageView"_s);
    setOpenLinks(false);
}

bool NonImageView::isFor(wire::SampleKind kind) {
    return !wire::isDrawnKind(kind);
}

void NonImageView::showSample(const models::LoadedSample &sample,
                              const wire::TaskAttributes &task) {
    const QString keyColor = SampleInfoView::keyColor(palette()).name();
    const auto row = [&keyColor](const QString &key, const QString &value) {
        return SampleInfoView::rowHtml(key, value, keyColor);
    };
    const wire::Sample &s = sample.sample;
    const wire::SampleKind kind = s.kind();
    const QJsonObject &a = s.attributes;

    QString html = u"<h2 style='margin:0'>%1</h2><p>%2</p>"_s.arg(
        kindTitle(kind).toHtmlEscaped(),
        tr("Segscope shows images and image sequences. Of this %1 it shows what the sample and "
           "its label say: where the data is, the label's status and annotations, and the "
           "sample's facts.")
            .arg(kind == wire::SampleKind::Unknown ? tr("sample") : wire::sampleKindName(kind))
            .toHtmlEscaped());

    // The data: its URLs, or the text itself.
    html += u"<h4 style='margin-bottom:2px'>%1</h4><table cellspacing='2'>"_s.arg(tr("Data"));
    if (!s.dataType.isEmpty())
        html += row(tr("Data type"), s.dataType);
    switch (kind) {
    case wire::SampleKind::PointCloud: {
        const QJsonObject pcd = a.value("pcd"_L1).toObject();
        html += row(tr("Point cloud"), urlOf(pcd));
        if (pcd.contains("type"_L1))
            html += row(tr("Format"), pcd.value("type"_L1).toString());
        const QJsonArray images = a.value("images"_L1).toArray();
        if (!images.isEmpty())
            html += row(tr("Camera images"), QLocale().toString(images.size()));
        break;
    }
    case wire::SampleKind::PointCloudSequence: {
        const QJsonArray frames = a.value("frames"_L1).toArray();
        html += row(tr("Frames"), QLocale().toString(frames.size()));
        for (int i = 0; i < std::min<int>(kListedUrls, frames.size()); ++i) {
            html += row(tr("Frame %1").arg(i + 1), urlOf(frames.at(i).toObject().value("pcd"_L1)));
        }
        if (frames.size() > kListedUrls)
            html += row(QString(), tr("… and %1 more").arg(frames.size() - kListedUrls));
        break;
    }
    case wire::SampleKind::MultiSensor: {
        const QJsonArray sensors = a.value("sensors"_L1).toArray();
        html += row(tr("Sensors"), QLocale().toString(sensors.size()));
        for (const QJsonValue &v : sensors) {
            const QJsonObject sensor = v.toObject();
            const int frames =
                int(sensor.value("attributes"_L1).toObject().value("frames"_L1).toArray().size());
            html +=
                row(sensor.value("name"_L1).toString(),
                    tr("%1, %2 frames").arg(sensor.value("task_type"_L1).toString()).arg(frames));
        }
        break;
    }
    case wire::SampleKind::Text: {
        const QString text = a.value("text"_L1).toString();
        html += row(tr("Length"), tr("%1 characters").arg(QLocale().toString(text.size())));
        html += u"</table><p style='white-space:pre-wrap'>%1%2</p><table>"_s.arg(
            text.left(kExcerptChars).toHtmlEscaped(),
            text.size() > kExcerptChars ? u"…"_s : QString());
        break;
    }
    default:
        html += row(tr("Attributes"), a.keys().join(u", "_s));
        break;
    }
    html += u"</table>"_s;

    // The label: its status as it came, and its annotations counted by category (over all
    // frames of a sequence label). Score, attributes and the rest follow in the sample's facts.
    html += u"<h4 style='margin-bottom:2px'>%1</h4><table cellspacing='2'>"_s.arg(
        tr("Label (%1)").arg(sample.labelset).toHtmlEscaped());
    if (sample.label) {
        const wire::Label &l = *sample.label;
        html += u"<tr><td style='color:%1;padding-right:12px'>%2</td><td><span "
                "style='background:%3;color:white'>&nbsp;%4&nbsp;</span></td></tr>"_s.arg(
                    keyColor, tr("Status"), SampleDelegate::statusColor(l.labelStatus).name(),
                    SampleDelegate::statusText(l.labelStatus).toHtmlEscaped());
        QMap<QString, int> counts;
        int total = 0;
        const auto count = [&](const wire::LabelAttributes &attributes) {
            for (const wire::Annotation &an : attributes.annotations) {
                ++counts[labels::categoryName(task, an.categoryId)];
                ++total;
            }
        };
        count(l.attributes);
        for (const wire::LabelAttributes &frame : l.attributes.frameAttributes)
            count(frame);
        if (!l.attributes.frameAttributes.isEmpty())
            html +=
                row(tr("Labeled frames"), QLocale().toString(l.attributes.frameAttributes.size()));
        html += row(tr("Annotations"), QLocale().toString(total));
        QStringList byCategory;
        for (auto it = counts.begin(); it != counts.end(); ++it)
            byCategory.append(u"%1 %2"_s.arg(it.key(), QLocale().toString(it.value())));
        if (!byCategory.isEmpty())
            html += row(tr("By category"), byCategory.join(u" · "_s));
    } else {
        html += row(tr("Status"), sample.labelError.isEmpty()
                                      ? tr("not labeled in this labelset")
                                      : tr("could not be loaded: %1").arg(sample.labelError));
    }
    html += u"</table><hr/>"_s;
    html += SampleInfoView::infoHtml(sample, keyColor);
    setHtml(html);
}

} // namespace segscope::ui
