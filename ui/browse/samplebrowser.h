#pragma once

#include "models/samplelistmodel.h"
#include "wire/dataset.h"

#include <QWidget>

class QMenu;
class QStackedWidget;

namespace segscope::api {
class ApiClient;
}
namespace segscope::models {
class ThumbnailCache;
}

namespace segscope::ui {

class SampleDelegate;
class SampleFilterBar;
class SampleGridView;
class SampleListMessage;
class SampleTableView;

//! The samples of the open dataset: the filter bar over a thumbnail grid and a table that share
//! one model and one selection. Keeps each dataset's filter, view mode and label overlay across
//! runs. The current sample follows the list: a filter that leaves it out moves it to the first
//! row, or to none (currentSampleChanged("")) when nothing matches; an empty, loading or failed
//! list says so over the views.
class SampleBrowser : public QWidget {
    Q_OBJECT

public:
    explicit SampleBrowser(QWidget *parent = nullptr);
    ~SampleBrowser() override;

    //! The client the list and thumbnails use; nullptr empties the browser.
    void setClient(api::ApiClient *client);
    models::ThumbnailCache *thumbnails() const;
    //! Opens `dataset`; its first sample becomes current once listed, unless `selectFirst` is
    //! false (the window opens straight at another sample).
    void showDataset(const wire::Dataset &dataset, bool selectFirst = true);
    //! Makes `uuid` the current sample once its row is listed (opening at a sample).
    void selectWhenListed(const QString &uuid);
    const wire::Dataset &dataset() const { return m_dataset; }
    models::SampleListModel *model() const { return m_model; }
    SampleGridView *gridView() const { return m_grid; }
    QString currentUuid() const;
    //! The selected samples (Ctrl and Shift clicks, Shift+arrows, Ctrl+A) in list order; rows
    //! whose page is not loaded are left out.
    QStringList selectedUuids() const;
    //! A sample just created in this dataset: listed at the top at once (no reload); `select`
    //! makes it the current sample.
    void addSample(const wire::Sample &sample, bool select);
    //! The label of `uuid` changed elsewhere (its status set, a label saved): its row is read
    //! again, and the dataset's counts are stale (datasetCountsChanged).
    void refreshSample(const QString &uuid);
    //! Moves the current sample `delta` rows (the detail pane's previous/next).
    void stepCurrent(int delta);
    //! The uuid `delta` rows from the current one, empty when that row is not loaded.
    QString uuidNear(int delta) const;
    void focusSearch();

    //! A filmstrip: no filter bar, the grid as one row of small thumbnails (the focus mode's);
    //! false restores the grid or table and the filter bar as they were.
    void setFilmstrip(bool on);
    bool isFilmstrip() const { return m_filmstrip; }
    QSize sizeHint() const override;

    //! The labelset whose statuses (and labels on thumbnails) are shown.
    QString labelset() const;
    //! Shows `labelset` when the dataset has it (the window's one choice); no labelsetChanged.
    void setLabelset(const QString &labelset);

    //! An evaluation's per-sample mean IoU by uuid, on the thumbnails' badges; empty removes
    //! them.
    void setSampleScores(const QHash<QString, double> &meanIoUByUuid);
    //! Makes `uuid` the current sample when its row is loaded; false when it is not listed.
    bool selectIfListed(const QString &uuid);

    //! The grid's cell widths, smallest first (Ctrl+- and Ctrl+= step through them).
    static const QList<int> &thumbnailSizes();
    //! The index in thumbnailSizes() shown now.
    int thumbnailStep() const { return m_thumbnailStep; }
    //! Shows and remembers a thumbnail size step (clamped).
    void setThumbnailStep(int step);

signals:
    void sampleActivated(const QString &uuid);
    //! The current sample; "" when the list has none (nothing matches, an empty dataset).
    void currentSampleChanged(const QString &uuid);
    //! "200 samples · 37 loaded" and the like, for the status bar.
    void countsChanged(const QString &text);
    //! The dataset's sample count changed here (a sample was added): its row in the dataset
    //! list is stale.
    void datasetCountsChanged(const QString &fullName);
    //! The user picked a labelset in the filter bar (not emitted for setLabelset).
    void labelsetChanged(const QString &labelset);
    //! A short message for the status bar (why a table header does not sort).
    void statusMessage(const QString &text);
    //! The context menu of the grid or the table is about to open on `uuids` (the clicked
    //! sample, or the selection it is part of): connected directly, a slot may add to it.
    void contextMenuRequested(QMenu *menu, const QStringList &uuids);

private:
    void applyFilter(const models::SampleFilter &filter);
    void setTableMode(bool table);
    //! Shows the table or the grid, without remembering it as the dataset's mode.
    void showView(bool table);
    void selectRow(int row);
    //! Emits currentSampleChanged(uuid) unless the pane was told the same already.
    void announceCurrent(const QString &uuid);
    void onPageLoaded();
    //! The message over the views and, when the list turned out empty, no current sample.
    void updateListState();
    void clearFilters();
    void sortBy(const QString &field, bool descending);
    //! Labels on thumbnails: lists with full labels and draws them over the grid's thumbnails.
    void setLabelOverlay(bool on);
    SampleDelegate *delegate() const;
    void retainVisibleThumbnails(int first, int last);
    void copyCurrentUuid();
    void showContextMenu(const QPoint &globalPos, const QModelIndex &index);
    void updateTableVisibleRows();
    void reportCounts();
    bool eventFilter(QObject *watched, QEvent *event) override;

    api::ApiClient *m_client = nullptr;
    bool m_selectFirst = true;
    QString m_selectWhenListed;
    //! The sample that was current when the filter changed: current again if still listed.
    QString m_followUuid;
    QString m_announcedUuid; //!< what currentSampleChanged said last
    QString m_failure;       //!< why the list could not be had, until it is reset
    bool m_filmstrip = false;
    bool m_tableBeforeFilmstrip = false;
    int m_thumbnailStep = 2;
    wire::Dataset m_dataset;
    models::SampleListModel *m_model;
    models::ThumbnailCache *m_thumbnails = nullptr;
    SampleFilterBar *m_filterBar;
    QStackedWidget *m_views;
    SampleGridView *m_grid;
    SampleTableView *m_table;
    SampleListMessage *m_message; //!< over the views: no matches, no samples, loading, failed
};

} // namespace segscope::ui
