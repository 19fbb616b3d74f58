#include "thumbnailoverlayfetch.h"
#include "thumbnaildecoder.h"
#include "thumbnaildiskcache.h"

#include "api/assetsapi.h"
#include "labels/pngdecoder.h"

#include <QThreadPool>
#include <QUrl>

#include <utility>

namespace segscope::models {

ThumbnailOverlayFetch::ThumbnailOverlayFetch(api::ApiClient &client, QObject *context,
                                             QThreadPool *pool,
                                             std::shared_ptr<ThumbnailDiskCache> disk, Post post)
    : m_client(client)
    , m_context(context)
    , m_pool(pool)
    , m_disk(std::move(disk))
    , m_post(std::move(post)) {}

void ThumbnailOverlayFetch::start(Request request, Done done) {
    m_request = std::move(request);
    m_done = std::move(done);
    m_downloadsLeft = m_request.base.isNull() ? 2 : 1;
    // A download's callback holds the fetch only weakly: a dropped request is simply gone.
    const std::weak_ptr<ThumbnailOverlayFetch> self = weak_from_this();
    const auto onPart = [self](bool bitmap) {
        return [self, bitmap](api::Result<QByteArray> result) {
            if (const auto fetch = self.lock())
                fetch->onDownloaded(bitmap, std::move(result));
        };
    };
    if (m_request.base.isNull()) {
        m_imageCall =
            api::downloadAsset(m_client, QUrl(m_request.imageUrl), m_context, onPart(false));
    }
    m_bitmapCall =
        api::downloadAsset(m_client, QUrl(m_request.overlay.bitmapUrl), m_context, onPart(true));
}

void ThumbnailOverlayFetch::cancel() {
    m_imageCall.cancel();
    m_bitmapCall.cancel();
    m_done = nullptr;
}

void ThumbnailOverlayFetch::onDownloaded(bool bitmap, api::Result<QByteArray> result) {
    if (!m_done)
        return;
    if (bitmap) {
        m_bitmapCall = {};
        if (result.ok())
            m_bitmapBytes = std::move(result.value());
        else
            m_overlayError =
                tr("The label bitmap could not be downloaded: %1").arg(result.error().toString());
    } else {
        m_imageCall = {};
        // Without the image there is nothing to draw the label on: the same failure as the
        // plain thumbnail's.
        if (!result.ok()) {
            m_bitmapCall.cancel();
            ComposedThumbnail failed;
            failed.baseError = result.error().toString();
            return std::exchange(m_done, nullptr)(failed);
        }
        m_imageBytes = std::move(result.value());
    }
    if (--m_downloadsLeft == 0)
        compose();
}

void ThumbnailOverlayFetch::compose() {
    m_pool->start([disk = m_disk, post = m_post, done = std::exchange(m_done, nullptr),
                   request = m_request, imageBytes = std::exchange(m_imageBytes, {}),
                   bitmapBytes = std::exchange(m_bitmapBytes, {}), overlayError = m_overlayError] {
        if (request.cancelled->load())
            return;
        ComposedThumbnail out;
        out.base = request.base;
        out.overlayError = overlayError;
        if (out.base.isNull()) {
            const DecodedThumbnail decoded = decodeThumbnail(imageBytes, request.target);
            if (decoded.image.isNull()) {
                out.baseError = decoded.error;
            } else {
                out.base = decoded.image;
                out.baseIsNew = true;
                disk->store(request.imageUrl, request.target, out.base);
            }
        }
        if (!out.base.isNull() && out.overlayError.isEmpty()) {
            labels::DecodeResult bitmap = labels::decodeInstanceBitmap(bitmapBytes);
            if (bitmap.ok()) {
                out.image =
                    composeThumbnailOverlay(out.base, bitmap.bitmap(), request.overlay.colors);
                disk->store(request.key, request.target, out.image);
            } else {
                out.overlayError =
                    tr("The label bitmap could not be decoded: %1").arg(bitmap.error().message);
            }
        }
        post([done, out] { done(out); });
    });
}

} // namespace segscope::models
