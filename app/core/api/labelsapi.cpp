#include "labelsapi.h"
#include "typedcall.h"

using namespace Qt::StringLiterals;
using segscope::wire::Label;

namespace segscope::api {

namespace {
QString labelPath(const QString &sampleUuid, const QString &labelset) {
    return u"/labels/"_s + pathSegment(sampleUuid) + u'/' + pathSegment(labelset) + u'/';
}
} // namespace

QJsonObject LabelInput::toJson() const {
    QJsonObject o{{"attributes"_L1, attributes}};
    if (!labelStatus.isEmpty())
        o.insert("label_status"_L1, labelStatus);
    if (score)
        o.insert("score"_L1, *score);
    return o;
}

CallHandle getLabel(ApiClient &client, const QString &sampleUuid, const QString &labelset,
                    QObject *context, Callback<Label> done) {
    return callValue(client, ApiRequest::get(labelPath(sampleUuid, labelset)), context,
                     std::move(done));
}

CallHandle putLabel(ApiClient &client, const QString &sampleUuid, const QString &labelset,
                    const LabelInput &label, QObject *context, Callback<Label> done) {
    return callValue(
        client, ApiRequest::withJson("PUT", labelPath(sampleUuid, labelset), label.toJson(), true),
        context, std::move(done));
}

CallHandle patchLabel(ApiClient &client, const QString &sampleUuid, const QString &labelset,
                      const QJsonObject &changes, QObject *context, Callback<Label> done) {
    return callValue(client,
                     ApiRequest::withJson("PATCH", labelPath(sampleUuid, labelset), changes, true),
                     context, std::move(done));
}

CallHandle setLabelStatus(ApiClient &client, const QString &sampleUuid, const QString &labelset,
                          const QString &status, QObject *context, Callback<Label> done) {
    ApiRequest request = ApiRequest::withJson("PATCH", labelPath(sampleUuid, labelset),
                                              QJsonObject{{"label_status"_L1, status}});
    request.idempotent = true;
    return callValue(client, std::move(request), context, std::move(done));
}

CallHandle deleteLabel(ApiClient &client, const QString &sampleUuid, const QString &labelset,
                       QObject *context, Callback<Done> done) {
    return callDone(client, ApiRequest::del(labelPath(sampleUuid, labelset)), context,
                    std::move(done));
}

} // namespace segscope::api
