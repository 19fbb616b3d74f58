#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace segscope::upload {

//! One sample to add. Either filePath (a local image, uploaded as an asset) or imageUrl (a remote
//! image: the sample is created with that url, nothing uploaded).
struct UploadItem {
    enum class State {
        Queued,
        CheckingName,
        CreatingAsset,
        Uploading,
        CreatingSample,
        UploadingBitmap,
        PuttingLabel,
        Done,
        Skipped,
        Failed,
        Cancelled
    };

    QString id;       //!< stable id in the queue (QUuid), set by enqueue()
    QString dataset;  //!< owner/name
    QString filePath; //!< or
    QUrl imageUrl;
    QString sampleName; //!< defaults to the file name (or the URL's) when empty
    QJsonObject metadata;
    double priority = 0;
    //! Optional label for one labelset: a segmentation bitmap PNG plus label attributes
    //! (format_version + annotations), put after the sample is created. Without bitmapPath the
    //! attributes are put as they are (a vector label).
    QString labelset;
    QString bitmapPath;
    QJsonObject labelAttributes; //!< without segmentation_bitmap; the pipeline adds its url
    QString labelStatus;         //!< default "PRELABELED"

    // Progress, persisted:
    State state = State::Queued;
    QString error; //!< why Failed / Skipped, one line
    qint64 bytesSent = 0, bytesTotal = 0;
    QString assetUrl;   //!< set once the image upload succeeded (never uploaded again)
    QString bitmapUrl;  //!< same for the bitmap
    QString sampleUuid; //!< set once the sample exists
    int attempts = 0;   //!< transient failures retried so far
    //! A sample create was sent at least once: a sample of that name whose image is ours is then
    //! the one we created (its response may have been lost).
    bool createSent = false;
    bool labelDone = false; //!< the label was put (or there is none to put)

    QJsonObject toJson() const;
    static UploadItem fromJson(const QJsonObject &o);
    //! Done, Skipped, Failed, Cancelled
    bool isFinished() const;
    bool hasLabel() const { return !labelset.isEmpty(); }
    //! The url the sample's attributes.image.url carries (the asset's, or imageUrl).
    QString sampleImageUrl() const;
};

//! What a finished run did.
struct UploadSummary {
    int added = 0, skipped = 0, failed = 0, cancelled = 0;
    QStringList failures; //!< "name: reason"
};

//! "queued", "checking-name", ... (the persisted form, also fine for logs).
QString stateName(UploadItem::State state);
//! Words for a person: "Checking the name", "Uploading", ...
QString stateText(UploadItem::State state);

} // namespace segscope::upload

Q_DECLARE_METATYPE(segscope::upload::UploadSummary)
