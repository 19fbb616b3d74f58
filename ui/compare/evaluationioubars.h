#pragma once

#include "labels/labelcomparison.h"

#include <QWidget>

namespace segscope::ui {

//! The IoU of each category present in either label, as horizontal bars in the category's
//! colour with the value written beside each (worst first, so the weak categories lead);
//! hovering a bar tells its precision, recall and pixels.
class EvaluationIoUBars : public QWidget {
    Q_OBJECT

public:
    struct Bar {
        int slot = 0;
        QString name;
        QColor color;
        double iou = 0;
        labels::CategoryFigures figures; //!< precision, recall and pixels, for the tooltip
    };

    explicit EvaluationIoUBars(QWidget *parent = nullptr);

    void setMatrix(const labels::ConfusionMatrix &matrix);
    //! The bars shown, in order.
    const QList<Bar> &bars() const { return m_bars; }
    //! The index in bars() of the row under `pos`, -1 for none.
    int barAt(const QPoint &pos) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    int rowHeight() const;
    QList<Bar> m_bars;
};

} // namespace segscope::ui
