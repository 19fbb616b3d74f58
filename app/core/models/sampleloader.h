#pragma once

#include "api/result.h"
#include "labels/bitmapstatistics.h"
#include "labels/labelfacts.h"
#include "labels/labeloverlay.h"
#include "mailbox.h"
#include "wire/label.h"
#include "wire/sample.h"

#include <QHash>
#include <QImage>
#include <QObject>

#include <memory>

namespace segscope::api {
class ApiClient;
}

namespace segscope::models {

//! Everything the detail pane shows of one sample in one labelset. Each part that could not be
//! had carries its reason instead; a defect in one part never hides the others.
struct LoadedSample {
    wire::Sample sample;
    QString labelset;
    //! nullopt with an empty labelError: the sample has no label in this labelset.
    std::optional<wire::Label> label;
    QString labelError;
    QImage image; //!< RGB32 or ARGB32_Premultiplied, ready to draw
    QString imageError;
    //! The segmentation bitmap decoded and indexed; null without one.
    std::shared_ptr<const labels::LabelOverlay> overlay;
    labels::BitmapStatistics statistics;
    //! Why a segmentation label has no overlay: no bitmap (e.g. SKIPPED), or a decode error.
    QString bitmapError;
    //! The label's legend, instances and defects (bitmap or vector shapes), computed once on
    //! the loader's thread. Its defects also list what could not be loaded (image, label,
    //! bitmap), first.
    labels::LabelFacts facts;

    //! The frame shown, for an image sequence (its image is `image`, its label `shownLabel()`).
    int frame = 0;

    //! The size the view spans: the image's, else the bitmap's.
    QSize contentSize() const;
    //! How many frames an image sequence has; 0 for every other kind.
    int frameCount() const;
    //! What is drawn: the label's attributes, or a sequence label's attributes of the shown
    //! frame (empty past its last frame or without a label).
    const wire::LabelAttributes &shownLabel() const;
};

//! Loads samples for the detail pane: the sample, its label, the image and the bitmap fetched
//! together, both decoded on threading::detailPool() (the bitmap through the fast decoder and
//! indexed into a LabelOverlay), then the label's statistics and facts computed there once
//! both are in, so the GUI thread only ever receives finished values. Keeps the few most recent
//! results, and prefetches neighbours so stepping through samples is immediate.
class SampleLoader : public QObject {
    Q_OBJECT

public:
    explicit SampleLoader(QObject *parent = nullptr);
    ~SampleLoader() override;

    //! The client to load with (nullptr: stop everything) and the dataset's categories.
    void setClient(api::ApiClient *client);
    void setTask(const wire::TaskAttributes &task);
    //! How many finished samples are kept (the current one and its neighbours).
    void setCacheSize(int entries) { m_cacheSize = entries; }

    //! Loads the sample the pane shows; ends with loaded() or failed(). Loads of other samples
    //! that are neither this one nor a prefetch are cancelled.
    void load(const QString &uuid, const QString &labelset);
    //! Warms the cache with a sample the user is likely to open next.
    void prefetch(const QString &uuid, const QString &labelset);
    //! True when `uuid` in `labelset` is loaded already (cached or prefetched).
    bool isCached(const QString &uuid, const QString &labelset) const;
    //! Drops the cached results (e.g. after the label was changed elsewhere).
    void clear();

    //! Loads frame `frame` of `sequence` (an image sequence load() delivered): the frame's image
    //! and its label's bitmap, decoded and indexed like a sample's, with the facts of that frame.
    //! Ends with frameLoaded(). Frame loads other than this one and the frame prefetch are
    //! cancelled; loading another sample cancels them all.
    void loadFrame(const std::shared_ptr<const LoadedSample> &sequence, int frame);
    //! Warms the frame cache with the frame the user is likely to step to next.
    void prefetchFrame(const std::shared_ptr<const LoadedSample> &sequence, int frame);

signals:
    //! What is being fetched, for a status line ("Downloading the image…").
    void progress(const QString &uuid, const QString &what);
    void loaded(std::shared_ptr<const segscope::models::LoadedSample> sample);
    //! The sample itself could not be had (not found, no connection).
    void failed(const QString &uuid, const QString &message);
    //! A frame asked for with loadFrame() is ready (LoadedSample::frame says which).
    void frameLoaded(std::shared_ptr<const segscope::models::LoadedSample> frame);

private:
    struct Job;
    using Mailbox = models::Mailbox<SampleLoader>;

    static QString keyOf(const QString &uuid, const QString &labelset);
    static QString frameKeyOf(const LoadedSample &sequence, int frame);
    void start(const QString &uuid, const QString &labelset);
    void startFrame(const std::shared_ptr<const LoadedSample> &sequence, int frame);
    void startBitmap(const QString &key);
    void onSample(const QString &key, api::Result<wire::Sample> result);
    void onLabel(const QString &key, api::Result<wire::Label> result);
    void onImageBytes(const QString &key, api::Result<QByteArray> result);
    void onBitmapBytes(const QString &key, api::Result<QByteArray> result);
    void finishPart(const QString &key);
    void deliver(const QString &key, const std::shared_ptr<LoadedSample> &result);
    using Cache = QList<std::pair<QString, std::shared_ptr<const LoadedSample>>>;
    //! Delivers `key` from `cache` on the next turn, like a fetched result (so callers see one
    //! behaviour), through `signal` if `*current` still names it; false when it is not cached.
    bool deliverCached(const Cache &cache, const QString &key, const QString SampleLoader::*current,
                       void (SampleLoader::*signal)(std::shared_ptr<const LoadedSample>));
    void remember(QList<std::pair<QString, std::shared_ptr<const LoadedSample>>> &cache, int size,
                  const QString &key, std::shared_ptr<const LoadedSample> sample);
    void cancelJobsExcept(const QString &keep1, const QString &keep2);

    api::ApiClient *m_client = nullptr;
    wire::TaskAttributes m_task;
    std::shared_ptr<Mailbox> m_mailbox;
    QHash<QString, std::shared_ptr<Job>> m_jobs;
    QList<std::pair<QString, std::shared_ptr<const LoadedSample>>> m_cache; //!< newest last
    QString m_current;  //!< key of the sample the pane waits for
    QString m_prefetch; //!< key of the last prefetch
    QList<std::pair<QString, std::shared_ptr<const LoadedSample>>> m_frameCache; //!< newest last
    QString m_frameCurrent;  //!< key of the frame the pane waits for
    QString m_framePrefetch; //!< key of the last frame prefetch
    int m_cacheSize = 3;
};

} // namespace segscope::models
