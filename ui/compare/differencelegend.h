#pragma once

#include "labels/labelcomparison.h"

#include <QWidget>

#include <array>

class QLabel;

namespace segscope::ui {

//! The key to the difference view: agree (dimmed), missed, extra and confused, each with its
//! swatch, its pixel count and its share of the image. Displays ConfusionMatrix counts.
class DifferenceLegend : public QWidget {
    Q_OBJECT

public:
    explicit DifferenceLegend(QWidget *parent = nullptr);
    //! The counts of `matrix` (agreementCounts()); an empty matrix clears the figures.
    void setMatrix(const labels::ConfusionMatrix &matrix);
    //! The text of one kind's entry, e.g. "Missed 1,204 (0.4 %)" (for tests).
    QString entryText(labels::PixelAgreement kind) const;

private:
    //! Agree, Missed, Extra, Confused: the kinds with a colour in the view.
    std::array<QLabel *, 4> m_swatches{};
    std::array<QLabel *, 4> m_texts{};
};

} // namespace segscope::ui
