#include "compare/differencelegend.h"

#include "detail/labelpanels.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

constexpr std::array<labels::PixelAgreement, 4> Kinds{
    labels::PixelAgreement::Agree, labels::PixelAgreement::Missed, labels::PixelAgreement::Extra,
    labels::PixelAgreement::Confused};

QString kindName(labels::PixelAgreement kind) {
    switch (kind) {
    case labels::PixelAgreement::Agree:
        return DifferenceLegend::tr("Agree");
    case labels::PixelAgreement::Missed:
        return DifferenceLegend::tr("Missed");
    case labels::PixelAgreement::Extra:
        return DifferenceLegend::tr("Extra");
    case labels::PixelAgreement::Confused:
        return DifferenceLegend::tr("Confused");
    case labels::PixelAgreement::Background:
        break;
    }
    return {};
}

QString kindToolTip(labels::PixelAgreement kind) {
    switch (kind) {
    case labels::PixelAgreement::Agree:
        return DifferenceLegend::tr("Both labels have the same category (the image is greyed "
                                    "there)");
    case labels::PixelAgreement::Missed:
        return DifferenceLegend::tr("The reference has a category, the candidate background");
    case labels::PixelAgreement::Extra:
        return DifferenceLegend::tr("The candidate has a category, the reference background");
    case labels::PixelAgreement::Confused:
        return DifferenceLegend::tr("Both labelled, with different categories");
    case labels::PixelAgreement::Background:
        break;
    }
    return {};
}

} // namespace

DifferenceLegend::DifferenceLegend(QWidget *parent)
    : QWidget(parent) {
    setObjectName(u"differenceLegend"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    const labels::DifferenceOptions colours;
    for (size_t i = 0; i < Kinds.size(); ++i) {
        const labels::PixelAgreement kind = Kinds[i];
        m_swatches[i] = new QLabel(this);
        m_texts[i] = new QLabel(kindName(kind), this);
        m_texts[i]->setObjectName(u"differenceLegend%1"_s.arg(kindName(kind)));
        for (QLabel *l : {m_swatches[i], m_texts[i]})
            l->setToolTip(kindToolTip(kind));
        QColor colour = kind == labels::PixelAgreement::Missed     ? colours.missedColor()
                        : kind == labels::PixelAgreement::Extra    ? colours.extraColor()
                        : kind == labels::PixelAgreement::Confused ? colours.confusedColor()
                                                                   : colours.agreeColor();
        m_swatches[i]->setPixmap(swatch(colour).pixmap(14, 14));
        layout->addWidget(m_swatches[i]);
        layout->addWidget(m_texts[i]);
        layout->addSpacing(10);
    }
    layout->addStretch(1);
}

void DifferenceLegend::setMatrix(const labels::ConfusionMatrix &matrix) {
    const std::array<qint64, 5> counts = matrix.agreementCounts();
    const qint64 total = matrix.total();
    const QLocale locale;
    for (size_t i = 0; i < Kinds.size(); ++i) {
        const labels::PixelAgreement kind = Kinds[i];
        const qint64 n = counts[size_t(kind)];
        m_texts[i]->setText(
            total > 0 ? tr("%1 %2 (%3 %)")
                            .arg(kindName(kind), locale.toString(n),
                                 locale.toString(100.0 * double(n) / double(total), 'f', 1))
                      : kindName(kind));
    }
}

QString DifferenceLegend::entryText(labels::PixelAgreement kind) const {
    for (size_t i = 0; i < Kinds.size(); ++i) {
        if (Kinds[i] == kind)
            return m_texts[i]->text();
    }
    return {};
}

} // namespace segscope::ui
