#pragma once

#include <QAbstractItemView>

namespace segscope::ui {

//! A thumbnail grid over a list model with fixed-size cells: layout is arithmetic, so 100,000
//! rows cost nothing until painted, and only the visible cells are ever asked for data.
class SampleGridView : public QAbstractItemView {
    Q_OBJECT

public:
    explicit SampleGridView(QWidget *parent = nullptr);

    void setCellSize(QSize size);
    QSize cellSize() const { return m_cell; }
    //! The first and last rows (inclusive) whose cells intersect the viewport.
    std::pair<int, int> visibleRows() const;

    QRect visualRect(const QModelIndex &index) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    QModelIndex indexAt(const QPoint &point) const override;
    void reset() override;

signals:
    //! The visible rows changed (scrolled, resized, or the model changed).
    void visibleRowsChanged(int first, int last);

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override { return 0; }
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex &) const override { return false; }
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void updateGeometries() override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;

private:
    int columns() const;
    int rowCount() const;
    QRect cellRect(int row) const; //!< in content coordinates
    void announceVisibleRows();

    QSize m_cell{196, 176};
    int m_spacing = 6;
    std::pair<int, int> m_lastVisible{-1, -1};
};

} // namespace segscope::ui
