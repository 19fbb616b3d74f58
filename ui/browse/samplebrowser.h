#pragma once

#include "models/samplelistmodel.h"
#include "wire/dataset.h"

#include <QWidget>

class QStackedWidget;
class QTableView;

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

//! The samples of the open dataset: the filter bar over a thumbnail grid and a table that share
//! one model and one selection. Keeps each dataset's filter, view mode and label overlay across
//! runs.
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
    //! A sample just created in this dataset: listed at the top at once (no reload); `select`
    //! makes it the current sample.
    void addSample(const wire::Sample &sample, bool select);
    //! Moves the current sample `delta` rows (the detail pane's previous/next).
    void stepCurrent(int delta);
    //! The uuid `delta` rows from the current one, empty when that row is not loaded.
    QString uuidNear(int delta) const;
    void focusSearch();

signals:
    void sampleActivated(const QString &uuid);
    void currentSampleChanged(const QString &uuid);
    //! "200 samples · 37 loaded" and the like, for the status bar.
    void countsChanged(const QString &text);

private:
    void applyFilter(const models::SampleFilter &filter);
    void setTableMode(bool table);
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
    wire::Dataset m_dataset;
    models::SampleListModel *m_model;
    models::ThumbnailCache *m_thumbnails = nullptr;
    SampleFilterBar *m_filterBar;
    QStackedWidget *m_views;
    SampleGridView *m_grid;
    QTableView *m_table;
};

} // namespace segscope::ui
