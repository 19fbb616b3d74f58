#pragma once

#include "apiclient.h"

#include "wire/file.h"

//! docs/api-contract.md §7: assets. Creating one is an API call; uploading its bytes and
//! downloading any asset go to storage URLs, which never see the API key.
namespace segscope::api {

//! POST /assets/ {"filename": ...}: the File with its public url and presigned post fields.
CallHandle createAsset(ApiClient &client, const QString &filename, QObject *context,
                       Callback<wire::File> done);
//! Streams the file at `path` to `file.uploadUrl` as multipart/form-data (each presigned field,
//! then the file last as `file`), without the key. `progress` gets (bytes sent, total).
CallHandle uploadAsset(ApiClient &client, const wire::File &file, const QString &path,
                       QObject *context, std::function<void(qint64, qint64)> progress,
                       Callback<Done> done);
//! GET `url` without the key, through the disk cache (an asset never changes once stored, so
//! a cached copy is used when the server's ETag/Cache-Control allow it).
CallHandle downloadAsset(ApiClient &client, const QUrl &url, QObject *context,
                         Callback<QByteArray> done);

} // namespace segscope::api
