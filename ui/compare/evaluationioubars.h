#pragma once

#include "labels/labelcomparison.h"

#include <QWidget>

namespace segscope::ui {

//! The IoU of each category present in either label, as horizontal bars in the category's
//! colour with the value written beside each (worst first, so the weak categories lead).
class EvaluationIoUBars : public QWidget {
    Q_OBJECT

public:
    struct Bar {
        int slot = 0;
        QString name;
        QColor color;
        double iou = 0;
    };

    explicit EvaluationIoUBars(QWidget *parent = nullptr);

    void setMatrix(const labels::ConfusionMatrix &matrix);
    //! The bars shown, in order.
    const QList<Bar> &bars() const { return m_bars; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int rowHeight() const;
    QList<Bar> m_bars;
};

} // namespace segscope::ui
