#pragma once

#include "api/apierror.h"
#include "api/call.h"
#include "labels/labelcomparison.h"
#include "wire/samplequery.h"
#include "wire/taskattributes.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <array>
#include <memory>
#include <vector>

namespace segscope::api {
class ApiClient;
}

namespace segscope::evaluate {

//! One entry of a sparse confusion matrix keyed by category id (labels::BackgroundCategory for
//! background), so per-sample results do not depend on any class table's order.
struct ConfusionEntry {
    qint64 reference = labels::BackgroundCategory;
    qint64 candidate = labels::BackgroundCategory;
    qint64 pixels = 0;
    bool operator==(const ConfusionEntry &) const = default;
};

//! What one sample contributed to an evaluation.
struct SampleEvaluation {
    enum class Presence {
        Both,          //!< both labels: figures computed
        ReferenceOnly, //!< no candidate label
        CandidateOnly, //!< no reference label
        Neither,
        Failed, //!< a label, its bitmap or the comparison failed: `error` says why
    };
    QString uuid;
    QString name;
    Presence presence = Presence::Neither;
    QDateTime referenceUpdatedAt; //!< the cache key, with the candidate's
    QDateTime candidateUpdatedAt;
    std::vector<ConfusionEntry> confusion; //!< non-zero entries only; empty unless Both
    double meanIoU = 0;                    //!< NaN when neither label has a category
    double pixelAccuracy = 0;
    qint64 referenceUnannotatedPixels = 0;
    qint64 candidateUnannotatedPixels = 0;
    QStringList defects; //!< e.g. the candidate was resized
    QString error;       //!< Failed only
    //! The per-sample matrix over `classes` (extended with unknown categories).
    labels::ConfusionMatrix matrix(const labels::CompareClasses &classes) const;
};

//! What is evaluated: a dataset (or the samples a filter lists) and two labelsets.
struct EvaluationSpec {
    QString dataset; //!< owner/name
    QString reference = QStringLiteral("ground-truth");
    QString candidate;
    wire::SampleQuery query; //!< filters and sort; page and per_page are the walk's
    QString cacheDirectory;  //!< empty: no disk cache
};

//! Evaluates a dataset: walks the listed samples (the reference labels come with the listing),
//! fetches each candidate label, downloads both bitmaps, compares them on
//! threading::backgroundPool() (a few samples in flight, so memory stays flat however long
//! the dataset) and reports each sample as it is done. Results are cached on disk keyed by the
//! sample and both labels' updated_at, so a rerun recomputes only what changed and a restart
//! keeps them. The same code serves the GUI's evaluation panel and `segscope evaluate`.
class DatasetEvaluation : public QObject {
    Q_OBJECT
public:
    explicit DatasetEvaluation(QObject *parent = nullptr);
    ~DatasetEvaluation() override;

    //! Starts (the dataset's task attributes are fetched first). Ends with finished() or
    //! failed(); cancel() ends it with neither.
    void start(api::ApiClient &client, const EvaluationSpec &spec);
    void cancel();
    bool isRunning() const;

    const EvaluationSpec &spec() const { return m_spec; }
    const wire::TaskAttributes &task() const { return m_task; }
    //! The dataset matrix so far: the sum of every evaluated sample's.
    const labels::ConfusionMatrix &matrix() const { return m_matrix; }
    //! Every sample reported so far, in listing order.
    const std::vector<SampleEvaluation> &samples() const { return m_samples; }
    //! Samples by presence (indexed by SampleEvaluation::Presence).
    std::array<int, 5> presenceCounts() const;
    //! How many of the samples came from the disk cache.
    int cachedCount() const { return m_cached; }

signals:
    //! `done` samples evaluated of `total` listed so far (`total` grows while listing).
    void progress(int done, int total);
    void sampleEvaluated(const segscope::evaluate::SampleEvaluation &sample);
    void finished();
    void failed(const segscope::api::ApiError &error);

private:
    struct Run;
    EvaluationSpec m_spec;
    wire::TaskAttributes m_task;
    labels::ConfusionMatrix m_matrix;
    std::vector<SampleEvaluation> m_samples;
    int m_cached = 0;
    std::shared_ptr<Run> m_run;
};

} // namespace segscope::evaluate
