#pragma once

#include <QAbstractItemView>

namespace segscope::ui {

//! A thumbnail grid over a list model with fixed-size cells: layout is arithmetic, so 100,000
//! rows cost nothing until painted, and only the visible cells are ever asked for data. As a
//! filmstrip it lays the same cells out in one horizontal row.
class SampleGridView : public QAbstractItemView {
    Q_OBJECT

public:
    explicit SampleGridView(QWidget *parent = nullptr);

    //! The smallest cell; cells widen (and grow taller with their thumbnail) to share out the
    //! viewport's width, so a narrow column still shows whole cells edge to edge.
    void setCellSize(QSize size);
    //! The cell as laid out now.
    QSize cellSize() const;
    //! One row of small cells that scrolls horizontally (Left/Right move the current sample);
    //! false restores the grid.
    void setFilmstrip(bool on);
    bool isFilmstrip() const { return m_filmstrip; }
    //! The cell of the filmstrip: small, with room for the thumbnail and no name line.
    static constexpr QSize FilmstripCell{128, 80};
    //! The first and last rows (inclusive) whose cells intersect the viewport.
    std::pair<int, int> visibleRows() const;

    QRect visualRect(const QModelIndex &index) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    QModelIndex indexAt(const QPoint &point) const override;
    void reset() override;
    //! In a filmstrip, the height of one row of cells and the scroll bar under it.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    //! The visible rows changed (scrolled, resized, or the model changed).
    void visibleRowsChanged(int first, int last);

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex &) const override { return false; }
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void wheelEvent(QWheelEvent *event) override;
    void updateGeometries() override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;

private:
    int columns() const;
    int rowCount() const;
    QRect cellRect(int row) const; //!< in content coordinates
    void announceVisibleRows();

    QSize m_cell{176, 160}; //!< the smallest cell
    //! Cells wider than the minimum are at most this much wider (a wide window gets more
    //! columns, not huge thumbnails).
    static constexpr double MaxStretch = 1.45;
    int m_spacing = 6;
    bool m_filmstrip = false;
    std::pair<int, int> m_lastVisible{-1, -1};
};

} // namespace segscope::ui
