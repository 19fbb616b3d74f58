#include "application.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace segscope {

void setApplicationIdentity() {
    QCoreApplication::setOrganizationName(u"Segscope"_s);
    QCoreApplication::setApplicationName(u"segscope"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SEGSCOPE_VERSION));
}

QString applicationId() {
    return u"ai.segscope.Segscope"_s;
}

QUrl defaultServerUrl() {
    return QUrl(u"https://api.segments.ai"_s);
}

QUrl parseServerUrl(const QString &text) {
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != "http"_L1 && url.scheme() != "https"_L1))
        return {};
    return url;
}

} // namespace segscope
