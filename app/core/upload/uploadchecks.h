#pragma once

#include "wire/contract.h"
#include "wire/taskattributes.h"

#include <QJsonObject>
#include <QSize>
#include <QStringList>
#include <QUrl>

//! The checks the upload pipeline (and the form in front of it) runs before anything is sent.
namespace segscope::upload {

//! The asset size limit (docs/api-contract.md §7).
inline constexpr qint64 MaxImageBytes = wire::MaxAssetBytes;

//! Content checks before anything is sent (by content, not extension): "" when OK; else one
//! line, e.g. "not a JPEG, PNG or BMP image", "larger than 100 MB", "cannot be read: ...".
//! Reads only the header (the dimensions) and, for PNG and BMP, the size the format declares or
//! the last bytes, so a file cut short is caught without reading the image: a JPEG truncated
//! after its header is not (only a full decode would tell).
QString checkImageFile(const QString &path);
//! http(s) with a host: "" when OK, else why not.
QString checkImageUrl(const QUrl &url);
//! The pixel size of an image file from its header; invalid when it cannot be read.
QSize imageFileSize(const QString &path);

//! Label checks against the dataset before sending: bitmap is a PNG the decoder reads, its size
//! equals the image's (skipped when imageSize is invalid), every id in the bitmap has an
//! annotation, every annotation's category_id exists in task. Returns one line per problem
//! (empty when fine).
QStringList checkLabel(const QString &bitmapPath, const QJsonObject &labelAttributes,
                       const wire::TaskAttributes &task, QSize imageSize);

} // namespace segscope::upload
