#include "httperror.h"

#include "store/storeerror.h"
#include "wire/samplequery.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace segscope::server {

HttpError HttpError::detail(int status, const QString &detail) {
    return HttpError(status, QJsonObject{{"detail"_L1, detail}});
}

HttpError HttpError::field(const QString &field, const QString &message) {
    return HttpError(400, QJsonObject{{field, QJsonArray{message}}});
}

HttpError HttpError::notFound() {
    return detail(404, u"Not found."_s);
}

HttpError HttpError::invalidPage() {
    return detail(404, u"Invalid page."_s);
}

HttpError HttpError::forbidden() {
    return detail(403, u"You do not have permission to perform this action."_s);
}

HttpError HttpError::tooLarge(const QString &what) {
    return detail(413, what);
}

HttpError HttpError::fromStore(const StoreError &error) {
    switch (error.kind()) {
    case StoreError::NotFound:
        return notFound();
    case StoreError::Conflict:
        return error.field().isEmpty() ? badRequest(error.message())
                                       : field(error.field(), error.message());
    case StoreError::Forbidden:
        return detail(403, error.message());
    }
    return detail(500, u"Internal server error."_s);
}

HttpError HttpError::fromQuery(const wire::QueryError &error) {
    if (error.parameter == wire::SampleQueryParam::Page)
        return invalidPage();
    if (error.parameter == wire::SampleQueryParam::PerPage)
        return badRequest(error.message);
    return field(error.parameter, error.message);
}

} // namespace segscope::server
