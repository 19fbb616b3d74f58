#include "browse/sampletableview.h"

#include "browse/statustextdelegate.h"
#include "models/samplelistmodel.h"

#include <QCursor>
#include <QHeaderView>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

constexpr int kRowHeight = 24;
constexpr int kMaxNameWidth = 320;
constexpr int kMaxColumnWidth = 220;

} // namespace

SampleTableView::SampleTableView(QWidget *parent)
    : QTableView(parent)
    , m_frozen(new QTableView(this)) {
    m_frozen->setObjectName(u"sampleTableFrozen"_s);
    configure(this);
    configure(m_frozen);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setDefaultSectionSize(140);
    setHorizontalScrollMode(ScrollPerPixel);
    // The frozen column is looked at through the main view: focus and keys stay there.
    m_frozen->setFocusPolicy(Qt::NoFocus);
    m_frozen->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_frozen->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_frozen->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_frozen->setFrameShape(QFrame::NoFrame);
    viewport()->stackUnder(m_frozen);
    // One scroll position for both views, and one width for the shared column.
    connect(m_frozen->verticalScrollBar(), &QScrollBar::valueChanged, verticalScrollBar(),
            &QScrollBar::setValue);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, m_frozen->verticalScrollBar(),
            &QScrollBar::setValue);
    connect(horizontalHeader(), &QHeaderView::sectionResized, this,
            [this](int section, int, int size) {
                if (section == 0) {
                    m_frozen->setColumnWidth(0, size);
                    updateFrozenGeometry();
                }
            });
    for (QHeaderView *header : {horizontalHeader(), m_frozen->horizontalHeader()}) {
        header->setSectionsClickable(true);
        header->setSortIndicatorShown(true);
        connect(header, &QHeaderView::sectionClicked, this, &SampleTableView::onHeaderClicked);
    }
    setItemDelegateForColumn(models::SampleListModel::StatusColumn, new StatusTextDelegate(this));
    showSortIndicator();
}

SampleTableView::~SampleTableView() = default;

void SampleTableView::configure(QTableView *view) {
    view->setSelectionBehavior(SelectRows);
    view->setSelectionMode(ExtendedSelection);
    view->setVerticalScrollMode(ScrollPerPixel);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(kRowHeight);
    view->verticalHeader()->hide();
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideMiddle);
}

void SampleTableView::setModel(QAbstractItemModel *model) {
    if (QAbstractItemModel *old = this->model())
        disconnect(old, nullptr, this, nullptr);
    QTableView::setModel(model);
    m_frozen->setModel(model);
    m_frozen->setSelectionModel(selectionModel());
    m_fitted = false;
    if (model) {
        // The frozen view shows the Name column only, whatever columns the model grows.
        connect(model, &QAbstractItemModel::columnsInserted, this,
                &SampleTableView::hideFrozenColumns);
        connect(model, &QAbstractItemModel::modelReset, this, [this] {
            m_fitted = false;
            hideFrozenColumns();
        });
    }
    hideFrozenColumns();
}

void SampleTableView::setSelectionModel(QItemSelectionModel *selectionModel) {
    QTableView::setSelectionModel(selectionModel);
    // setModel makes a selection model before the frozen view has the new model; setModel
    // hands it over once it has.
    if (selectionModel && m_frozen->model() == selectionModel->model())
        m_frozen->setSelectionModel(selectionModel);
}

void SampleTableView::hideFrozenColumns() {
    const int columns = model() ? model()->columnCount() : 0;
    for (int c = 1; c < columns; ++c)
        m_frozen->setColumnHidden(c, true);
    m_frozen->setColumnWidth(0, columnWidth(0));
    updateFrozenGeometry();
}

void SampleTableView::updateFrozenGeometry() {
    m_frozen->horizontalHeader()->setFixedHeight(horizontalHeader()->height());
    m_frozen->setGeometry(verticalHeader()->width() + frameWidth(), frameWidth(), columnWidth(0),
                          viewport()->height() + horizontalHeader()->height());
}

void SampleTableView::resizeEvent(QResizeEvent *event) {
    QTableView::resizeEvent(event);
    updateFrozenGeometry();
}

QModelIndex SampleTableView::moveCursor(CursorAction cursorAction,
                                        Qt::KeyboardModifiers modifiers) {
    const QModelIndex current = QTableView::moveCursor(cursorAction, modifiers);
    // A cell moved under the frozen column is scrolled out from under it.
    if (cursorAction == MoveLeft && current.column() > 0 &&
        visualRect(current).topLeft().x() < m_frozen->columnWidth(0)) {
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() +
                                        visualRect(current).topLeft().x() -
                                        m_frozen->columnWidth(0));
    }
    return current;
}

void SampleTableView::scrollTo(const QModelIndex &index, ScrollHint hint) {
    if (!index.isValid())
        return;
    if (index.column() > 0)
        return QTableView::scrollTo(index, hint);
    // The Name column is always in view: only the row is brought into view, at the columns
    // now shown beside it, so the table does not jump back to its left edge.
    const int shown = columnAt(m_frozen->columnWidth(0) + 1);
    QTableView::scrollTo(shown > 0 ? index.siblingAtColumn(shown) : index, hint);
}

void SampleTableView::setSort(const QString &field, bool descending) {
    m_sortField = field;
    m_sortDescending = descending;
    showSortIndicator();
}

void SampleTableView::showSortIndicator() {
    const int column = models::SampleListModel::columnOfSortField(m_sortField);
    const Qt::SortOrder order = m_sortDescending ? Qt::DescendingOrder : Qt::AscendingOrder;
    for (QHeaderView *header : {horizontalHeader(), m_frozen->horizontalHeader()}) {
        const QSignalBlocker blocker(header);
        // No column (sorted by label date): no indicator rather than a wrong one.
        header->setSortIndicatorShown(column >= 0);
        header->setSortIndicator(column, order);
    }
}

void SampleTableView::onHeaderClicked(int section) {
    // The header flipped its indicator already; the sort it shows is the filter's, set back
    // here and moved only when the filter changes.
    showSortIndicator();
    const QString field = models::SampleListModel::sortFieldOfColumn(section);
    if (field.isEmpty()) {
        const QString why =
            model() ? model()->headerData(section, Qt::Horizontal, Qt::ToolTipRole).toString()
                    : QString();
        QToolTip::showText(QCursor::pos(), why, horizontalHeader());
        emit sortRefused(why);
        return;
    }
    emit sortRequested(field, field == m_sortField ? !m_sortDescending : false);
}

void SampleTableView::fitColumnsOnce() {
    // Measured when shown: a hidden table has no rows in view to measure.
    if (m_fitted || !isVisible() || !model() || model()->rowCount() == 0)
        return;
    m_fitted = true;
    // Only the rows in view are measured: a 100,000-row list costs nothing more.
    verticalHeader()->setResizeContentsPrecision(0);
    const int columns = model()->columnCount();
    for (int c = 0; c < columns; ++c) {
        resizeColumnToContents(c);
        const int limit = c == 0 ? kMaxNameWidth : kMaxColumnWidth;
        const int width = std::clamp(columnWidth(c) + 8, horizontalHeader()->sectionSizeHint(c),
                                     std::max(limit, horizontalHeader()->sectionSizeHint(c)));
        setColumnWidth(c, width);
    }
    m_frozen->setColumnWidth(0, columnWidth(0));
    updateFrozenGeometry();
}

} // namespace segscope::ui
