#include "datasetlistmodel.h"

#include "api/datasetsapi.h"
#include "wire/vocabulary.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace segscope::models {

DatasetListModel::DatasetListModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void DatasetListModel::clear() {
    m_loading.cancel();
    for (const api::CallHandle &call : std::as_const(m_refreshing))
        call.cancel();
    m_refreshing.clear();
    beginResetModel();
    m_datasets.clear();
    endResetModel();
}

void DatasetListModel::load(api::ApiClient &client) {
    clear();
    m_loading = api::walkDatasets(
        client, this,
        [this](QList<wire::Dataset> page, int) {
            beginInsertRows({}, int(m_datasets.size()), int(m_datasets.size() + page.size() - 1));
            m_datasets.append(page);
            endInsertRows();
            return true;
        },
        [this](api::Result<api::Done> result) {
            if (result.ok())
                emit loaded();
            else
                emit failed(result.error().toString());
        },
        100);
}

void DatasetListModel::refresh(api::ApiClient &client, const QString &fullName) {
    // A run of uploads asks once per sample; only the latest answer matters.
    m_refreshing.value(fullName).cancel();
    m_refreshing[fullName] = api::getDataset(
        client, fullName, this, [this, fullName](api::Result<wire::Dataset> result) {
            m_refreshing.remove(fullName);
            if (!result.ok())
                return; // the row keeps its last counts; the next refresh may succeed
            const int row = rowOf(fullName);
            if (row >= 0) {
                m_datasets[row] = result.value();
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            emit updated(result.value());
        });
}

int DatasetListModel::rowOf(const QString &fullName) const {
    for (qsizetype i = 0; i < m_datasets.size(); ++i) {
        if (m_datasets.at(i).fullName == fullName)
            return int(i);
    }
    return -1;
}

int DatasetListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_datasets.size());
}

int DatasetListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString labeledShare(const wire::Dataset &d) {
    const qint64 total = d.labelStats.value(u"TOTAL"_s, d.samplesCount.value_or(0));
    if (total <= 0)
        return QString();
    const qint64 done = d.labelStats.value(u"LABELED"_s) + d.labelStats.value(u"REVIEWED"_s) +
                        d.labelStats.value(u"VERIFIED"_s);
    return QLocale().toString(100.0 * double(done) / double(total), 'f', 0) + u'%';
}

QString shortTaskType(const QString &taskType) {
    if (taskType == "segmentation-bitmap"_L1 || taskType == "segmentation-bitmap-highres"_L1)
        return DatasetListModel::tr("bitmap");
    if (taskType == "bboxes"_L1)
        return DatasetListModel::tr("boxes");
    // The sequence types' full names would push the counts out of the narrow list; the tooltip
    // keeps the full name.
    if (taskType == "image-segmentation-sequence"_L1)
        return DatasetListModel::tr("bitmap seq.");
    if (taskType == "image-vector-sequence"_L1)
        return DatasetListModel::tr("vector seq.");
    return taskType;
}

QVariant DatasetListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const wire::Dataset &d = m_datasets.at(index.row());
    const bool previewable = wire::isImageTaskType(d.taskType);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return d.fullName;
        case TaskTypeColumn:
            return previewable ? shortTaskType(d.taskType)
                               : tr("%1 (not previewable)").arg(d.taskType);
        case SamplesColumn:
            return d.samplesCount ? QLocale().toString(*d.samplesCount) : QString();
        case LabeledColumn:
            return labeledShare(d);
        }
        break;
    case Qt::ToolTipRole:
        return d.fullName + u"\n"_s + d.taskType +
               (d.description.isEmpty() ? QString() : u"\n"_s + d.description);
    case Qt::TextAlignmentRole:
        if (index.column() == SamplesColumn || index.column() == LabeledColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ForegroundRole:
        if (!previewable)
            return QVariant::fromValue(QColor(Qt::gray));
        break;
    case FullNameRole:
        return d.fullName;
    case PreviewableRole:
        return previewable;
    }
    return {};
}

QVariant DatasetListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Dataset");
    case TaskTypeColumn:
        return tr("Task");
    case SamplesColumn:
        return tr("Samples");
    case LabeledColumn:
        return tr("Labeled");
    }
    return {};
}

} // namespace segscope::models
