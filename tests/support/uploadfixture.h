#pragma once

#include <QHash>

#include "faultproxy.h"
#include "serverfixture.h"
#include "uploadfiles.h"

#include "upload/uploadqueue.h"

#include <memory>

namespace segscope::test {

//! The upload tests' world: segscope-server in-process with user `ann` and dataset ann/photos
//! (categories 1 car, 2 road), a FaultProxy in front of it, and a client that talks to the proxy
//! with retry timings shortened to milliseconds.
class UploadFixture {
public:
    static constexpr int Bound = 30000;
    static inline const QString Dataset = QStringLiteral("ann/photos");
    static inline const QString SamplesPath = QStringLiteral("/datasets/ann/photos/samples/");

    UploadFixture();
    ~UploadFixture();

    bool start(QString *error);
    api::ClientOptions clientOptions() const;

    //! A queue on the fixture's client (or `other`), with the short retry policy.
    std::unique_ptr<upload::UploadQueue> queue(const QString &stateFile = {},
                                               api::ApiClient *other = nullptr);
    //! Starts the queue and waits for idle(); false on timeout.
    static bool run(upload::UploadQueue &queue, upload::UploadSummary *summary = nullptr,
                    int timeoutMs = Bound);

    QString path(const QString &name) const { return m_files.filePath(name); }
    //! A noise JPEG written under the files folder; returns its path.
    QString writeJpeg(const QString &name, quint32 seed, int width = 64, int height = 48);
    QString write(const QString &name, const QByteArray &bytes);
    //! An item for ann/photos from a file.
    upload::UploadItem item(const QString &filePath) const;

    //! Straight from the server (not through the proxy): a sample of that name with a remote
    //! image, as someone else would have added it.
    bool addSample(const QString &name);
    QJsonArray samples();
    int countNamed(const QString &name);
    QJsonObject sampleNamed(const QString &name);
    HttpResult label(const QString &sampleUuid, const QString &labelset);
    //! An asset's bytes, fetched from the server by the url's path.
    QByteArray download(const QString &url);
    //! Files in the server's asset store: uploads that reached it.
    int storedAssets() const;
    //! The text of a file (the state file).
    static QByteArray readAll(const QString &path);
    //! The state of each item as a queue's state file holds it, by sample name.
    static QHash<QString, QString> persistedStates(const QString &stateFile);

    ServerFixture server;
    std::unique_ptr<FaultProxy> proxy;
    std::unique_ptr<api::ApiClient> client;
    QString key;

private:
    QTemporaryDir m_files;
};

} // namespace segscope::test
