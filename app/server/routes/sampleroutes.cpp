#include "routes/routes.h"

#include "http/httperror.h"
#include "wire/vocabulary.h"
#include "store/stores.h"
#include "wire/contract.h"

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

SampleQuery parseQuery(Stores &stores, const DatasetRow &dataset, const ApiRequest &r,
                       QString *labelsetName) {
    SampleQuery q;
    const PageParams p = pageParams(r);
    q.page = p.page;
    q.perPage = p.perPage;
    q.nameContains = r.queryValue(u"name__contains"_s);
    const QString labelset = r.queryValue(u"labelset"_s);
    q.withLabel = !labelset.isEmpty();
    *labelsetName = labelset.isEmpty() ? wire::DefaultLabelset : labelset;
    const QString statuses = r.queryValue(u"label_status"_s);
    for (const QString &s : statuses.split(u',', Qt::SkipEmptyParts)) {
        const QString status = s.trimmed().toUpper();
        if (!wire::isLabelStatus(status))
            throw HttpError::field(u"label_status"_s,
                                   u"\"%1\" is not a valid label status."_s.arg(s));
        q.statuses.append(status);
    }
    if (q.withLabel || !q.statuses.isEmpty())
        q.labelsetId = stores.datasets.labelset(dataset.id, *labelsetName).id;
    const QString full = r.queryValue(u"include_full_label"_s).toLower();
    q.fullLabel = q.withLabel && (full == "1"_L1 || full == "true"_L1);
    const QString filters = r.queryValue(u"filters"_s);
    for (const QString &term : filters.split(u',', Qt::SkipEmptyParts)) {
        const qsizetype colon = term.indexOf(u':');
        if (colon <= 0)
            throw HttpError::field(u"filters"_s,
                                   u"Expected key:value terms, got \"%1\"."_s.arg(term));
        SampleQuery::MetadataTerm t{term.left(colon).trimmed(), u"="_s, term.mid(colon + 1)};
        for (const QString &op : {u">="_s, u"<="_s, u">"_s, u"<"_s}) {
            if (t.value.startsWith(op)) {
                bool isNumber = false;
                t.value.mid(op.size()).toDouble(&isNumber);
                if (!isNumber)
                    throw HttpError::field(
                        u"filters"_s,
                        u"\"%1\" compares with a value that is not a number."_s.arg(term));
                t.op = op;
                t.value = t.value.mid(op.size());
                break;
            }
        }
        q.metadata.append(t);
    }
    QString sort = r.queryValue(u"sort"_s);
    if (!sort.isEmpty()) {
        q.descending = sort.startsWith(u'-');
        if (q.descending)
            sort.remove(0, 1);
        if (!wire::sampleSortFields().contains(sort))
            throw HttpError::field(u"sort"_s,
                                   u"\"%1\" is not a field to sort by; use one of %2."_s.arg(
                                       sort, wire::sampleSortFields().join(u", "_s)));
        q.sortField = sort;
    }
    return q;
}

//! The sample and its dataset, as the caller may see them (404 otherwise).
std::pair<SampleRow, DatasetRow> readableSample(Stores &stores, const ApiRequest &r) {
    SampleRow sample = stores.samples.byUuid(r.params.at(0));
    DatasetRow dataset = stores.datasets.byId(sample.datasetId);
    if (dataset.ownerId != r.caller.id && !dataset.value.isPublic)
        throw HttpError::notFound();
    return {sample, dataset};
}

} // namespace

void installSampleRoutes(Router &router, Stores &stores) {
    router.add("GET", u"/datasets/{}/{}/samples"_s, [&stores](ApiRequest &r) {
        const DatasetRow ds = stores.datasets.readable(r.caller, r.params.at(0), r.params.at(1));
        QString labelsetName;
        const SampleQuery q = parseQuery(stores, ds, r, &labelsetName);
        const QList<wire::Sample> samples = stores.samples.list(ds, q, labelsetName);
        if (samples.isEmpty() && q.page > 1)
            throw HttpError::invalidPage();
        QJsonArray out;
        for (const wire::Sample &s : samples)
            out.append(s.toJson());
        return ApiResponse::json(out);
    });
    router.add("POST", u"/datasets/{}/{}/samples"_s, [&stores](ApiRequest &r) {
        const DatasetRow ds = stores.datasets.writable(r.caller, r.params.at(0), r.params.at(1));
        const SampleRow row =
            stores.samples.create(ds, SampleStore::parseCreate(r.jsonObject()), r.caller.username);
        stores.datasets.invalidateStats(ds.id);
        return ApiResponse::json(row.value.toJson(), 201);
    });
    router.add("POST", u"/datasets/{}/{}/samples_bulk"_s, [&stores](ApiRequest &r) {
        const DatasetRow ds = stores.datasets.writable(r.caller, r.params.at(0), r.params.at(1));
        const QJsonValue body = r.json();
        if (!body.isArray())
            throw HttpError::badRequest(u"Expected a JSON array of samples."_s);
        const QJsonArray items = body.toArray();
        if (items.size() > 1000)
            throw HttpError::badRequest(u"At most 1000 samples per bulk request."_s);
        QList<wire::Sample> parsed;
        for (qsizetype i = 0; i < items.size(); ++i)
            parsed.append(SampleStore::parseCreate(items.at(i), u"[%1]"_s.arg(i)));
        QJsonArray out;
        stores.db.transaction([&] {
            for (const wire::Sample &s : std::as_const(parsed))
                out.append(stores.samples.create(ds, s, r.caller.username, true).value.toJson());
        });
        stores.datasets.invalidateStats(ds.id);
        return ApiResponse::json(out, 201);
    });
    router.add("DELETE", u"/datasets/{}/{}/samples_bulk"_s, [&stores](ApiRequest &r) {
        const DatasetRow ds = stores.datasets.writable(r.caller, r.params.at(0), r.params.at(1));
        const QJsonValue uuids = r.jsonObject().value("uuids"_L1);
        if (!uuids.isArray())
            throw HttpError::field(u"uuids"_s, u"This field is required."_s);
        const QJsonArray list = uuids.toArray();
        if (list.isEmpty() || list.size() > 1000)
            throw HttpError::field(u"uuids"_s, u"Give between 1 and 1000 uuids."_s);
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

    router.add("GET", u"/samples/{}"_s, [&stores](ApiRequest &r) {
        auto [sample, ds] = readableSample(stores, r);
        sample.value.datasetFullName = ds.value.fullName;
        const QString labelset = r.queryValue(u"labelset"_s);
        if (!labelset.isEmpty()) {
            const LabelsetRow ls = stores.datasets.labelset(ds.id, labelset);
            try {
                const wire::Label label = stores.labels.get(sample, ls);
                sample.value.fullLabel = label;
            } catch (const HttpError &) {
                sample.value.label = wire::LabelSummary{u"UNLABELED"_s, {}, {}, {}, {}};
            }
        }
        return ApiResponse::json(sample.value.toJson());
    });
    router.add("PATCH", u"/samples/{}"_s, [&stores](ApiRequest &r) {
        auto [sample, ds] = readableSample(stores, r);
        if (ds.ownerId != r.caller.id)
            throw HttpError::forbidden();
        stores.samples.update(sample, r.jsonObject());
        sample.value.datasetFullName = ds.value.fullName;
        return ApiResponse::json(sample.value.toJson());
    });
    router.add("DELETE", u"/samples/{}"_s, [&stores](ApiRequest &r) {
        const auto [sample, ds] = readableSample(stores, r);
        if (ds.ownerId != r.caller.id)
            throw HttpError::forbidden();
        stores.samples.remove(sample);
        stores.datasets.invalidateStats(ds.id);
        return ApiResponse::noContent();
    });
}

} // namespace segscope::server
