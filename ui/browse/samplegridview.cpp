#include "browse/samplegridview.h"

#include <QPainter>
#include <QPaintEvent>
#include <QScrollBar>

namespace segscope::ui {

SampleGridView::SampleGridView(QWidget *parent)
    : QAbstractItemView(parent) {
    setSelectionMode(SingleSelection);
    setSelectionBehavior(SelectRows);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
}

void SampleGridView::setCellSize(QSize size) {
    m_cell = size;
    updateGeometries();
    viewport()->update();
}

int SampleGridView::columns() const {
    return std::max(1, (viewport()->width() - m_spacing) / (m_cell.width() + m_spacing));
}

QSize SampleGridView::cellSize() const {
    const int share = (viewport()->width() - m_spacing) / columns() - m_spacing;
    const int width = std::clamp(share, m_cell.width(), int(m_cell.width() * MaxStretch));
    // The thumbnail above the name keeps a 16:9-ish shape as the cell widens.
    return {width, m_cell.height() + (width - m_cell.width()) * 9 / 16};
}

int SampleGridView::rowCount() const {
    return model() ? model()->rowCount(rootIndex()) : 0;
}

QRect SampleGridView::cellRect(int row) const {
    const QSize cell = cellSize();
    const int cols = columns();
    // Centre the grid: the leftover width is shared out as a margin.
    const int used = cols * (cell.width() + m_spacing) + m_spacing;
    const int margin = std::max(0, (viewport()->width() - used) / 2);
    const int x = margin + m_spacing + (row % cols) * (cell.width() + m_spacing);
    const int y = m_spacing + (row / cols) * (cell.height() + m_spacing);
    return QRect(QPoint(x, y), cell);
}

int SampleGridView::verticalOffset() const {
    return verticalScrollBar()->value();
}

QRect SampleGridView::visualRect(const QModelIndex &index) const {
    if (!index.isValid() || index.parent() != rootIndex())
        return {};
    return cellRect(index.row()).translated(0, -verticalOffset());
}

std::pair<int, int> SampleGridView::visibleRows() const {
    const QSize cell = cellSize();
    const int count = rowCount();
    if (count == 0)
        return {0, -1};
    const int cols = columns();
    const int rowHeight = cell.height() + m_spacing;
    const int top = std::max(0, (verticalOffset() - m_spacing) / rowHeight);
    const int bottom = (verticalOffset() + viewport()->height()) / rowHeight;
    return {std::min(count - 1, top * cols), std::min(count - 1, (bottom + 1) * cols - 1)};
}

QModelIndex SampleGridView::indexAt(const QPoint &point) const {
    const QSize cell = cellSize();
    if (!model())
        return {};
    const QPoint p = point + QPoint(0, verticalOffset());
    const int cols = columns();
    const QRect first = cellRect(0);
    const int col = (p.x() - first.left()) / (cell.width() + m_spacing);
    const int row = (p.y() - m_spacing) / (cell.height() + m_spacing);
    if (p.x() < first.left() || col >= cols || p.y() < m_spacing)
        return {};
    const int r = row * cols + col;
    if (r >= rowCount() || !cellRect(r).contains(p))
        return {};
    return model()->index(r, 0, rootIndex());
}

void SampleGridView::scrollTo(const QModelIndex &index, ScrollHint hint) {
    if (!index.isValid())
        return;
    const QRect rect = cellRect(index.row());
    const int top = verticalOffset();
    const int height = viewport()->height();
    if (hint == PositionAtTop || (hint == EnsureVisible && rect.top() < top))
        verticalScrollBar()->setValue(rect.top() - m_spacing);
    else if (hint == PositionAtBottom || (hint == EnsureVisible && rect.bottom() > top + height))
        verticalScrollBar()->setValue(rect.bottom() + m_spacing - height);
    else if (hint == PositionAtCenter)
        verticalScrollBar()->setValue(rect.center().y() - height / 2);
    viewport()->update();
}

QModelIndex SampleGridView::moveCursor(CursorAction action, Qt::KeyboardModifiers) {
    const QSize cell = cellSize();
    const int count = rowCount();
    if (count == 0)
        return {};
    const int cols = columns();
    const int pageRows = std::max(1, viewport()->height() / (cell.height() + m_spacing));
    int r = currentIndex().isValid() ? currentIndex().row() : 0;
    switch (action) {
    case MoveLeft:
    case MovePrevious:
        r -= 1;
        break;
    case MoveRight:
    case MoveNext:
        r += 1;
        break;
    case MoveUp:
        r -= cols;
        break;
    case MoveDown:
        r += cols;
        break;
    case MovePageUp:
        r -= pageRows * cols;
        break;
    case MovePageDown:
        r += pageRows * cols;
        break;
    case MoveHome:
        r = 0;
        break;
    case MoveEnd:
        r = count - 1;
        break;
    }
    return model()->index(std::clamp(r, 0, count - 1), 0, rootIndex());
}

void SampleGridView::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) {
    const QModelIndex index = indexAt(rect.center());
    if (index.isValid())
        selectionModel()->select(index, command);
}

QRegion SampleGridView::visualRegionForSelection(const QItemSelection &selection) const {
    QRegion region;
    for (const QModelIndex &index : selection.indexes())
        region += visualRect(index);
    return region;
}

void SampleGridView::paintEvent(QPaintEvent *event) {
    QPainter painter(viewport());
    painter.fillRect(event->rect(), palette().base());
    if (!model())
        return;
    const auto [first, last] = visibleRows();
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const QModelIndex current = currentIndex();
    for (int r = first; r <= last; ++r) {
        const QModelIndex index = model()->index(r, 0, rootIndex());
        option.rect = visualRect(index);
        if (!option.rect.intersects(event->rect()))
            continue;
        option.state = QStyle::State_Enabled;
        if (selectionModel() && selectionModel()->isSelected(index))
            option.state |= QStyle::State_Selected;
        if (index == current && hasFocus())
            option.state |= QStyle::State_HasFocus;
        if (option.rect.contains(viewport()->mapFromGlobal(QCursor::pos())) && underMouse())
            option.state |= QStyle::State_MouseOver;
        itemDelegateForIndex(index)->paint(&painter, option, index);
    }
}

void SampleGridView::updateGeometries() {
    const QSize cell = cellSize();
    const int cols = columns();
    const int rows = (rowCount() + cols - 1) / cols;
    const int contentHeight = rows * (cell.height() + m_spacing) + m_spacing;
    verticalScrollBar()->setRange(0, std::max(0, contentHeight - viewport()->height()));
    verticalScrollBar()->setPageStep(viewport()->height());
    verticalScrollBar()->setSingleStep((cell.height() + m_spacing) / 3);
    QAbstractItemView::updateGeometries();
    announceVisibleRows();
}

void SampleGridView::resizeEvent(QResizeEvent *event) {
    QAbstractItemView::resizeEvent(event);
    updateGeometries();
}

void SampleGridView::scrollContentsBy(int, int dy) {
    viewport()->scroll(0, dy);
    announceVisibleRows();
}

void SampleGridView::reset() {
    m_lastVisible = {-2, -2};
    QAbstractItemView::reset();
}

void SampleGridView::rowsInserted(const QModelIndex &parent, int start, int end) {
    QAbstractItemView::rowsInserted(parent, start, end);
    updateGeometries();
}

void SampleGridView::announceVisibleRows() {
    const auto rows = visibleRows();
    if (rows == m_lastVisible)
        return;
    m_lastVisible = rows;
    emit visibleRowsChanged(rows.first, rows.second);
    // A filtered list grows when its end comes into view.
    if (model() && rows.second >= rowCount() - 1 && model()->canFetchMore(rootIndex()))
        model()->fetchMore(rootIndex());
}

} // namespace segscope::ui
