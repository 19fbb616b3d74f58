#include "browse/datasetpane.h"

#include "models/datasetlistmodel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

DatasetPane::DatasetPane(models::DatasetListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTreeView(this)) {
    setObjectName(u"datasetPane"_s);
    m_proxy->setSourceModel(model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(models::DatasetListModel::NameColumn);

    m_filter->setObjectName(u"datasetFilter"_s);
    m_filter->setPlaceholderText(tr("Filter, or type owner/name and Enter"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        // Filtering out the current row moves the view's current row to a neighbour; that is
        // not the user picking a dataset, so it must not open one.
        const QScopedValueRollback filtering(m_filtering, true);
        m_proxy->setFilterFixedString(text);
    });
    connect(m_filter, &QLineEdit::returnPressed, this, &DatasetPane::activateFilterText);

    m_view->setObjectName(u"datasetList"_s);
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(models::DatasetListModel::NameColumn, Qt::AscendingOrder);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(models::DatasetListModel::NameColumn,
                                           QHeaderView::Stretch);
    for (int c = 1; c < models::DatasetListModel::ColumnCount; ++c)
        m_view->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        emit datasetActivated(index.data(models::DatasetListModel::FullNameRole).toString());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid() && !m_filtering)
                    emit datasetActivated(
                        current.data(models::DatasetListModel::FullNameRole).toString());
            });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
}

void DatasetPane::select(const QString &fullName) {
    const int row = m_model->rowOf(fullName);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    const QSignalBlocker blocker(m_view->selectionModel());
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void DatasetPane::focusFilter() {
    m_filter->setFocus(Qt::ShortcutFocusReason);
}

int DatasetPane::fittingHeight(int maxRows) const {
    const int rows = std::clamp(m_proxy->rowCount(), 1, maxRows);
    const int rowHeight = std::max(m_view->sizeHintForRow(0), fontMetrics().height() + 4);
    return m_filter->sizeHint().height() + layout()->spacing() +
           m_view->header()->sizeHint().height() + rows * rowHeight + 2 * m_view->frameWidth() + 2;
}

void DatasetPane::activateFilterText() {
    static const QRegularExpression fullName(
        u"^\\s*([A-Za-z0-9][\\w.-]*)/([A-Za-z0-9][\\w.-]*)\\s*$"_s);
    const auto match = fullName.match(m_filter->text());
    if (match.hasMatch()) {
        emit datasetActivated(match.captured(1) + u'/' + match.captured(2));
        return;
    }
    if (m_proxy->rowCount() > 0)
        emit datasetActivated(
            m_proxy->index(0, 0).data(models::DatasetListModel::FullNameRole).toString());
}

} // namespace segscope::ui
