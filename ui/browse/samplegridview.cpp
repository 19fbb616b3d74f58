#include "browse/samplegridview.h"

#include <QPainter>
#include <QPaintEvent>
#include <QScrollBar>
#include <QStyle>
#include <QWheelEvent>

namespace segscope::ui {

SampleGridView::SampleGridView(QWidget *parent)
    : QAbstractItemView(parent) {
    // Several samples at once (Ctrl and Shift clicks, Shift+arrows, Ctrl+A) for the review
    // actions; the current sample stays the one the viewer shows.
    setSelectionMode(ExtendedSelection);
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

void SampleGridView::setFilmstrip(bool on) {
    if (on == m_filmstrip)
        return;
    const QModelIndex current = currentIndex();
    m_filmstrip = on;
    setVerticalScrollBarPolicy(on ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    // Always there in a filmstrip: the strip keeps the height its sizeHint promised.
    setHorizontalScrollBarPolicy(on ? Qt::ScrollBarAlwaysOn : Qt::ScrollBarAlwaysOff);
    setHorizontalScrollMode(ScrollPerPixel);
    // The other direction's offset would shift every cell of the new layout.
    (on ? verticalScrollBar() : horizontalScrollBar())->setValue(0);
    m_lastVisible = {-2, -2};
    updateGeometry();
    updateGeometries();
    if (current.isValid())
        scrollTo(current, PositionAtCenter);
    viewport()->update();
}

QSize SampleGridView::sizeHint() const {
    if (!m_filmstrip)
        return QAbstractItemView::sizeHint();
    const int bar =
        style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, horizontalScrollBar());
    return {4 * (FilmstripCell.width() + m_spacing),
            FilmstripCell.height() + 2 * m_spacing + bar + 2 * frameWidth()};
}

QSize SampleGridView::minimumSizeHint() const {
    if (!m_filmstrip)
        return QAbstractItemView::minimumSizeHint();
    return {FilmstripCell.width() + 2 * m_spacing, sizeHint().height()};
}

int SampleGridView::columns() const {
    if (m_filmstrip)
        return std::max(1, rowCount());
    return std::max(1, (viewport()->width() - m_spacing) / (m_cell.width() + m_spacing));
}

QSize SampleGridView::cellSize() const {
    if (m_filmstrip)
        return FilmstripCell;
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
    const int margin = m_filmstrip ? 0 : std::max(0, (viewport()->width() - used) / 2);
    const int x = margin + m_spacing + (row % cols) * (cell.width() + m_spacing);
    const int y = m_spacing + (row / cols) * (cell.height() + m_spacing);
    return QRect(QPoint(x, y), cell);
}

int SampleGridView::verticalOffset() const {
    return m_filmstrip ? 0 : verticalScrollBar()->value();
}

int SampleGridView::horizontalOffset() const {
    return m_filmstrip ? horizontalScrollBar()->value() : 0;
}

QRect SampleGridView::visualRect(const QModelIndex &index) const {
    if (!index.isValid() || index.parent() != rootIndex())
        return {};
    return cellRect(index.row()).translated(-horizontalOffset(), -verticalOffset());
}

std::pair<int, int> SampleGridView::visibleRows() const {
    const QSize cell = cellSize();
    const int count = rowCount();
    if (count == 0)
        return {0, -1};
    if (m_filmstrip) {
        const int step = cell.width() + m_spacing;
        const int left = std::max(0, (horizontalOffset() - m_spacing) / step);
        const int right = (horizontalOffset() + viewport()->width()) / step;
        return {std::min(count - 1, left), std::min(count - 1, right)};
    }
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
    const QPoint p = point + QPoint(horizontalOffset(), verticalOffset());
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
    if (m_filmstrip) {
        const int left = horizontalOffset();
        const int width = viewport()->width();
        QScrollBar *bar = horizontalScrollBar();
        if (hint == PositionAtTop || (hint == EnsureVisible && rect.left() < left))
            bar->setValue(rect.left() - m_spacing);
        else if (hint == PositionAtBottom || (hint == EnsureVisible && rect.right() > left + width))
            bar->setValue(rect.right() + m_spacing - width);
        else if (hint == PositionAtCenter)
            bar->setValue(rect.center().x() - width / 2);
        viewport()->update();
        return;
    }
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
    // A filmstrip is one row: up and down step like left and right, a page is a screenful.
    const int cols = m_filmstrip ? 1 : columns();
    const int pageRows = m_filmstrip
                             ? std::max(1, viewport()->width() / (cell.width() + m_spacing))
                             : std::max(1, viewport()->height() / (cell.height() + m_spacing));
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
    // The rectangle runs from the anchor's centre to the current cell's (a Shift click or a
    // Shift+arrow): a range in list order between the two, as in a text, not the cells the
    // rectangle covers.
    const QModelIndex current = currentIndex();
    const QPoint at = visualRect(current).center();
    QModelIndex anchor = indexAt(rect.center());
    if (current.isValid() && rect.contains(at)) {
        const QPoint opposite(at.x() == rect.left() ? rect.right() : rect.left(),
                              at.y() == rect.top() ? rect.bottom() : rect.top());
        if (const QModelIndex corner = indexAt(opposite); corner.isValid())
            anchor = corner;
    }
    if (!anchor.isValid())
        return;
    const QModelIndex end = current.isValid() && rect.contains(at) ? current : anchor;
    const int first = std::min(anchor.row(), end.row());
    const int last = std::max(anchor.row(), end.row());
    selectionModel()->select(
        QItemSelection(model()->index(first, 0, rootIndex()), model()->index(last, 0, rootIndex())),
        command);
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
    if (m_filmstrip) {
        const int contentWidth = rowCount() * (cell.width() + m_spacing) + m_spacing;
        horizontalScrollBar()->setRange(0, std::max(0, contentWidth - viewport()->width()));
        horizontalScrollBar()->setPageStep(viewport()->width());
        horizontalScrollBar()->setSingleStep((cell.width() + m_spacing) / 2);
        verticalScrollBar()->setRange(0, 0);
        QAbstractItemView::updateGeometries();
        announceVisibleRows();
        return;
    }
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
    // The current sample stays in view of a filmstrip that was laid out before it was shown.
    if (m_filmstrip && currentIndex().isValid())
        scrollTo(currentIndex());
}

void SampleGridView::scrollContentsBy(int dx, int dy) {
    if (m_filmstrip)
        viewport()->scroll(dx, 0);
    else
        viewport()->scroll(0, dy);
    announceVisibleRows();
}

void SampleGridView::wheelEvent(QWheelEvent *event) {
    // A filmstrip scrolls sideways with an ordinary (vertical) wheel too.
    if (m_filmstrip) {
        const QPoint delta = event->angleDelta();
        const int steps = std::abs(delta.x()) > std::abs(delta.y()) ? delta.x() : delta.y();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() -
                                        steps * horizontalScrollBar()->singleStep() / 120);
        event->accept();
        return;
    }
    QAbstractItemView::wheelEvent(event);
}

void SampleGridView::reset() {
    m_lastVisible = {-2, -2};
    QAbstractItemView::reset();
}

void SampleGridView::rowsInserted(const QModelIndex &parent, int start, int end) {
    QAbstractItemView::rowsInserted(parent, start, end);
    updateGeometries();
    // The cells after `start` moved (a sample added at the top moves them all): repaint, so
    // they are drawn, and their thumbnails asked for, where they are now.
    viewport()->update();
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
