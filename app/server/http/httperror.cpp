#include "httperror.h"

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

} // namespace segscope::server
