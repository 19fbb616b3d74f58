#pragma once

#include <QTableView>

namespace segscope::ui {

//! The sample list as a table whose Name column stays put while the others scroll sideways
//! (Qt's frozen-column pattern: a second view over the same model and selection, laid over the
//! first column). Its headers sort by the fields the server can sort by and say why the others
//! cannot; the status column shows the grid badges' short text.
class SampleTableView : public QTableView {
    Q_OBJECT

public:
    explicit SampleTableView(QWidget *parent = nullptr);
    ~SampleTableView() override;

    void setModel(QAbstractItemModel *model) override;
    void setSelectionModel(QItemSelectionModel *selectionModel) override;
    //! The view over the Name column that stays at the left edge.
    QTableView *frozenView() const { return m_frozen; }
    //! Shows the sort (a server sort field, see SampleListModel::sortFieldOfColumn) in the
    //! headers' sort indicator; a field without a column shows none.
    void setSort(const QString &field, bool descending);
    //! Sizes the columns to their header and the rows in view, within sensible bounds; once
    //! per model reset (later calls do nothing until the next reset).
    void fitColumnsOnce();
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;

signals:
    //! A sortable header was clicked: the field to sort by and its direction (a second click
    //! on the sorted column flips it).
    void sortRequested(const QString &field, bool descending);
    //! A header that cannot sort was clicked: why, for the status bar.
    void sortRefused(const QString &why);

protected:
    void resizeEvent(QResizeEvent *event) override;
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;

private:
    void configure(QTableView *view);
    void onHeaderClicked(int section);
    void showSortIndicator();
    void hideFrozenColumns();
    void updateFrozenGeometry();

    QTableView *m_frozen;
    QString m_sortField;
    bool m_sortDescending = false;
    bool m_fitted = false;
};

} // namespace segscope::ui
