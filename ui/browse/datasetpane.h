#pragma once

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace segscope::models {
class DatasetListModel;
}

namespace segscope::ui {

//! The dataset picker: the caller's datasets with task type, size and labeled share, a
//! type-ahead filter, and `owner/name` + Enter to open one that is not listed.
class DatasetPane : public QWidget {
    Q_OBJECT

public:
    explicit DatasetPane(models::DatasetListModel *model, QWidget *parent = nullptr);

    //! Selects `fullName` if listed (without emitting activated).
    void select(const QString &fullName);
    void focusFilter();
    //! The height that shows the filter, the header and up to `maxRows` rows without scrolling.
    int fittingHeight(int maxRows) const;

signals:
    void datasetActivated(const QString &fullName);

private:
    void activateFilterText();

    models::DatasetListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTreeView *m_view;
    bool m_filtering = false; //!< the filter is changing the rows (not the user picking one)
};

} // namespace segscope::ui
