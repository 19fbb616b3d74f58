#pragma once

#include "compare/evaluationresults.h"
#include "models/samplelistmodel.h"
#include "wire/dataset.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QToolButton;
class QTreeWidget;

namespace segscope::api {
class ApiClient;
}
namespace segscope::evaluate {
class DatasetEvaluation;
}

namespace segscope::ui {

class EvaluationHeatMap;
class EvaluationHistogram;
class EvaluationIoUBars;

//! The evaluation dock: two labelsets of the open dataset compared over the samples the
//! browser lists (its filter), in the background with progress and cancel. Shows the figures
//! as they come in, the confusion matrix as a heat map, each category's IoU and a histogram of
//! the samples' mean IoU, and a list of samples: all of them worst first, or those of a clicked
//! confusion cell (most pixels first) or histogram bin. The list drives the viewer like the
//! grid does (sampleSelected, sampleActivated); the per-sample mean IoU goes to the grid's
//! badges (scoresChanged).
class EvaluationPanel : public QWidget {
    Q_OBJECT

public:
    explicit EvaluationPanel(QWidget *parent = nullptr);
    ~EvaluationPanel() override;

    //! nullptr cancels a run and disables evaluating.
    void setClient(api::ApiClient *client);
    //! The dataset whose labelsets are offered (reference ground-truth, candidate the first
    //! other); forgets the results of another dataset.
    void setDataset(const wire::Dataset &dataset);
    //! What "the listed samples" are, asked at each start: the browser's filter.
    void setFilterSource(std::function<models::SampleFilter()> source);
    //! Where results are kept between runs (empty: no disk cache).
    void setCacheDirectory(const QString &directory) { m_cacheDirectory = directory; }

    //! Evaluates the listed samples with the chosen labelsets.
    void start();
    void cancel();
    bool isRunning() const;

    //! Shows results (a run's as they come in; tests and screenshots give values).
    void showResults(const EvaluationResults &results, int cachedCount = 0);
    const EvaluationResults &results() const { return m_results; }

signals:
    //! A sample chosen in the list (a click): the viewer shows it.
    void sampleSelected(const QString &uuid);
    //! A sample activated in the list (Enter, a double click): the viewer takes the window.
    void sampleActivated(const QString &uuid);
    //! The evaluated samples' mean IoU by uuid; empty when there are no results.
    void scoresChanged(const QHash<QString, double> &meanIoUByUuid);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class ListMode { Worst, Cell, Bin };
    void refreshFromRun();
    void showList(ListMode mode, int a = -1, int b = -1);
    void setRunning(bool running);
    void updateStartEnabled();
    QString className(int slot) const;

    api::ApiClient *m_client = nullptr;
    wire::Dataset m_dataset;
    std::function<models::SampleFilter()> m_filterSource;
    QString m_cacheDirectory;
    QPointer<evaluate::DatasetEvaluation> m_run;
    EvaluationResults m_results;
    QTimer m_refresh; //!< coalesces the redraws of a run's samples
    ListMode m_listMode = ListMode::Worst;
    int m_listA = -1;
    int m_listB = -1;
    bool m_rebuildingList = false;
    bool m_pressing = false;   //!< a mouse button is down on the list
    bool m_pressShown = false; //!< the press of the click under way made its item current

    QComboBox *m_reference;
    QComboBox *m_candidate;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_pixelAccuracy;
    QLabel *m_meanIoU;
    QLabel *m_presence;
    QLabel *m_cached;
    QTabWidget *m_tabs;
    EvaluationHeatMap *m_heatMap;
    EvaluationIoUBars *m_bars;
    EvaluationHistogram *m_histogram;
    QLabel *m_listCaption;
    QToolButton *m_showAll;
    QTreeWidget *m_list;
};

} // namespace segscope::ui
