#include "datasetsapi.h"
#include "typedcall.h"

using namespace Qt::StringLiterals;
using segscope::wire::Dataset;

namespace segscope::api {

QJsonObject NewDataset::toJson() const {
    QJsonObject o{{"name"_L1, name}, {"description"_L1, description}, {"public"_L1, isPublic}};
    if (!taskType.isEmpty())
        o.insert("task_type"_L1, taskType);
    if (!taskAttributes.isEmpty())
        o.insert("task_attributes"_L1, taskAttributes);
    if (!category.isEmpty())
        o.insert("category"_L1, category);
    if (!readme.isEmpty())
        o.insert("readme"_L1, readme);
    if (!metadata.isEmpty())
        o.insert("metadata"_L1, metadata);
    return o;
}

QString pageQuery(PageRequest page) {
    return encodeQuery(
        {{u"page"_s, QString::number(page.page)}, {u"per_page"_s, QString::number(page.perPage)}});
}

CallHandle listDatasets(ApiClient &client, PageRequest page, QObject *context,
                        Callback<QList<Dataset>> done) {
    return callList(client, ApiRequest::get(u"/user/datasets/"_s, pageQuery(page)), context,
                    std::move(done));
}

CallHandle walkDatasets(ApiClient &client, QObject *context,
                        std::function<bool(QList<Dataset>, int)> onPage, Callback<Done> done,
                        int perPage) {
    auto request = [perPage](int page) {
        return ApiRequest::get(u"/user/datasets/"_s, pageQuery({page, perPage}));
    };
    return walkPages<Dataset>(client, request, 1, perPage, context, std::move(onPage),
                              std::move(done));
}

CallHandle listUserDatasets(ApiClient &client, const QString &username, PageRequest page,
                            QObject *context, Callback<QList<Dataset>> done) {
    const QString path = u"/users/"_s + pathSegment(username) + u"/datasets/"_s;
    return callList(client, ApiRequest::get(path, pageQuery(page)), context, std::move(done));
}

CallHandle createDataset(ApiClient &client, const NewDataset &dataset, QObject *context,
                         Callback<Dataset> done) {
    return callValue(client, ApiRequest::withJson("POST", u"/user/datasets/"_s, dataset.toJson()),
                     context, std::move(done));
}

CallHandle getDataset(ApiClient &client, const QString &fullName, QObject *context,
                      Callback<Dataset> done) {
    return callValue(client, ApiRequest::get(datasetPath(fullName)), context, std::move(done));
}

CallHandle updateDataset(ApiClient &client, const QString &fullName, const QJsonObject &changes,
                         QObject *context, Callback<Dataset> done) {
    return callValue(client, ApiRequest::withJson("PATCH", datasetPath(fullName), changes), context,
                     std::move(done));
}

CallHandle deleteDataset(ApiClient &client, const QString &fullName, QObject *context,
                         Callback<Done> done) {
    return callDone(client, ApiRequest::del(datasetPath(fullName)), context, std::move(done));
}

} // namespace segscope::api
