#pragma once

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

namespace segscope::models {

//! A decoded thumbnail, or why there is none.
struct DecodedThumbnail {
    QImage image;     //!< null on failure
    QString error;    //!< a readable reason when the image is null (for a tooltip)
    QSize sourceSize; //!< the stored image's size, before scaling
};

//! How decodeThumbnail scales; the second way exists only so the benchmark can compare.
enum class ThumbnailScaling {
    WhileDecoding, //!< QImageReader::setScaledSize: JPEG decodes at 1/2..1/8 via DCT scaling
    AfterDecoding, //!< full decode, then a smooth QImage::scaled
};

//! The QImage text key under which a decoded thumbnail keeps the size of its original.
inline const QString SourceSizeKey = QStringLiteral("SegscopeSourceSize");
//! The size of the image `thumbnail` was made from (decodeThumbnail keeps it in the image's
//! text, also through the disk cache); invalid when unknown.
QSize thumbnailSourceSize(const QImage &thumbnail);

//! `source` shrunk to fit in `box` keeping its aspect ratio; never enlarged, never empty.
QSize fitWithin(QSize source, QSize box);

//! Decodes `bytes` (any format Qt reads) into an image that fits in `target` (aspect ratio
//! kept, never enlarged, EXIF orientation applied), converted to a format the raster engine
//! paints without conversion. A body that is not an image, or a truncated JPEG, gives a null
//! image and an error. Pure and thread-safe: runs on the thread pool.
DecodedThumbnail decodeThumbnail(const QByteArray &bytes, QSize target,
                                 ThumbnailScaling scaling = ThumbnailScaling::WhileDecoding);

} // namespace segscope::models
