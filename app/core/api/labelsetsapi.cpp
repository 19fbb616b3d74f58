#include "labelsetsapi.h"
#include "typedcall.h"

using namespace Qt::StringLiterals;
using segscope::wire::Labelset;

namespace segscope::api {

namespace {
QString labelsetPath(const QString &dataset, const QString &name) {
    return datasetPath(dataset, u"labelsets/"_s + pathSegment(name) + u'/');
}
} // namespace

CallHandle listLabelsets(ApiClient &client, const QString &dataset, QObject *context,
                         Callback<QList<Labelset>> done) {
    return callList(client, ApiRequest::get(datasetPath(dataset, u"labelsets/"_s)), context,
                    std::move(done));
}

CallHandle getLabelset(ApiClient &client, const QString &dataset, const QString &name,
                       QObject *context, Callback<Labelset> done) {
    return callValue(client, ApiRequest::get(labelsetPath(dataset, name)), context,
                     std::move(done));
}

CallHandle createLabelset(ApiClient &client, const QString &dataset, const QString &name,
                          const QString &description, QObject *context, Callback<Labelset> done) {
    // The SDK sends `attributes` as the string "{}"; so do we, for the same server behaviour.
    const QJsonObject body{
        {"name"_L1, name}, {"description"_L1, description}, {"attributes"_L1, u"{}"_s}};
    return callValue(client,
                     ApiRequest::withJson("POST", datasetPath(dataset, u"labelsets/"_s), body),
                     context, std::move(done));
}

CallHandle deleteLabelset(ApiClient &client, const QString &dataset, const QString &name,
                          QObject *context, Callback<Done> done) {
    return callDone(client, ApiRequest::del(labelsetPath(dataset, name)), context, std::move(done));
}

} // namespace segscope::api
