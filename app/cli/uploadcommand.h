#pragma once

#include "command.h"

#include <QJsonObject>
#include <QLockFile>
#include <QSet>

#include <memory>

namespace segscope::upload {
class UploadQueue;
struct UploadItem;
struct UploadSummary;
} // namespace segscope::upload

namespace segscope::cli {

//! `segscope upload OWNER/NAME FILE... [--metadata K=V ...] [--labelset NAME --bitmap-suffix
//! _label.png] [--concurrency N]`: the upload queue without a display. One line per file as it
//! finishes (`added photo.jpg <uuid>`, `skipped photo.jpg: already exists`, `failed photo.jpg:
//! <reason>`), then `3 added, 1 skipped, 0 failed`; exit 1 when any failed.
//!
//! The queue persists itself in <cache>/upload-queue-cli.json, removed when a run ends. A run
//! that was killed leaves it behind; the next run of the same files resumes it: finished files
//! are reported as they ended, unfinished ones continue after their last completed step, and
//! unfinished files that the new run does not name are forgotten (the name check makes any rerun
//! safe anyway). Two runs at once are refused (a lock file next to the state).
//!
//! Labels: for photo.jpg, photo<suffix> next to it is the bitmap and the same name ending in
//! .json instead of .png the annotations (any shape upload::AnnotationFile reads: a list of
//! annotations, an object with `annotations`, a whole label or a sample with its label). A
//! missing bitmap or a missing JSON uploads the image without a label and says so on
//! stderr; an unreadable JSON fails that file. File arguments that are themselves such bitmaps
//! or JSON files are not uploaded as samples.
class UploadCommand : public Command {
    Q_OBJECT

public:
    // Out of line, where the queue's type is complete.
    explicit UploadCommand(QObject *parent = nullptr);
    ~UploadCommand() override;

    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;
    void start(api::ApiClient &client) override;

    //! <CacheLocation>/upload-queue-cli.json
    static QString stateFilePath();
    //! `true`/`false` become booleans, finite numbers numbers, anything else a string: the
    //! rule of upload::TypedMetadata::inferValue(), which this forwards to.
    static QJsonValue typedValue(const QString &text);

private:
    struct FileArgument {
        QString argument; //!< as typed, for the output lines
        QString path;     //!< absolute
        QString bitmapPath;
        QJsonObject labelAttributes;
        QString labelError; //!< the annotations file could not be used: the file fails
        QString id;         //!< its item in the queue
    };

    void findLabel(FileArgument &file) const;
    void resumeOrEnqueue();
    void printFinished(const upload::UploadItem &item);
    void onIdle(const upload::UploadSummary &summary);

    QString m_dataset;
    QList<FileArgument> m_files;
    QJsonObject m_metadata;
    QString m_labelset;
    QString m_bitmapSuffix;
    int m_concurrency = 3;
    int m_failedBeforeStart = 0;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<upload::UploadQueue> m_queue;
    QHash<QString, QString> m_argumentOf; //!< item id -> file argument
    QSet<QString> m_printed;              //!< item ids whose line was written
};

} // namespace segscope::cli
