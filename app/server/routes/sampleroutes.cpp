#include "routes/routes.h"

#include "http/httperror.h"
#include "routes/access.h"
#include "routes/requestbodies.h"
#include "store/stores.h"
#include "wire/contract.h"
#include "wire/samplequery.h"

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

constexpr qsizetype kMaxBulk = 1000;

} // namespace

void installSampleRoutes(Router &router, Stores &stores) {
    router.add("GET", u"/datasets/{}/{}/samples"_s, [&stores](RouteRequest &r) {
        const DatasetRow ds =
            Access(stores, r.caller).readableDataset(r.params.at(0), r.params.at(1));
        wire::QueryError error;
        const std::optional<wire::SampleQuery> q = wire::SampleQuery::fromQuery(r.query, &error);
        if (!q)
            throw HttpError::fromQuery(error);
        // Statuses refer to a labelset too: the one named, or the default.
        std::optional<LabelsetRow> labelset;
        if (!q->labelset.isEmpty() || !q->labelStatuses.isEmpty()) {
            labelset = stores.datasets.labelset(ds.id, q->labelset.isEmpty() ? wire::DefaultLabelset
                                                                             : q->labelset);
        }
        const QList<wire::Sample> samples = stores.samples.list(ds, *q, labelset);
        if (samples.isEmpty() && q->page > 1)
            throw HttpError::invalidPage();
        QJsonArray out;
        for (const wire::Sample &s : samples)
            out.append(s.toJson());
        return ApiResponse::json(out);
    });
    router.add("POST", u"/datasets/{}/{}/samples"_s, [&stores](RouteRequest &r) {
        const DatasetRow ds =
            Access(stores, r.caller).writableDataset(r.params.at(0), r.params.at(1));
        wire::Sample sample;
        readSampleBody(r.json(), BodyReader::Create, wire::JsonPath{}, sample);
        const StoredSample row = stores.samples.create(ds, sample, r.caller.username);
        stores.datasets.invalidateStats(ds.id);
        return ApiResponse::json(row.value.toJson(), 201);
    });
    router.add("POST", u"/datasets/{}/{}/samples_bulk"_s, [&stores](RouteRequest &r) {
        const DatasetRow ds =
            Access(stores, r.caller).writableDataset(r.params.at(0), r.params.at(1));
        const QJsonValue body = r.json();
        if (!body.isArray())
            throw HttpError::badRequest(u"Expected a JSON array of samples."_s);
        const QJsonArray items = body.toArray();
        if (items.size() > kMaxBulk)
            throw HttpError::badRequest(u"At most %1 samples per bulk request."_s.arg(kMaxBulk));
        // Every item is read before any is stored, so one bad item stores nothing.
        const wire::JsonPath root;
        QList<wire::Sample> parsed(items.size());
        for (qsizetype i = 0; i < items.size(); ++i)
            readSampleBody(items.at(i), BodyReader::Create, root.at(i), parsed[i]);
        QJsonArray out;
        stores.db.transaction([&] {
            for (const wire::Sample &s : std::as_const(parsed))
                out.append(stores.samples.create(ds, s, r.caller.username, true).value.toJson());
        });
        stores.datasets.invalidateStats(ds.id);
        return ApiResponse::json(out, 201);
    });
    router.add("DELETE", u"/datasets/{}/{}/samples_bulk"_s, [&stores](RouteRequest &r) {
        const DatasetRow ds =
            Access(stores, r.caller).writableDataset(r.params.at(0), r.params.at(1));
        const QJsonValue uuids = r.jsonObject().value("uuids"_L1);
        if (!uuids.isArray())
            throw HttpError::field(u"uuids"_s, u"This field is required."_s);
        const QJsonArray list = uuids.toArray();
        if (list.isEmpty() || list.size() > kMaxBulk)
            throw HttpError::field(u"uuids"_s, u"Give between 1 and %1 uuids."_s.arg(kMaxBulk));
        QStringList strings;
        for (const QJsonValue &v : list) {
            if (!v.isString())
                throw HttpError::field(u"uuids"_s, u"Every uuid must be a string."_s);
            strings.append(v.toString());
        }
        const qint64 deleted = stores.samples.removeMany(ds.id, strings);
        stores.datasets.invalidateStats(ds.id);
        return ApiResponse::json(QJsonObject{{"deleted_count"_L1, deleted}});
    });

    router.add("GET", u"/samples/{}"_s, [&stores](RouteRequest &r) {
        auto [sample, ds] = Access(stores, r.caller).readableSample(r.params.at(0));
        const QString labelset = r.queryValue(wire::SampleQueryParam::Labelset);
        QJsonObject out;
        if (labelset.isEmpty()) {
            out = sample.value.toJson();
        } else {
            // The SDK reads `label` as a full Label or null (docs/api-contract.md §4); the list
            // keeps its summaries.
            const LabelsetRow ls = stores.datasets.labelset(ds.id, labelset);
            sample.value.fullLabel = stores.labels.find(sample, ls);
            out = sample.value.toJson();
            if (!sample.value.fullLabel)
                out.insert("label"_L1, QJsonValue::Null);
        }
        // The SDK's Sample has the sample's issues; the list leaves them out (one query a row).
        QJsonArray issues;
        for (const wire::Issue &i : stores.issues.forSample(sample.id))
            issues.append(i.toJson());
        out.insert("issues"_L1, issues);
        return ApiResponse::json(out);
    });
    router.add("PATCH", u"/samples/{}"_s, [&stores](RouteRequest &r) {
        auto [sample, ds] = Access(stores, r.caller).writableSample(r.params.at(0));
        wire::Sample changed = sample.value;
        readSampleBody(r.json(), BodyReader::Update, wire::JsonPath{}, changed);
        stores.samples.update(sample, changed);
        return ApiResponse::json(sample.value.toJson());
    });
    router.add("DELETE", u"/samples/{}"_s, [&stores](RouteRequest &r) {
        const auto [sample, ds] = Access(stores, r.caller).writableSample(r.params.at(0));
        stores.samples.remove(sample);
        stores.datasets.invalidateStats(ds.id);
        return ApiResponse::noContent();
    });
}

} // namespace segscope::server
