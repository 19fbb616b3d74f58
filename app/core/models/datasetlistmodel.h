#pragma once

#include "api/result.h"
#include "wire/dataset.h"

#include <QAbstractTableModel>
#include <QHash>

namespace segscope::api {
class ApiClient;
}

namespace segscope::models {

//! The datasets the caller can see (GET /user/datasets/), one row each, loaded page by page.
class DatasetListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { NameColumn, TaskTypeColumn, SamplesColumn, LabeledColumn, ColumnCount };
    enum Role { FullNameRole = Qt::UserRole + 1, PreviewableRole };

    explicit DatasetListModel(QObject *parent = nullptr);

    //! Replaces the rows with what `client` lists; earlier loads still running are dropped.
    void load(api::ApiClient &client);
    //! Asks for `fullName` again and updates its row (its counts after an upload or a status
    //! change); `updated` is emitted with the dataset as the server now has it.
    void refresh(api::ApiClient &client, const QString &fullName);
    //! Empties the list and drops a load still running.
    void clear();
    bool isLoading() const { return m_loading.isActive(); }
    const wire::Dataset &dataset(int row) const { return m_datasets.at(row); }
    //! The row of `fullName`, or -1.
    int rowOf(const QString &fullName) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void loaded();
    //! A refresh() brought `dataset` (listed or not).
    void updated(const segscope::wire::Dataset &dataset);
    void failed(const QString &message);

private:
    QList<wire::Dataset> m_datasets;
    api::CallHandle m_loading;
    QHash<QString, api::CallHandle> m_refreshing; //!< the latest refresh of each dataset
};

//! "1,234 samples, 62% labeled" and the like, shared by the list and the status bar.
QString labeledShare(const wire::Dataset &dataset);
//! "bitmap", "boxes", "vector": the task type in a narrow column.
QString shortTaskType(const QString &taskType);

} // namespace segscope::models
