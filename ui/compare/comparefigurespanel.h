#pragma once

#include "labels/labelcomparison.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace segscope::ui {

//! The Compare tab: the sample's pixel accuracy and mean IoU, and a sortable table of each
//! category present in either label (swatch and name, IoU, precision, recall, pixels in the
//! reference and in the candidate). Selecting a category asks for its disagreement alone to be
//! highlighted; selecting none, all of it. Displays a ConfusionMatrix's figures.
class CompareFiguresPanel : public QWidget {
    Q_OBJECT

public:
    explicit CompareFiguresPanel(QWidget *parent = nullptr);
    //! The figures of a comparison of `reference` with `candidate` (labelset names).
    void setComparison(const labels::ConfusionMatrix &matrix, const QString &reference,
                       const QString &candidate, qint64 referenceUnannotated,
                       qint64 candidateUnannotated);
    //! No figures: `why` in their place (compare is off, a label is missing, loading).
    void clear(const QString &why);
    //! The summary line ("Pixel accuracy 93.1 % · mean IoU 71.0 % over 6 categories").
    QString summary() const;
    //! Selects the row of a class slot (-1: none), as a click does.
    void selectSlot(int slot);

signals:
    //! The class slot whose disagreement alone is to be highlighted; -1 for all.
    void slotSelected(int slot);

private:
    QLabel *m_summary;
    QLabel *m_placeholder;
    QTreeWidget *m_table;
};

} // namespace segscope::ui
