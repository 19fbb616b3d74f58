#include "samplesapi.h"
#include "typedcall.h"

using namespace Qt::StringLiterals;
using segscope::wire::Sample;

namespace segscope::api {

QJsonObject NewSample::toJson() const {
    QJsonObject o{{"name"_L1, name}, {"attributes"_L1, attributes}};
    if (!metadata.isEmpty())
        o.insert("metadata"_L1, metadata);
    if (priority)
        o.insert("priority"_L1, *priority);
    if (!readme.isEmpty())
        o.insert("readme"_L1, readme);
    if (!assignedLabeler.isEmpty())
        o.insert("assigned_labeler"_L1, assignedLabeler);
    if (!assignedReviewer.isEmpty())
        o.insert("assigned_reviewer"_L1, assignedReviewer);
    return o;
}

QJsonObject NewSample::imageAttributes(const QString &url) {
    return QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, url}}}};
}

CallHandle listSamples(ApiClient &client, const QString &dataset, const wire::SampleQuery &query,
                       QObject *context, Callback<QList<Sample>> done) {
    return callList(client,
                    ApiRequest::get(datasetPath(dataset, u"samples/"_s), query.toQueryString()),
                    context, std::move(done));
}

CallHandle walkSamples(ApiClient &client, const QString &dataset, const wire::SampleQuery &query,
                       QObject *context, std::function<bool(QList<Sample>, int)> onPage,
                       Callback<Done> done, PageWalk::Pace pace) {
    const QString path = datasetPath(dataset, u"samples/"_s);
    auto request = [path, query](int page) {
        wire::SampleQuery q = query;
        q.page = page;
        return ApiRequest::get(path, q.toQueryString());
    };
    return walkPages<Sample>(client, request, query.page, query.perPage, context, std::move(onPage),
                             std::move(done), pace);
}

CallHandle createSample(ApiClient &client, const QString &dataset, const NewSample &sample,
                        QObject *context, Callback<Sample> done) {
    return callValue(
        client,
        ApiRequest::withJson("POST", datasetPath(dataset, u"samples/"_s), sample.toJson(), true),
        context, std::move(done));
}

CallHandle createSamples(ApiClient &client, const QString &dataset, const QList<NewSample> &samples,
                         QObject *context, Callback<QList<Sample>> done) {
    QJsonArray body;
    for (const NewSample &s : samples)
        body.append(s.toJson());
    return callList(
        client, ApiRequest::withJson("POST", datasetPath(dataset, u"samples_bulk/"_s), body, true),
        context, std::move(done));
}

CallHandle deleteSamples(ApiClient &client, const QString &dataset, const QStringList &uuids,
                         QObject *context, Callback<qint64> done) {
    const QJsonObject body{{"uuids"_L1, QJsonArray::fromStringList(uuids)}};
    ApiRequest request =
        ApiRequest::withJson("DELETE", datasetPath(dataset, u"samples_bulk/"_s), body);
    return client.send(std::move(request), context,
                       [done = std::move(done)](Result<RawResponse> r) {
                           if (!r.ok())
                               return done(r.error());
                           const QJsonValue count = r->json.object().value("deleted_count"_L1);
                           if (!count.isDouble()) {
                               wire::JsonError e{u"deleted_count"_s, u"expected a number"_s};
                               return done(ApiError::fromJsonError(e));
                           }
                           done(qint64(count.toDouble()));
                       });
}

CallHandle getSample(ApiClient &client, const QString &uuid, const QString &labelset,
                     QObject *context, Callback<Sample> done) {
    const QString query = labelset.isEmpty() ? QString() : encodeQuery({{u"labelset"_s, labelset}});
    return callValue(client, ApiRequest::get(u"/samples/"_s + pathSegment(uuid) + u'/', query),
                     context, std::move(done));
}

CallHandle updateSample(ApiClient &client, const QString &uuid, const QJsonObject &changes,
                        QObject *context, Callback<Sample> done) {
    return callValue(
        client,
        ApiRequest::withJson("PATCH", u"/samples/"_s + pathSegment(uuid) + u'/', changes, true),
        context, std::move(done));
}

CallHandle deleteSample(ApiClient &client, const QString &uuid, QObject *context,
                        Callback<Done> done) {
    return callDone(client, ApiRequest::del(u"/samples/"_s + pathSegment(uuid) + u'/'), context,
                    std::move(done));
}

} // namespace segscope::api
