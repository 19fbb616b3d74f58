#include "upload/uploadcontroller.h"

#include "api/samplesapi.h"
#include "upload/uploaddialog.h"
#include "upload/uploadqueue.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QMimeData>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

bool isImageUrl(const QUrl &url) {
    return url.scheme() == "http"_L1 || url.scheme() == "https"_L1;
}

} // namespace

UploadController::UploadController(QObject *parent)
    : QObject(parent) {}

UploadController::~UploadController() = default;

QString UploadController::stateFileFor(const QUrl &baseUrl) {
    const QByteArray id =
        QCryptographicHash::hash(baseUrl.toString(QUrl::StripTrailingSlash).toUtf8(),
                                 QCryptographicHash::Sha1)
            .toHex()
            .left(12);
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           u"/uploads/queue-"_s + QString::fromLatin1(id) + u".json"_s;
}

void UploadController::setClient(api::ApiClient *client, const QUrl &baseUrl) {
    m_queue.reset();
    m_client = client;
    if (!client)
        return;
    const QString state = stateFileFor(baseUrl);
    QDir().mkpath(QFileInfo(state).path());
    m_queue = std::make_unique<upload::UploadQueue>(*client, state);
    connect(m_queue.get(), &upload::UploadQueue::itemChanged, this,
            &UploadController::onItemChanged);
    const QList<upload::UploadItem> items = m_queue->items();
    if (std::any_of(items.begin(), items.end(), [](const auto &i) { return !i.isFinished(); })) {
        emit message(tr("Resuming the uploads that were interrupted"));
        emit bulkStarted();
        m_queue->start();
    }
}

void UploadController::openDialog(QWidget *parent, const QString &file, const QUrl &url) {
    if (!m_queue || m_dataset.fullName.isEmpty()) {
        emit message(tr("Open a dataset first: samples are added to the open dataset."));
        return;
    }
    auto *dialog = new UploadDialog(*m_client, *m_queue, m_dataset, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!file.isEmpty())
        dialog->setImageFile(file);
    else if (url.isValid())
        dialog->setImageUrl(url);
    connect(dialog, &UploadDialog::sampleAdded, this, [this](const QString &uuid) {
        api::getSample(*m_client, uuid, QString(), this, [this](api::Result<wire::Sample> r) {
            if (r.ok())
                emit sampleAdded(r.value(), true);
        });
    });
    dialog->open();
}

bool UploadController::canAccept(const QMimeData *mime) const {
    if (!m_queue || !mime->hasUrls())
        return mime->hasImage() && m_queue;
    const QList<QUrl> urls = mime->urls();
    return std::any_of(urls.begin(), urls.end(),
                       [](const QUrl &u) { return u.isLocalFile() || isImageUrl(u); });
}

void UploadController::acceptDrop(QWidget *parent, const QMimeData *mime) {
    if (!mime->hasUrls() && mime->hasImage())
        return pasteImage(parent, qvariant_cast<QImage>(mime->imageData()));
    QStringList files;
    QList<QUrl> remote;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            files.append(url.toLocalFile());
        else if (isImageUrl(url))
            remote.append(url);
    }
    if (files.size() + remote.size() == 1)
        return openDialog(parent, files.value(0), remote.value(0));
    enqueueFiles(files, remote);
}

void UploadController::pasteImage(QWidget *parent, const QImage &image) {
    if (image.isNull())
        return;
    const QString dir =
        QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/pasted"_s;
    QDir().mkpath(dir);
    const QString path = dir + u"/pasted-"_s +
                         QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s) + u".png"_s;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        emit message(tr("Could not keep the pasted image: %1").arg(file.errorString()));
        return;
    }
    openDialog(parent, path);
}

void UploadController::enqueueFiles(const QStringList &paths, const QList<QUrl> &urls) {
    if (!m_queue || m_dataset.fullName.isEmpty()) {
        emit message(tr("Open a dataset first: samples are added to the open dataset."));
        return;
    }
    for (const QString &path : paths) {
        upload::UploadItem item;
        item.dataset = m_dataset.fullName;
        item.filePath = path;
        item.sampleName = QFileInfo(path).fileName();
        m_queue->enqueue(std::move(item));
    }
    for (const QUrl &url : urls) {
        upload::UploadItem item;
        item.dataset = m_dataset.fullName;
        item.imageUrl = url;
        item.sampleName = url.fileName();
        m_queue->enqueue(std::move(item));
    }
    emit bulkStarted();
    m_queue->start();
}

void UploadController::onItemChanged(const QString &id) {
    const std::optional<upload::UploadItem> item = m_queue->item(id);
    if (!item || item->state != upload::UploadItem::State::Done || item->sampleUuid.isEmpty())
        return;
    api::getSample(*m_client, item->sampleUuid, QString(), this,
                   [this](api::Result<wire::Sample> r) {
                       if (r.ok())
                           emit sampleAdded(r.value(), false);
                   });
}

} // namespace segscope::ui
