#include "evaluationreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;
using segscope::evaluate::SampleEvaluation;

namespace segscope::cli {

namespace {

using Presence = SampleEvaluation::Presence;

constexpr Presence AllPresences[] = {Presence::Both, Presence::ReferenceOnly,
                                     Presence::CandidateOnly, Presence::Neither, Presence::Failed};

QJsonValue number(double value) {
    return std::isnan(value) ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

QString className(const labels::CompareClass &c) {
    if (c.isBackground())
        return u"background"_s;
    return c.known ? c.name : u"unknown (%1)"_s.arg(c.categoryId);
}

//! Rows of cells as columns padded to their widest cell, numbers right-aligned.
QString alignedTable(const QList<QStringList> &rows, int leftColumns = 1) {
    QList<int> widths;
    for (const QStringList &row : rows) {
        for (int i = 0; i < row.size(); ++i) {
            if (i >= widths.size())
                widths.append(0);
            widths[i] = std::max(widths[i], int(row.at(i).size()));
        }
    }
    QString out;
    for (const QStringList &row : rows) {
        QString line;
        for (int i = 0; i < row.size(); ++i) {
            if (i > 0)
                line += u"  "_s;
            line += i < leftColumns ? row.at(i).leftJustified(widths[i])
                                    : row.at(i).rightJustified(widths[i]);
        }
        while (line.endsWith(u' '))
            line.chop(1);
        out += line + u'\n';
    }
    return out;
}

QString csvField(const QString &value) {
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n'))
        return value;
    return u'"' + QString(value).replace(u'"', u"\"\""_s) + u'"';
}

QString csvLine(const QStringList &fields) {
    QStringList quoted;
    for (const QString &f : fields)
        quoted.append(csvField(f));
    return quoted.join(u',') + u'\n';
}

QString csvNumber(double value) {
    return std::isnan(value) ? QString() : QString::number(value, 'g', 10);
}

} // namespace

QString EvaluationReport::presenceName(Presence presence) {
    switch (presence) {
    case Presence::Both:
        return u"both"_s;
    case Presence::ReferenceOnly:
        return u"reference-only"_s;
    case Presence::CandidateOnly:
        return u"candidate-only"_s;
    case Presence::Neither:
        return u"neither"_s;
    case Presence::Failed:
        return u"failed"_s;
    }
    return {};
}

QString EvaluationReport::figure(double value) {
    return std::isnan(value) ? u"-"_s : QString::number(value, 'f', 4);
}

QByteArray EvaluationReport::text(bool perSample) const {
    const evaluate::EvaluationSpec &spec = m_evaluation.spec();
    const labels::ConfusionMatrix &matrix = m_evaluation.matrix();
    const std::array<int, 5> presence = m_evaluation.presenceCounts();
    qint64 unannotated[2] = {0, 0};
    for (const SampleEvaluation &s : m_evaluation.samples()) {
        unannotated[0] += s.referenceUnannotatedPixels;
        unannotated[1] += s.candidateUnannotatedPixels;
    }
    QString out = u"%1: %2 (reference) against %3 (candidate)\n"_s.arg(spec.dataset, spec.reference,
                                                                       spec.candidate);
    out += u"samples: %1; both labels %2, reference only %3, candidate only %4, neither %5, "
           u"failed %6 (%7 from the cache)\n"_s.arg(m_evaluation.samples().size())
               .arg(presence[0])
               .arg(presence[1])
               .arg(presence[2])
               .arg(presence[3])
               .arg(presence[4])
               .arg(m_evaluation.cachedCount());
    out += u"mean IoU: %1\npixel accuracy: %2\nunannotated pixels (counted as background): "
           u"reference %3, candidate %4\n\n"_s
               .arg(figure(matrix.meanIoU()), figure(matrix.pixelAccuracy()))
               .arg(unannotated[0])
               .arg(unannotated[1]);

    QList<QStringList> categories{{u"category"_s, u"IoU"_s, u"precision"_s, u"recall"_s,
                                   u"reference px"_s, u"candidate px"_s}};
    for (const labels::CategoryFigures &f : matrix.categoryFigures())
        categories.append({className(matrix.classes.at(f.slot)), figure(f.iou), figure(f.precision),
                           figure(f.recall), QString::number(f.referencePixels),
                           QString::number(f.candidatePixels)});
    out += alignedTable(categories);

    out += u"\nconfusion matrix (pixels; rows: reference, columns: candidate)\n"_s;
    QList<QStringList> rows;
    QStringList header{u"reference \\ candidate"_s};
    for (const labels::CompareClass &c : matrix.classes.all())
        header.append(className(c));
    rows.append(header);
    for (int r = 0; r < matrix.classes.count(); ++r) {
        QStringList row{className(matrix.classes.at(r))};
        for (int c = 0; c < matrix.classes.count(); ++c)
            row.append(QString::number(matrix.at(r, c)));
        rows.append(row);
    }
    out += alignedTable(rows);

    if (perSample) {
        out += u"\nper sample\n"_s;
        QList<QStringList> samples{
            {u"uuid"_s, u"name"_s, u"labels"_s, u"mean IoU"_s, u"pixel accuracy"_s, u"note"_s}};
        for (const SampleEvaluation &s : m_evaluation.samples())
            samples.append({s.uuid, s.name, presenceName(s.presence), figure(s.meanIoU),
                            figure(s.pixelAccuracy),
                            s.error.isEmpty() ? s.defects.join(u"; "_s) : s.error});
        out += alignedTable(samples, 3);
    }
    return out.toUtf8();
}

QByteArray EvaluationReport::json(bool perSample) const {
    const evaluate::EvaluationSpec &spec = m_evaluation.spec();
    const labels::ConfusionMatrix &matrix = m_evaluation.matrix();
    const std::array<int, 5> presence = m_evaluation.presenceCounts();
    QJsonObject counts{{"total"_L1, qint64(m_evaluation.samples().size())},
                       {"cached"_L1, m_evaluation.cachedCount()}};
    for (Presence p : AllPresences)
        counts.insert(presenceName(p).replace(u'-', u'_'), presence[size_t(p)]);
    qint64 unannotated[2] = {0, 0};
    for (const SampleEvaluation &s : m_evaluation.samples()) {
        unannotated[0] += s.referenceUnannotatedPixels;
        unannotated[1] += s.candidateUnannotatedPixels;
    }
    QJsonArray categories;
    for (const labels::CategoryFigures &f : matrix.categoryFigures()) {
        const labels::CompareClass &c = matrix.classes.at(f.slot);
        categories.append(QJsonObject{{"id"_L1, c.categoryId},
                                      {"name"_L1, className(c)},
                                      {"known"_L1, c.known},
                                      {"iou"_L1, number(f.iou)},
                                      {"precision"_L1, number(f.precision)},
                                      {"recall"_L1, number(f.recall)},
                                      {"true_positive_pixels"_L1, f.truePositive},
                                      {"false_positive_pixels"_L1, f.falsePositive},
                                      {"false_negative_pixels"_L1, f.falseNegative},
                                      {"reference_pixels"_L1, f.referencePixels},
                                      {"candidate_pixels"_L1, f.candidatePixels}});
    }
    QJsonArray classes, classIds, rows;
    for (int r = 0; r < matrix.classes.count(); ++r) {
        const labels::CompareClass &c = matrix.classes.at(r);
        classes.append(className(c));
        classIds.append(c.isBackground() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.categoryId));
        QJsonArray row;
        for (int col = 0; col < matrix.classes.count(); ++col)
            row.append(matrix.at(r, col));
        rows.append(row);
    }
    QJsonObject document{
        {"dataset"_L1, spec.dataset},
        {"reference"_L1, spec.reference},
        {"candidate"_L1, spec.candidate},
        {"samples"_L1, counts},
        {"mean_iou"_L1, number(matrix.meanIoU())},
        {"pixel_accuracy"_L1, number(matrix.pixelAccuracy())},
        {"unannotated_pixels"_L1,
         QJsonObject{{"reference"_L1, unannotated[0]}, {"candidate"_L1, unannotated[1]}}},
        {"categories"_L1, categories},
        {"confusion_matrix"_L1,
         QJsonObject{{"classes"_L1, classes}, {"class_ids"_L1, classIds}, {"pixels"_L1, rows}}}};
    if (perSample) {
        QJsonArray samples;
        for (const SampleEvaluation &s : m_evaluation.samples()) {
            QJsonObject o{{"uuid"_L1, s.uuid},
                          {"name"_L1, s.name},
                          {"presence"_L1, presenceName(s.presence)},
                          {"mean_iou"_L1, number(s.meanIoU)},
                          {"pixel_accuracy"_L1, number(s.pixelAccuracy)},
                          {"reference_unannotated_pixels"_L1, s.referenceUnannotatedPixels},
                          {"candidate_unannotated_pixels"_L1, s.candidateUnannotatedPixels}};
            if (!s.defects.isEmpty())
                o.insert("defects"_L1, QJsonArray::fromStringList(s.defects));
            if (!s.error.isEmpty())
                o.insert("error"_L1, s.error);
            samples.append(o);
        }
        document.insert("per_sample"_L1, samples);
    }
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

QByteArray EvaluationReport::csv(bool perSample) const {
    QString out;
    if (perSample) {
        out += csvLine({u"uuid"_s, u"name"_s, u"presence"_s, u"mean_iou"_s, u"pixel_accuracy"_s,
                        u"reference_unannotated_pixels"_s, u"candidate_unannotated_pixels"_s,
                        u"note"_s});
        for (const SampleEvaluation &s : m_evaluation.samples())
            out +=
                csvLine({s.uuid, s.name, presenceName(s.presence), csvNumber(s.meanIoU),
                         csvNumber(s.pixelAccuracy), QString::number(s.referenceUnannotatedPixels),
                         QString::number(s.candidateUnannotatedPixels),
                         s.error.isEmpty() ? s.defects.join(u"; "_s) : s.error});
        return out.toUtf8();
    }
    const labels::ConfusionMatrix &matrix = m_evaluation.matrix();
    out += csvLine({u"category_id"_s, u"category"_s, u"iou"_s, u"precision"_s, u"recall"_s,
                    u"reference_pixels"_s, u"candidate_pixels"_s});
    for (const labels::CategoryFigures &f : matrix.categoryFigures()) {
        const labels::CompareClass &c = matrix.classes.at(f.slot);
        out += csvLine({QString::number(c.categoryId), className(c), csvNumber(f.iou),
                        csvNumber(f.precision), csvNumber(f.recall),
                        QString::number(f.referencePixels), QString::number(f.candidatePixels)});
    }
    return out.toUtf8();
}

} // namespace segscope::cli
