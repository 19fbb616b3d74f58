#pragma once

#include "labels/labelcomparison.h"

#include <QWidget>

namespace segscope::ui {

//! A confusion matrix painted as a heat map: rows the reference, columns the candidate,
//! background first, each cell's colour its share of its row (so a rare category reads as
//! clearly as a common one). Classes with no pixels in either label are left out. Hovering a
//! cell tells its pixels and row share; clicking one selects it (cellClicked).
class EvaluationHeatMap : public QWidget {
    Q_OBJECT

public:
    explicit EvaluationHeatMap(QWidget *parent = nullptr);

    void setMatrix(const labels::ConfusionMatrix &matrix);
    const labels::ConfusionMatrix &matrix() const { return m_matrix; }
    //! The class slots shown, in order (rows and columns alike).
    const QList<int> &shownSlots() const { return m_slots; }
    //! The (reference, candidate) slots of the cell under `pos`; (-1, -1) outside the cells.
    std::pair<int, int> cellAt(const QPoint &pos) const;
    //! The rectangle of the cell of two slots (empty when either is not shown).
    QRect cellRect(int referenceSlot, int candidateSlot) const;
    //! The share of its row a cell has (0 for an empty row).
    double rowShare(int referenceSlot, int candidateSlot) const;
    //! The selected cell (-1, -1 for none).
    std::pair<int, int> selectedCell() const { return m_selected; }
    void clearSelection();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void cellClicked(int referenceSlot, int candidateSlot);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Geometry {
        int left = 0; //!< where the cells start
        int top = 0;
        int cell = 0;
        int labelWidth = 0;  //!< the row names' column
        int labelHeight = 0; //!< the column names' row (rotated text)
    };
    Geometry geometry() const;
    int swatchSize() const;
    QString className(int slot) const;
    //! The row (or column, `column`) name whose label is under `pos`, -1 for none.
    int labelAt(const QPoint &pos, bool *column) const;

    labels::ConfusionMatrix m_matrix;
    QList<int> m_slots;
    std::vector<qint64> m_rowTotals; //!< by slot
    std::pair<int, int> m_selected{-1, -1};
};

} // namespace segscope::ui
