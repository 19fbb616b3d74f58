#pragma once

#include <QList>
#include <QWidget>

namespace segscope::ui {

//! How many samples have a mean IoU in each tenth of [0, 1], as vertical bars; clicking a bar
//! selects its bin (binClicked).
class EvaluationHistogram : public QWidget {
    Q_OBJECT

public:
    explicit EvaluationHistogram(QWidget *parent = nullptr);

    void setCounts(const QList<int> &counts);
    const QList<int> &counts() const { return m_counts; }
    //! The bin under `pos`, -1 for none.
    int binAt(const QPoint &pos) const;
    QRect binRect(int bin) const;
    int selectedBin() const { return m_selected; }
    void clearSelection();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void binClicked(int bin);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRect plotArea() const;
    QString binRange(int bin) const;

    QList<int> m_counts;
    int m_selected = -1;
};

} // namespace segscope::ui
