#pragma once

#include "api/result.h"
#include "pagefetchscheduler.h"
#include "pinnedrows.h"
#include "samplepagecache.h"
#include "samplerow.h"
#include "wire/contract.h"
#include "wire/sample.h"
#include "wire/samplequery.h"

#include <QAbstractTableModel>

namespace segscope::api {
class ApiClient;
}

namespace segscope::models {

//! The filters and sort of the sample list (docs/api-contract.md §5); kept per dataset by the
//! browser.
struct SampleFilter {
    QString nameContains;
    QStringList labelStatuses;
    QString labelset = wire::DefaultLabelset;
    QStringList metadataTerms; //!< key:value
    QString sortField = QStringLiteral("name");
    bool sortDescending = false;

    //! True when rows are a subset of the dataset, so the total is unknown until the end.
    bool narrows() const {
        return !nameContains.isEmpty() || !labelStatuses.isEmpty() || !metadataTerms.isEmpty();
    }
    bool operator==(const SampleFilter &) const = default;
};

//! The samples of one dataset as a virtual list. Unfiltered, it is sized to the dataset's
//! samples_count with placeholder rows whose pages are fetched when they are looked at, so a
//! jump to the end loads the end and nothing in between. Filtered (total unknown), it grows
//! page by page through canFetchMore/fetchMore. A generation counter drops replies that arrive
//! after the dataset or the filter changed; pages that leave the visible range are cancelled.
class SampleListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Role {
        UuidRole = Qt::UserRole + 1,
        NameRole,
        LabelStatusRole,
        ImageUrlRole,
        LoadedRole,
        KindTextRole, //!< SampleRow::kindText(): empty for a single image
    };
    enum Column {
        NameColumn,
        StatusColumn,
        TypeColumn, //!< the sample's kind ("image", "sequence · 24 frames", ...)
        CreatedColumn,
        PriorityColumn,
        FirstMetadataColumn
    };

    explicit SampleListModel(QObject *parent = nullptr);
    ~SampleListModel() override;

    //! Shows `dataset` (owner/name) with `totalSamples` rows (its samples_count).
    void setDataset(api::ApiClient *client, const QString &dataset, qint64 totalSamples);
    void setFilter(const SampleFilter &filter);
    const SampleFilter &filter() const { return m_filter; }
    //! Lists with the full label of the filter's labelset, so rows carry the bitmap URL (for
    //! thumbnails with label overlays). Turning it on refetches the pages in view without a
    //! reset (rows, scroll position and selection stay; a filtered list starts over); turning
    //! it off keeps what rows have and lists later pages without.
    void setIncludeFullLabel(bool include);
    bool includesFullLabel() const { return m_includeFullLabel; }
    QString dataset() const { return m_dataset; }

    //! The rows a view shows now: their pages are fetched first, others are cancelled.
    void setVisibleRows(int first, int last);
    //! The row, or nullptr while its page is not loaded.
    const SampleRow *row(int row) const;
    //! A sample just created (the upload dialog, a drop): shown at once as the first row, without
    //! resetting the list (scroll position and selection stay). The rows below keep their
    //! server order; pages already loaded are refreshed quietly, since the new sample shifted
    //! them, and the new sample is left out where the server lists it. Returns its row (0).
    int addSample(const wire::Sample &sample);
    //! Fetches the listed row of `uuid` again with the list's labelset (its label status and
    //! label changed: a status set, a label saved) and shows it in place. Unlisted: nothing.
    void refreshSample(const QString &uuid);
    //! Shows `status` as the label status of the listed row of `uuid` at once, without asking
    //! the server (a review decision on its way); false when the row is not loaded.
    bool setLabelStatus(const QString &uuid, const QString &status);
    //! How many rows at the top are samples added in this session.
    int addedCount() const { return m_pinned.size(); }
    //! The row of `uuid` among the loaded rows, or -1.
    int rowOfUuid(const QString &uuid) const;

    int pageSize() const { return m_pageSize; }
    void setPageSize(int size) { m_pageSize = size; }
    int loadedRowCount() const {
        return m_filter.narrows() ? int(m_filteredList.size()) : m_pages.rowCount();
    }
    bool isExhaustive() const { return !m_filter.narrows() || m_reachedEnd; }
    int pagesInFlight() const { return m_scheduler.inFlightCount(); }
    //! At most this many pages are kept; the ones farthest from view are dropped.
    void setMaxCachedPages(int pages) { m_maxCachedPages = pages; }

    //! The server-side sort field a column sorts by (docs/api-contract.md §5.3), empty for a
    //! column the API cannot sort by.
    static QString sortFieldOfColumn(int column);
    //! The column of a sort field, -1 for a field without a column (label updated).
    static int columnOfSortField(const QString &field);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    //! A page arrived (for status bars and benchmarks).
    void pageLoaded(int page);
    void loadFailed(const QString &message);
    //! The row count or the number of loaded rows changed.
    void countsChanged();

private:
    void reset();
    //! Asks the server how many samples the dataset has now and resizes the list to it: after
    //! addSample, whose sample the count given to setDataset may already have included (a
    //! create whose answer was lost and found again on resume).
    void refreshTotal();
    void setTotal(qint64 total);
    void requestPage(int page) const;
    void flushRequests();
    void fetch(int page);
    void onReply(int page, const api::Result<QList<wire::Sample>> &result);
    void onPage(int page, const QList<wire::Sample> &samples);
    void onPagedRows(int page, QList<SampleRow> rows);
    void onFilteredRows(QList<SampleRow> rows);
    //! The query of `page`; nullopt with `error` set when a metadata term is malformed.
    std::optional<wire::SampleQuery> queryFor(int page, QString *error) const;
    void noteMetadataKeys(const QList<wire::Sample> &samples);
    //! Puts `row` in place of the listed row with its uuid and tells the views; false when it
    //! is not listed.
    bool replaceListedRow(const SampleRow &row);
    //! The page at the middle of the view, which fetching and eviction count distances from.
    int middlePage() const;

    api::ApiClient *m_client = nullptr;
    QString m_dataset;
    qint64 m_total = 0;
    SampleFilter m_filter;
    bool m_includeFullLabel = false;
    int m_pageSize = 100;
    int m_maxCachedPages = 400;
    quint64 m_generation = 0;
    api::CallHandle m_totalCall;

    PinnedRows m_pinned;
    // Unfiltered mode: a virtual list of m_total rows cut into server pages.
    SamplePageCache m_pages;
    //! Asked for by data(), which is const: fetching is not part of the model's visible state.
    mutable PageFetchScheduler m_scheduler;
    int m_visibleFirst = 0; //!< server positions
    int m_visibleLast = -1;
    // Filtered mode (total unknown): rows appended page by page, pinned ones left out.
    QList<SampleRow> m_filteredList;
    int m_filteredPagesFetched = 0;
    bool m_reachedEnd = false;

    QStringList m_metadataKeys;
    //! uuid -> model row of the loaded rows, rebuilt by rowOfUuid when a look-up misses.
    mutable QHash<QString, int> m_rowIndex;
};

} // namespace segscope::models
