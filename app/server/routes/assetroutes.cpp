#include "routes/routes.h"

#include "http/httperror.h"
#include "http/multipart.h"
#include "routes/requestbodies.h"
#include "store/stores.h"

using namespace Qt::StringLiterals;

namespace segscope::server {

void installAssetRoutes(Router &router, Stores &stores) {
    router.add("POST", u"/assets"_s, [&stores](RouteRequest &r) {
        const QString filename = readAssetBody(r.json());
        return ApiResponse::json(stores.assets.create(r.caller, filename).toJson(), 201);
    });

    // The presigned-post target: no API key, as with S3 (docs/api-contract.md §7).
    router.add(
        "POST", u"/storage"_s,
        [&stores](RouteRequest &r) {
            QString error;
            const auto parts = parseMultipart(r.body, r.contentType, &error);
            if (!parts)
                throw HttpError::badRequest(error);
            QString key;
            const FormPart *file = nullptr;
            for (const FormPart &p : *parts) {
                if (p.name == "key")
                    key = QString::fromUtf8(p.data.toByteArray());
                else if (p.name == "file")
                    file = &p;
            }
            if (key.isEmpty())
                throw HttpError::badRequest(u"The form has no `key` field."_s);
            if (!file)
                throw HttpError::badRequest(u"The form has no `file` part."_s);
            if (file->data.size() > wire::MaxAssetBytes)
                throw HttpError::tooLarge(
                    u"The file is larger than the %1 asset limit."_s.arg(wire::MaxAssetText));
            stores.assets.store(key, file->data);
            return ApiResponse::noContent();
        },
        Router::Open);

    // Stored assets: public, immutable, cached forever (the url is unguessable).
    router.add(
        "GET", u"/assets/{}/{}"_s,
        [&stores](RouteRequest &r) {
            const auto asset = stores.assets.find(r.params.at(0));
            if (!asset)
                throw HttpError::notFound();
            ApiResponse response;
            response.headers = {{"ETag", asset->etag},
                                {"Cache-Control", "public, max-age=31536000, immutable"}};
            // RFC 9110 13.1.2: a list of entity tags compared weakly, so W/"x" matches "x".
            bool notModified = false;
            for (QByteArray tag : r.header("If-None-Match").split(',')) {
                tag = tag.trimmed();
                if (tag.startsWith("W/"))
                    tag = tag.mid(2);
                notModified = notModified || tag == "*" || tag == asset->etag;
            }
            if (notModified) {
                response.status = 304;
                response.contentType.clear();
                return response;
            }
            response.contentType = asset->contentType.toLatin1();
            response.filePath = asset->path;
            return response;
        },
        Router::Open);
}

} // namespace segscope::server
