#include "detail/sampleinfoview.h"

#include <QEvent>
#include <QJsonDocument>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

QString timeText(const QDateTime &t) {
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

QString SampleInfoView::valueText(const QJsonValue &v) {
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

QString SampleInfoView::rowHtml(const QString &key, const QString &value, const QString &keyColor) {
    return u"<tr><td style='color:%1;padding-right:12px'>%2</td><td>%3</td></tr>"_s.arg(
        keyColor, key.toHtmlEscaped(), value.toHtmlEscaped());
}

SampleInfoView::SampleInfoView(QWidget *parent)
    : QTextBrowser(parent) {
    setObjectName(u"sampleInfo"_s);
    setOpenLinks(false);
}

QColor SampleInfoView::keyColor(const QPalette &palette) {
    // Two thirds of the way from the background to the text: muted, yet readable in any
    // theme (PlaceholderText may be the text colour at half alpha, which name() makes black).
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    return QColor::fromRgbF((2 * text.redF() + base.redF()) / 3,
                            (2 * text.greenF() + base.greenF()) / 3,
                            (2 * text.blueF() + base.blueF()) / 3);
}

void SampleInfoView::showSample(const models::LoadedSample &sample) {
    // The colour is filled in when shown, so a change of theme re-colours the same table.
    m_html = infoHtml(sample, KeyColorToken);
    showHtml();
}

void SampleInfoView::clear() {
    m_html.clear();
    QTextBrowser::clear();
}

void SampleInfoView::showHtml() {
    if (!m_html.isEmpty())
        setHtml(QString(m_html).replace(KeyColorToken, keyColor(palette()).name()));
}

void SampleInfoView::changeEvent(QEvent *event) {
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        showHtml();
}

QString SampleInfoView::infoHtml(const models::LoadedSample &sample, const QString &keyColor) {
    const auto row = [&keyColor](const QString &key, const QString &value) {
        return rowHtml(key, value, keyColor);
    };
    const wire::Sample &s = sample.sample;
    QString html =
        u"<h3 style='margin:0'>%1</h3><table cellspacing='2'>"_s.arg(s.name.toHtmlEscaped());
    html += row(tr("UUID"), s.uuid);
    html += row(tr("Created"), timeText(s.createdAt) + u" · "_s + s.createdBy);
    html += row(tr("Priority"), QLocale().toString(s.priority));
    if (!sample.image.isNull()) {
        html += row(tr("Image"), u"%1 × %2"_s.arg(sample.image.width()).arg(sample.image.height()));
    }
    if (sample.frameCount() > 0)
        html += row(tr("Frames"), QLocale().toString(sample.frameCount()));
    if (s.assignedLabeler)
        html += row(tr("Assigned labeler"), *s.assignedLabeler);
    if (s.assignedReviewer)
        html += row(tr("Assigned reviewer"), *s.assignedReviewer);
    html += u"</table><h4 style='margin-bottom:2px'>%1</h4><table cellspacing='2'>"_s.arg(
        tr("Label (%1)").arg(sample.labelset).toHtmlEscaped());
    if (sample.label) {
        const wire::Label &l = *sample.label;
        html += row(tr("Status"), l.labelStatus);
        html += row(tr("Type"), l.labelType);
        html += row(tr("Labeled by"), l.createdBy + u" · "_s + timeText(l.createdAt));
        if (!l.updatedBy.isEmpty() || l.updatedAt.isValid())
            html += row(tr("Updated by"), l.updatedBy + u" · "_s + timeText(l.updatedAt));
        if (!l.reviewedBy.isEmpty())
            html += row(tr("Reviewed by"), l.reviewedBy + u" · "_s + timeText(l.reviewedAt));
        if (l.score)
            html += row(tr("Score"), QLocale().toString(*l.score));
        if (l.rating)
            html += row(tr("Rating"), QLocale().toString(*l.rating));
        const QJsonObject &attrs = l.attributes.imageAttributes;
        for (auto it = attrs.begin(); it != attrs.end(); ++it)
            html += row(it.key(), valueText(it.value()));
    } else {
        html += row(tr("Status"), sample.labelError.isEmpty() ? tr("not labeled in this labelset")
                                                              : tr("could not be loaded"));
    }
    html += u"</table>"_s;
    if (!s.metadata.isEmpty()) {
        html +=
            u"<h4 style='margin-bottom:2px'>%1</h4><table cellspacing='2'>"_s.arg(tr("Metadata"));
        for (auto it = s.metadata.begin(); it != s.metadata.end(); ++it)
            html += row(it.key(), valueText(it.value()));
        html += u"</table>"_s;
    }
    if (!s.readme.isEmpty()) {
        html +=
            u"<h4 style='margin-bottom:2px'>%1</h4><p style='white-space:pre-wrap'>%2</p>"_s.arg(
                tr("Readme"), s.readme.toHtmlEscaped());
    }
    return html;
}

} // namespace segscope::ui
