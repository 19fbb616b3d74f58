#include "samplelistmodel.h"

#include "api/datasetsapi.h"
#include "api/samplesapi.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace segscope::models {

namespace {

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
    : QAbstractTableModel(parent)
    , m_scheduler(this, [this] { flushRequests(); }) {}

SampleListModel::~SampleListModel() {
    // Before any member goes: a cancelled call must find the model whole.
    m_scheduler.cancelAll();
    m_totalCall.cancel();
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
    m_scheduler.cancelAll();
    m_pages.markAllStale();
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
    m_scheduler.cancelAll();
    m_pages.clear();
    m_pinned.clear();
    m_filteredList.clear();
    m_filteredPagesFetched = 0;
    m_reachedEnd = false;
    m_visibleFirst = 0;
    m_visibleLast = -1;
    m_metadataKeys.clear();
    endResetModel();
    emit countsChanged();
}

std::optional<wire::SampleQuery> SampleListModel::queryFor(int page, QString *error) const {
    wire::SampleQuery q;
    if (!q.setMetadataTerms(m_filter.metadataTerms, error))
        return std::nullopt;
    q.page = page + 1;
    q.perPage = m_pageSize;
    q.nameContains = m_filter.nameContains;
    q.labelStatuses = m_filter.labelStatuses;
    q.labelset = m_filter.labelset;
    q.sortField = m_filter.sortField;
    q.sortDescending = m_filter.sortDescending;
    q.includeFullLabel = m_includeFullLabel && !q.labelset.isEmpty();
    return q;
}

void SampleListModel::requestPage(int page) const {
    if (m_filter.narrows() || m_scheduler.isInFlight(page))
        return;
    // Once a view has said what it shows, rows asked for elsewhere (a model tester, an
    // accessibility query) do not cost a request.
    if (m_visibleLast >= 0 &&
        (page < m_visibleFirst / m_pageSize - 1 || page > m_visibleLast / m_pageSize + 1))
        return;
    m_scheduler.want(page);
}

int SampleListModel::middlePage() const {
    return (m_visibleFirst + std::max(m_visibleFirst, m_visibleLast)) / 2 / m_pageSize;
}

void SampleListModel::setVisibleRows(int first, int last) {
    // Kept as server positions, the unit pages are counted in.
    const int pinned = m_pinned.size();
    m_visibleFirst = m_pinned.serverPosition(std::max(0, first - pinned));
    m_visibleLast = last < 0 ? last : m_pinned.serverPosition(std::max(0, last - pinned));
    if (m_filter.narrows())
        return;
    // Pages more than one page away from what is on screen are no longer worth the wait.
    const int firstPage = std::max(0, m_visibleFirst / m_pageSize - 1);
    const int lastPage = std::max(0, m_visibleLast) / m_pageSize + 1;
    m_scheduler.keepWithin(firstPage, lastPage);
    for (int p = m_visibleFirst / m_pageSize; p <= std::max(0, m_visibleLast) / m_pageSize; ++p) {
        if (m_pages.needsFetch(p) && qint64(p) * m_pageSize < m_total)
            requestPage(p);
    }
}

void SampleListModel::flushRequests() {
    if (!m_client)
        return;
    const QList<int> due =
        m_scheduler.takeDue(middlePage(), [this](int page) { return m_pages.needsFetch(page); });
    for (int page : due)
        fetch(page);
}

void SampleListModel::fetch(int page) {
    const quint64 generation = m_generation;
    QString termError;
    const std::optional<wire::SampleQuery> query = queryFor(page, &termError);
    if (!query) {
        // A term the server would refuse (the same parser reads it there) fails here, without a
        // request, on the next turn as a reply would (not inside a view's fetchMore); the list
        // ends, so the view does not ask again until the filter changes.
        m_reachedEnd = true;
        QTimer::singleShot(0, this, [this, generation, termError] {
            if (generation == m_generation)
                emit loadFailed(termError);
        });
        return;
    }
    m_scheduler.started(page, api::listSamples(*m_client, m_dataset, *query, this,
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
    m_scheduler.finished(page);
    if (!result.ok()) {
        if (m_filter.narrows() && result.error().isInvalidPage()) {
            m_reachedEnd = true;
            emit countsChanged();
        } else {
            emit loadFailed(result.error().toString());
        }
    }
    if (m_scheduler.hasWanted())
        m_scheduler.flushSoon();
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
        rows.append(SampleRow::fromSample(s));
    if (m_filter.narrows())
        onFilteredRows(std::move(rows));
    else
        onPagedRows(page, std::move(rows));
    emit pageLoaded(page);
    emit countsChanged();
}

void SampleListModel::onFilteredRows(QList<SampleRow> rows) {
    // Filtered pages arrive in order (fetchMore asks for the next one only).
    ++m_filteredPagesFetched;
    const bool last = rows.size() < m_pageSize;
    rows.removeIf([this](const SampleRow &r) { return m_pinned.contains(r.uuid); });
    if (!rows.isEmpty()) {
        const int first = int(m_pinned.size() + m_filteredList.size());
        beginInsertRows({}, first, first + int(rows.size()) - 1);
        m_filteredList.append(rows);
        endInsertRows();
    }
    if (last)
        m_reachedEnd = true;
}

void SampleListModel::onPagedRows(int page, QList<SampleRow> rows) {
    const int first = page * m_pageSize;
    const int available = int(std::max<qint64>(0, std::min<qint64>(m_pageSize, m_total - first)));
    rows = rows.mid(0, available);
    m_pages.insert(page, rows);
    // A sample pinned at the top is left out where the server lists it.
    bool moved = false;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (m_pinned.contains(rows.at(i).uuid) && m_pinned.notePosition(first + int(i)))
            moved = true;
    }
    if (moved && rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    } else if (!rows.isEmpty()) {
        const int top = std::min(rowCount() - 1, m_pinned.modelRowOf(first));
        const int bottom =
            std::min(rowCount() - 1, m_pinned.modelRowOf(first + int(rows.size()) - 1));
        if (top >= 0 && bottom >= top)
            emit dataChanged(index(top, 0), index(bottom, columnCount() - 1));
    }
    m_pages.evictFarFrom(middlePage(), m_maxCachedPages);
}

const SampleRow *SampleListModel::row(int r) const {
    if (r < 0 || r >= rowCount())
        return nullptr;
    if (r < m_pinned.size())
        return &m_pinned.at(r);
    const int paged = r - m_pinned.size();
    if (m_filter.narrows())
        return paged < m_filteredList.size() ? &m_filteredList.at(paged) : nullptr;
    const int position = m_pinned.serverPosition(paged);
    const QList<SampleRow> *page = m_pages.page(position / m_pageSize);
    if (!page || position % m_pageSize >= page->size())
        return nullptr;
    return &page->at(position % m_pageSize);
}

int SampleListModel::rowOfUuid(const QString &uuid) const {
    // An index of the loaded rows, built on demand and checked on every hit: rows move (pages
    // come and go, a sample is pinned), so a stale entry or a miss builds it again. A review of
    // thousands of selected samples then costs one pass over the rows, not one per sample.
    const auto held = [this, &uuid](int at) {
        const SampleRow *r = row(at);
        return r && r->uuid == uuid;
    };
    if (const auto it = m_rowIndex.constFind(uuid); it != m_rowIndex.cend() && held(*it))
        return *it;
    m_rowIndex.clear();
    for (qsizetype i = 0; i < m_pinned.size(); ++i)
        m_rowIndex.insert(m_pinned.at(int(i)).uuid, int(i));
    if (m_filter.narrows()) {
        for (qsizetype i = 0; i < m_filteredList.size(); ++i)
            m_rowIndex.insert(m_filteredList.at(i).uuid, int(m_pinned.size() + i));
    } else {
        const QHash<int, QList<SampleRow>> &pages = m_pages.pages();
        for (auto it = pages.begin(); it != pages.end(); ++it) {
            for (qsizetype i = 0; i < it->size(); ++i) {
                const int at = m_pinned.modelRowOf(it.key() * m_pageSize + int(i));
                // A server row that is also pinned shows once, as the pin.
                if (!m_rowIndex.contains(it->at(i).uuid))
                    m_rowIndex.insert(it->at(i).uuid, at);
            }
        }
    }
    const auto it = m_rowIndex.constFind(uuid);
    return it != m_rowIndex.cend() && held(*it) ? *it : -1;
}

int SampleListModel::addSample(const wire::Sample &sample) {
    if (const int existing = m_pinned.indexOf(sample.uuid); existing >= 0)
        return existing;
    if (m_filter.narrows()) {
        const auto listed = std::find_if(m_filteredList.begin(), m_filteredList.end(),
                                         [&](const SampleRow &r) { return r.uuid == sample.uuid; });
        if (listed != m_filteredList.end()) {
            const int at = int(m_pinned.size() + (listed - m_filteredList.begin()));
            beginRemoveRows({}, at, at);
            m_filteredList.erase(listed);
            endRemoveRows();
        }
    }
    SampleRow added = SampleRow::fromSample(sample);
    // A sample fetched without a labelset says nothing of its label: new, it is most likely
    // unlabeled (what the list would say), and the row is fetched again to be sure.
    const bool refetch = !sample.label && !m_filter.labelset.isEmpty();
    if (refetch)
        added.labelStatus = u"UNLABELED"_s;
    beginInsertRows({}, 0, 0);
    m_pinned.prepend(added);
    if (!m_filter.narrows()) {
        // The server now lists one more, somewhere in its order: every page we hold may have
        // shifted, so they are shown as they are and refetched when looked at.
        ++m_total;
        m_pages.markAllStale();
        m_pinned.forgetPositions();
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
    if (!m_filter.narrows())
        refreshTotal();
    if (refetch)
        refreshSample(sample.uuid);
    return 0;
}

void SampleListModel::refreshSample(const QString &uuid) {
    if (!m_client || m_filter.labelset.isEmpty())
        return;
    const quint64 generation = m_generation;
    api::getSample(*m_client, uuid, m_filter.labelset, this,
                   [this, generation](api::Result<wire::Sample> r) {
                       if (!r.ok() || generation != m_generation)
                           return;
                       SampleRow row = SampleRow::fromSample(r.value());
                       // The list's rows carry the label only when asked for.
                       if (!m_includeFullLabel) {
                           row.bitmapUrl.clear();
                           row.instanceCategories.clear();
                           row.vectorShapes.reset();
                       }
                       replaceListedRow(row);
                   });
}

bool SampleListModel::replaceListedRow(const SampleRow &row) {
    if (const int pinned = m_pinned.indexOf(row.uuid); pinned >= 0) {
        m_pinned.replace(pinned, row);
    } else if (m_filter.narrows()) {
        const auto listed =
            std::find_if(m_filteredList.begin(), m_filteredList.end(),
                         [&](const SampleRow &held) { return held.uuid == row.uuid; });
        if (listed == m_filteredList.end())
            return false;
        *listed = row;
    } else if (!m_pages.replaceRow(row)) {
        return false;
    }
    if (const int at = rowOfUuid(row.uuid); at >= 0)
        emit dataChanged(index(at, 0), index(at, columnCount() - 1));
    return true;
}

bool SampleListModel::setLabelStatus(const QString &uuid, const QString &status) {
    const SampleRow *held = row(rowOfUuid(uuid));
    if (!held)
        return false;
    if (held->labelStatus == status)
        return true;
    SampleRow changed = *held;
    changed.labelStatus = status;
    return replaceListedRow(changed);
}

void SampleListModel::refreshTotal() {
    if (!m_client || m_dataset.isEmpty())
        return;
    m_totalCall.cancel();
    const quint64 generation = m_generation;
    m_totalCall = api::getDataset(
        *m_client, m_dataset, this, [this, generation](api::Result<wire::Dataset> r) {
            // A failure keeps the optimistic count: the pages say more.
            if (r.ok() && r->samplesCount && generation == m_generation && !m_filter.narrows())
                setTotal(*r->samplesCount);
        });
}

void SampleListModel::setTotal(qint64 total) {
    // Every pinned row is a sample the server counts, so the list has exactly `total` rows.
    total = std::max<qint64>(total, m_pinned.size());
    if (total == m_total)
        return;
    const int first = int(std::min<qint64>(m_total, total));
    const int last = int(std::min<qint64>(std::max(m_total, total), INT_MAX)) - 1;
    if (total > m_total) {
        beginInsertRows({}, first, last);
        m_total = total;
        endInsertRows();
    } else {
        beginRemoveRows({}, first, last);
        m_total = total;
        m_pages.markAllStale();
        endRemoveRows();
    }
    emit countsChanged();
}

int SampleListModel::rowCount(const QModelIndex &parent) const {
    if (parent.isValid())
        return 0;
    if (m_filter.narrows())
        return int(m_pinned.size() + m_filteredList.size());
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
        if ((role == Qt::DisplayRole || role == LoadedRole) && index.row() >= m_pinned.size())
            requestPage(m_pinned.serverPosition(index.row() - m_pinned.size()) / m_pageSize);
        return role == LoadedRole ? QVariant(false) : QVariant();
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return r->name;
        case StatusColumn:
            return r->labelStatus;
        case TypeColumn:
            return r->kind == wire::SampleKind::Image ? tr("image") : r->kindText();
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
        // The table shows a short status; its tooltip keeps the value as the API has it.
        return index.column() == StatusColumn ? r->labelStatus : r->name;
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
    case KindTextRole:
        return r->kindText();
    }
    return {};
}

QString SampleListModel::sortFieldOfColumn(int column) {
    switch (column) {
    case NameColumn:
        return u"name"_s;
    case CreatedColumn:
        return u"created_at"_s;
    case PriorityColumn:
        return u"priority"_s;
    default:
        return {};
    }
}

int SampleListModel::columnOfSortField(const QString &field) {
    for (int c : {NameColumn, CreatedColumn, PriorityColumn}) {
        if (sortFieldOfColumn(c) == field)
            return c;
    }
    return -1;
}

QVariant SampleListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        // Says why a header does not sort: the list is sorted by the server, which knows a
        // few fields only (docs/api-contract.md §5.3).
        switch (section) {
        case NameColumn:
            return tr("Click to sort by name");
        case CreatedColumn:
            return tr("Click to sort by creation time");
        case PriorityColumn:
            return tr("Click to sort by priority");
        case StatusColumn:
            return tr("The API cannot sort by label status: filter by status instead");
        case TypeColumn:
            return tr("The API cannot sort by sample type");
        default:
            return tr("The API cannot sort by metadata: filter by it instead (key:value)");
        }
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    case TypeColumn:
        return tr("Type");
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
    if (m_scheduler.inFlightCount() == 0)
        fetch(m_filteredPagesFetched);
}

} // namespace segscope::models
