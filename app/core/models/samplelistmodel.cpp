#include "samplelistmodel.h"

#include "api/samplesapi.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace segscope::models {

namespace {

constexpr int kMaxPagesInFlight = 4;

SampleRow toRow(const wire::Sample &s) {
    SampleRow row{
        s.uuid,      s.name,     s.displayImageUrl(), s.label ? s.label->labelStatus : QString(),
        s.createdAt, s.priority, s.metadata,          {},
        {}};
    if (s.fullLabel && !s.fullLabel->attributes.bitmapUrl.isEmpty()) {
        const wire::LabelAttributes &label = s.fullLabel->attributes;
        row.bitmapUrl = label.bitmapUrl;
        row.instanceCategories.reserve(label.annotations.size());
        for (const wire::Annotation &a : label.annotations) {
            if (a.id > 0 && a.id <= 0xFFFFFF) // what the bitmap's 24 bits can hold
                row.instanceCategories.append({quint32(a.id), a.categoryId});
        }
    }
    return row;
}

QString metadataText(const QJsonValue &v) {
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Double:
        return QLocale().toString(v.toDouble(), 'g', 10);
    case QJsonValue::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    default:
        return u"…"_s;
    }
}

} // namespace

SampleListModel::SampleListModel(QObject *parent)
    : QAbstractTableModel(parent) {
    m_flush.setSingleShot(true);
    m_flush.setInterval(0);
    connect(&m_flush, &QTimer::timeout, this, &SampleListModel::flushRequests);
}

SampleListModel::~SampleListModel() {
    for (api::CallHandle &h : m_inFlight)
        h.cancel();
}

void SampleListModel::setDataset(api::ApiClient *client, const QString &dataset,
                                 qint64 totalSamples) {
    m_client = client;
    m_dataset = dataset;
    m_total = totalSamples;
    reset();
}

void SampleListModel::setFilter(const SampleFilter &filter) {
    if (filter == m_filter)
        return;
    m_filter = filter;
    reset();
}

void SampleListModel::setIncludeFullLabel(bool include) {
    if (include == m_includeFullLabel)
        return;
    m_includeFullLabel = include;
    if (!include || !m_client || m_dataset.isEmpty())
        return;
    if (m_filter.narrows())
        return reset();
    // Pages on their way come without the label: dropped, and every page held is refetched
    // when looked at, the visible ones now.
    ++m_generation;
    for (api::CallHandle &h : m_inFlight)
        h.cancel();
    m_inFlight.clear();
    m_wanted.clear();
    for (auto it = m_pages.keyBegin(); it != m_pages.keyEnd(); ++it)
        m_stalePages.insert(*it);
    if (m_visibleLast < 0)
        return;
    for (int p = m_visibleFirst / m_pageSize; p <= m_visibleLast / m_pageSize; ++p) {
        if (qint64(p) * m_pageSize < m_total)
            requestPage(p);
    }
}

void SampleListModel::reset() {
    beginResetModel();
    ++m_generation;
    for (api::CallHandle &h : m_inFlight)
        h.cancel();
    m_inFlight.clear();
    m_pages.clear();
    m_stalePages.clear();
    m_added.clear();
    m_addedPositions.clear();
    m_filteredList.clear();
    m_filteredPagesFetched = 0;
    m_wanted.clear();
    m_loadedRows = 0;
    m_reachedEnd = false;
    m_visibleFirst = 0;
    m_visibleLast = -1;
    m_metadataKeys.clear();
    endResetModel();
    emit countsChanged();
}

api::SampleQuery SampleListModel::queryFor(int page) const {
    api::SampleQuery q;
    q.page = page + 1;
    q.perPage = m_pageSize;
    q.nameContains = m_filter.nameContains;
    q.labelStatuses = m_filter.labelStatuses;
    q.labelset = m_filter.labelset;
    q.metadataFilters = m_filter.metadataTerms;
    q.sortField = m_filter.sortField;
    q.sortDescending = m_filter.sortDescending;
    q.includeFullLabel = m_includeFullLabel && !q.labelset.isEmpty();
    return q;
}

void SampleListModel::requestPage(int page) const {
    if (m_filter.narrows() || m_inFlight.contains(page))
        return;
    // Once a view has said what it shows, rows asked for elsewhere (a model tester, an
    // accessibility query) do not cost a request.
    if (m_visibleLast >= 0 &&
        (page < m_visibleFirst / m_pageSize - 1 || page > m_visibleLast / m_pageSize + 1))
        return;
    m_wanted.insert(page);
    if (!m_flush.isActive())
        const_cast<QTimer &>(m_flush).start();
}

int SampleListModel::serverPosition(int pagedRow) const {
    int position = pagedRow;
    for (const int added : m_addedPositions) {
        if (added > position)
            break;
        ++position;
    }
    return position;
}

int SampleListModel::modelRowOf(int position) const {
    const auto before =
        std::lower_bound(m_addedPositions.begin(), m_addedPositions.end(), position);
    return int(m_added.size()) + position - int(before - m_addedPositions.begin());
}

bool SampleListModel::isAdded(const QString &uuid) const {
    return std::any_of(m_added.begin(), m_added.end(),
                       [&uuid](const SampleRow &r) { return r.uuid == uuid; });
}

void SampleListModel::setVisibleRows(int first, int last) {
    // Kept as server positions, the unit pages are counted in.
    const int added = int(m_added.size());
    m_visibleFirst = serverPosition(std::max(0, first - added));
    m_visibleLast = last < 0 ? last : serverPosition(std::max(0, last - added));
    if (m_filter.narrows())
        return;
    // Pages more than one page away from what is on screen are no longer worth the wait.
    const int firstPage = std::max(0, m_visibleFirst / m_pageSize - 1);
    const int lastPage = std::max(0, m_visibleLast) / m_pageSize + 1;
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if (it.key() < firstPage || it.key() > lastPage) {
            it->cancel();
            it = m_inFlight.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = m_wanted.begin(); it != m_wanted.end();) {
        if (*it < firstPage || *it > lastPage)
            it = m_wanted.erase(it);
        else
            ++it;
    }
    for (int p = m_visibleFirst / m_pageSize; p <= std::max(0, m_visibleLast) / m_pageSize; ++p) {
        if ((!m_pages.contains(p) || m_stalePages.contains(p)) && qint64(p) * m_pageSize < m_total)
            requestPage(p);
    }
}

void SampleListModel::flushRequests() {
    if (!m_client)
        return;
    // Nearest to the middle of the view first.
    const int middle = (m_visibleFirst + std::max(m_visibleFirst, m_visibleLast)) / 2 / m_pageSize;
    QList<int> pages(m_wanted.begin(), m_wanted.end());
    std::sort(pages.begin(), pages.end(),
              [middle](int a, int b) { return std::abs(a - middle) < std::abs(b - middle); });
    for (int page : std::as_const(pages)) {
        if (m_inFlight.size() >= kMaxPagesInFlight)
            break;
        m_wanted.remove(page);
        if (!m_pages.contains(page) || m_stalePages.contains(page))
            fetch(page);
    }
}

void SampleListModel::fetch(int page) {
    const quint64 generation = m_generation;
    m_inFlight.insert(page, api::listSamples(*m_client, m_dataset, queryFor(page), this,
                                             [this, page, generation](auto result) {
                                                 if (generation == m_generation)
                                                     onReply(page, result);
                                             }));
}

void SampleListModel::onReply(int page, const api::Result<QList<wire::Sample>> &result) {
    // The page counts as in flight while its rows go in, so a fetchMore from a rowsInserted
    // handler does not ask for it again.
    if (result.ok())
        onPage(page, result.value());
    m_inFlight.remove(page);
    if (!result.ok()) {
        if (m_filter.narrows() && result.error().isInvalidPage()) {
            m_reachedEnd = true;
            emit countsChanged();
        } else {
            emit loadFailed(result.error().toString());
        }
    }
    if (!m_wanted.isEmpty())
        m_flush.start();
}

void SampleListModel::noteMetadataKeys(const QList<wire::Sample> &samples) {
    QStringList added;
    for (const wire::Sample &s : samples) {
        for (auto it = s.metadata.begin(); it != s.metadata.end(); ++it) {
            if (!m_metadataKeys.contains(it.key()) && !added.contains(it.key()) &&
                m_metadataKeys.size() + added.size() < 12)
                added.append(it.key());
        }
    }
    if (added.isEmpty())
        return;
    added.sort();
    const int first = FirstMetadataColumn + int(m_metadataKeys.size());
    beginInsertColumns({}, first, first + int(added.size()) - 1);
    m_metadataKeys.append(added);
    endInsertColumns();
}

void SampleListModel::onPage(int page, const QList<wire::Sample> &samples) {
    noteMetadataKeys(samples);
    QList<SampleRow> rows;
    rows.reserve(samples.size());
    for (const wire::Sample &s : samples)
        rows.append(toRow(s));
    if (m_filter.narrows()) {
        // Filtered pages arrive in order (fetchMore asks for the next one only).
        ++m_filteredPagesFetched;
        const bool last = rows.size() < m_pageSize;
        rows.removeIf([this](const SampleRow &r) { return isAdded(r.uuid); });
        if (!rows.isEmpty()) {
            const int first = int(m_added.size() + m_filteredList.size());
            beginInsertRows({}, first, first + int(rows.size()) - 1);
            m_filteredList.append(rows);
            m_loadedRows += int(rows.size());
            endInsertRows();
        }
        if (last)
            m_reachedEnd = true;
    } else {
        const int first = page * m_pageSize;
        const int available =
            int(std::max<qint64>(0, std::min<qint64>(m_pageSize, m_total - first)));
        rows = rows.mid(0, available);
        m_loadedRows += int(rows.size()) - int(m_pages.value(page).size());
        m_pages.insert(page, rows);
        m_stalePages.remove(page);
        // A sample pinned at the top is left out where the server lists it.
        bool moved = false;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const int position = first + int(i);
            if (isAdded(rows.at(i).uuid) && !m_addedPositions.contains(position)) {
                m_addedPositions.insert(
                    std::lower_bound(m_addedPositions.begin(), m_addedPositions.end(), position),
                    position);
                moved = true;
            }
        }
        if (moved && rowCount() > 0) {
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        } else if (!rows.isEmpty()) {
            const int top = std::min(rowCount() - 1, modelRowOf(first));
            const int bottom = std::min(rowCount() - 1, modelRowOf(first + int(rows.size()) - 1));
            if (top >= 0 && bottom >= top)
                emit dataChanged(index(top, 0), index(bottom, columnCount() - 1));
        }
        evictFarPages();
    }
    emit pageLoaded(page);
    emit countsChanged();
}

void SampleListModel::evictFarPages() {
    if (m_pages.size() <= m_maxCachedPages)
        return;
    const int middle = (m_visibleFirst + std::max(m_visibleFirst, m_visibleLast)) / 2 / m_pageSize;
    QList<int> pages = m_pages.keys();
    std::sort(pages.begin(), pages.end(),
              [middle](int a, int b) { return std::abs(a - middle) > std::abs(b - middle); });
    for (int i = 0; i < pages.size() && m_pages.size() > m_maxCachedPages; ++i) {
        m_loadedRows -= int(m_pages.value(pages.at(i)).size());
        m_pages.remove(pages.at(i));
        m_stalePages.remove(pages.at(i));
    }
}

const SampleRow *SampleListModel::row(int r) const {
    if (r < 0 || r >= rowCount())
        return nullptr;
    if (r < m_added.size())
        return &m_added.at(r);
    const int paged = r - int(m_added.size());
    if (m_filter.narrows())
        return paged < m_filteredList.size() ? &m_filteredList.at(paged) : nullptr;
    const int position = serverPosition(paged);
    const auto it = m_pages.constFind(position / m_pageSize);
    if (it == m_pages.constEnd() || position % m_pageSize >= it->size())
        return nullptr;
    return &it->at(position % m_pageSize);
}

int SampleListModel::rowOfUuid(const QString &uuid) const {
    for (qsizetype i = 0; i < m_added.size(); ++i) {
        if (m_added.at(i).uuid == uuid)
            return int(i);
    }
    if (m_filter.narrows()) {
        for (qsizetype i = 0; i < m_filteredList.size(); ++i) {
            if (m_filteredList.at(i).uuid == uuid)
                return int(m_added.size() + i);
        }
        return -1;
    }
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        for (qsizetype i = 0; i < it->size(); ++i) {
            if (it->at(i).uuid == uuid)
                return modelRowOf(it.key() * m_pageSize + int(i));
        }
    }
    return -1;
}

int SampleListModel::addSample(const wire::Sample &sample) {
    if (const int existing = rowOfUuid(sample.uuid); existing >= 0 && existing < m_added.size())
        return existing;
    if (m_filter.narrows()) {
        const auto listed = std::find_if(m_filteredList.begin(), m_filteredList.end(),
                                         [&](const SampleRow &r) { return r.uuid == sample.uuid; });
        if (listed != m_filteredList.end()) {
            const int at = int(m_added.size() + (listed - m_filteredList.begin()));
            beginRemoveRows({}, at, at);
            m_filteredList.erase(listed);
            --m_loadedRows;
            endRemoveRows();
        }
    }
    beginInsertRows({}, 0, 0);
    m_added.prepend(toRow(sample));
    if (!m_filter.narrows()) {
        // The server now lists one more, somewhere in its order: every page we hold may have
        // shifted, so they are shown as they are and refetched when looked at.
        ++m_total;
        for (auto it = m_pages.keyBegin(); it != m_pages.keyEnd(); ++it)
            m_stalePages.insert(*it);
        m_addedPositions.clear();
    }
    endInsertRows();
    if (!m_filter.narrows()) {
        for (int p = std::max(0, m_visibleFirst / m_pageSize - 1);
             p <= std::max(0, m_visibleLast) / m_pageSize + 1; ++p) {
            if (qint64(p) * m_pageSize < m_total)
                requestPage(p);
        }
    }
    emit countsChanged();
    return 0;
}

int SampleListModel::rowCount(const QModelIndex &parent) const {
    if (parent.isValid())
        return 0;
    if (m_filter.narrows())
        return int(m_added.size() + m_filteredList.size());
    return int(std::min<qint64>(m_total, INT_MAX));
}

int SampleListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : FirstMetadataColumn + int(m_metadataKeys.size());
}

QVariant SampleListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const SampleRow *r = row(index.row());
    if (!r) {
        if ((role == Qt::DisplayRole || role == LoadedRole) && index.row() >= m_added.size())
            requestPage(serverPosition(index.row() - int(m_added.size())) / m_pageSize);
        return role == LoadedRole ? QVariant(false) : QVariant();
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return r->name;
        case StatusColumn:
            return r->labelStatus;
        case CreatedColumn:
            return QLocale().toString(r->createdAt.toLocalTime(), QLocale::ShortFormat);
        case PriorityColumn:
            return r->priority;
        default: {
            const int k = index.column() - FirstMetadataColumn;
            return k < m_metadataKeys.size() ? metadataText(r->metadata.value(m_metadataKeys.at(k)))
                                             : QString();
        }
        }
    case Qt::ToolTipRole:
        return r->name;
    case UuidRole:
        return r->uuid;
    case NameRole:
        return r->name;
    case LabelStatusRole:
        return r->labelStatus;
    case ImageUrlRole:
        return r->imageUrl;
    case LoadedRole:
        return true;
    }
    return {};
}

QVariant SampleListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    case CreatedColumn:
        return tr("Created");
    case PriorityColumn:
        return tr("Priority");
    default: {
        const int k = section - FirstMetadataColumn;
        return k < m_metadataKeys.size() ? m_metadataKeys.at(k) : QString();
    }
    }
}

bool SampleListModel::canFetchMore(const QModelIndex &parent) const {
    return !parent.isValid() && m_client && m_filter.narrows() && !m_reachedEnd;
}

void SampleListModel::fetchMore(const QModelIndex &parent) {
    if (!canFetchMore(parent))
        return;
    // Filtered pages are fetched one at a time, in order.
    if (m_inFlight.isEmpty())
        fetch(m_filteredPagesFetched);
}

} // namespace segscope::models
