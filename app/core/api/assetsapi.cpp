#include "assetsapi.h"
#include "typedcall.h"

#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QTimer>

using namespace Qt::StringLiterals;
using segscope::wire::File;

namespace segscope::api {

namespace {

QHttpPart formField(const QString &name, const QByteArray &value) {
    QHttpPart part;
    part.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QByteArray("form-data; name=\"" + name.toUtf8() + '"'));
    part.setBody(value);
    return part;
}

// Builds the form for one attempt; the file is streamed from disk by the reply, never loaded.
QHttpMultiPart *buildUploadForm(const File &file, const QString &path) {
    auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    for (const auto &[name, value] : file.uploadFields)
        multipart->append(formField(name, value.toUtf8()));
    auto *device = new QFile(path, multipart);
    device->open(QIODevice::ReadOnly); // checked before the first attempt
    QHttpPart filePart;
    const QString filename = QFileInfo(path).fileName();
    filePart.setHeader(
        QNetworkRequest::ContentDispositionHeader,
        QByteArray("form-data; name=\"file\"; filename=\"" + filename.toUtf8() + '"'));
    filePart.setHeader(QNetworkRequest::ContentTypeHeader,
                       QMimeDatabase().mimeTypeForFile(path).name().toLatin1());
    filePart.setBodyDevice(device);
    multipart->append(filePart);
    return multipart;
}

} // namespace

CallHandle createAsset(ApiClient &client, const QString &filename, QObject *context,
                       Callback<File> done) {
    return callValue(
        client, ApiRequest::withJson("POST", u"/assets/"_s, QJsonObject{{"filename"_L1, filename}}),
        context, std::move(done));
}

CallHandle uploadAsset(ApiClient &client, const File &file, const QString &path, QObject *context,
                       std::function<void(qint64, qint64)> progress, Callback<Done> done) {
    QFile probe(path);
    if (!probe.open(QIODevice::ReadOnly)) {
        ApiError error;
        error.kind = ApiError::Kind::Invalid;
        error.message = u"cannot read %1: %2"_s.arg(path, probe.errorString());
        // Reported asynchronously like every other result.
        QTimer::singleShot(0, context, [done = std::move(done), error] { done(error); });
        return {};
    }
    ApiRequest request;
    request.target = ApiRequest::Target::Storage;
    request.method = "POST";
    request.url = QUrl(file.uploadUrl);
    request.multipart = [file, path] {
        return buildUploadForm(file, path);
    };
    request.uploadProgress = std::move(progress);
    return callDone(client, std::move(request), context, std::move(done));
}

CallHandle downloadAsset(ApiClient &client, const QUrl &url, QObject *context,
                         Callback<QByteArray> done) {
    ApiRequest request;
    request.target = ApiRequest::Target::Asset;
    request.url = url;
    return client.send(std::move(request), context,
                       [done = std::move(done)](Result<RawResponse> r) {
                           if (!r.ok())
                               return done(r.error());
                           done(std::move(r.value().body));
                       });
}

} // namespace segscope::api
