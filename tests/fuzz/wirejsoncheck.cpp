#include "wirejsoncheck.h"

#include "api/apierror.h"
#include "api/typedcall.h"
#include "cli/renderfiles.h"
#include "upload/annotationfile.h"
#include "upload/typedmetadata.h"
#include "wire/dataset.h"
#include "wire/file.h"
#include "wire/sample.h"
#include "wire/samplequery.h"

#include <QJsonDocument>
#include <QUrlQuery>

#include <cmath>

using namespace Qt::StringLiterals;

namespace segscope::fuzz {

namespace {

using api::ApiError;
using api::ResponseInfo;

// The problem found so far; the first one wins, so a run stops saying why at its first.
struct Verdict {
    QString problem;

    bool ok() const { return problem.isEmpty(); }
    void fail(const QString &what) {
        if (problem.isEmpty())
            problem = what;
    }
};

QByteArray compact(const QJsonValue &v) {
    return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}

// A body as the client receives it: a 200 with a JSON content type, parsed by the one place
// that parses API responses.
std::optional<QJsonDocument> parseAsResponse(const QByteArray &body, Verdict &verdict) {
    ResponseInfo info;
    info.httpStatus = 200;
    info.contentType = "application/json";
    info.body = body;
    QJsonDocument doc;
    if (const std::optional<ApiError> error = ApiError::classify(info, &doc)) {
        if (error->kind != ApiError::Kind::Parse || error->message.isEmpty())
            verdict.fail(u"a body that is not JSON gave no parse error"_s);
        return std::nullopt;
    }
    return doc;
}

// Written, serialized, parsed and read again: the second reading must succeed and write the same
// bytes. Catches a writer that emits what its own reader refuses, or a value that changes.
template <class T> void roundTrip(const T &value, const char *type, bool strict, Verdict &verdict) {
    const QByteArray first = compact(value.toJson());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(first, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        verdict.fail(u"%1::toJson() wrote what does not parse: %2"_s.arg(QLatin1StringView(type),
                                                                         QString::fromUtf8(first)));
        return;
    }
    wire::JsonError error = strict ? wire::JsonError::strictReading() : wire::JsonError{};
    const std::optional<T> again = wire::readValue<T>(doc.object(), &error);
    if (!again) {
        verdict.fail(u"%1 read back (%2) from its toJson() fails: %3 in %4"_s.arg(
            QLatin1StringView(type), strict ? u"strict"_s : u"tolerant"_s, error.toString(),
            QString::fromUtf8(first)));
        return;
    }
    const QByteArray second = compact(again->toJson());
    if (second != first)
        verdict.fail(u"%1 changes on a round trip: %2 then %3"_s.arg(
            QLatin1StringView(type), QString::fromUtf8(first), QString::fromUtf8(second)));
}

// What a reader does with a value beyond reading it: cheap accessors the views call at once.
template <class T> void use(const T &) {}
template <> void use(const wire::Sample &sample) {
    sample.displayImageUrl();
    wire::sampleKindName(sample.kind());
}
template <> void use(const wire::Label &label) {
    label.summary();
}

// One reading in one mode: nullopt when refused (which must say why).
template <class T>
std::optional<T> readOnce(const QJsonValue &root, bool strict, const char *type, Verdict &verdict) {
    wire::JsonError error = strict ? wire::JsonError::strictReading() : wire::JsonError{};
    std::optional<T> value = wire::readValue<T>(root, &error);
    if (value) {
        use(*value);
        roundTrip(*value, type, strict, verdict);
    } else if (error.message.isEmpty() || error.toString().isEmpty()) {
        verdict.fail(u"%1 refused without saying why"_s.arg(QLatin1StringView(type)));
    }
    return value;
}

// Tolerant (the client reading a server) and strict (the server and the uploader); what the
// strict reading takes, the tolerant one takes too, as the same value.
template <class T> void checkReader(const QJsonValue &root, const char *type, Verdict &verdict) {
    const std::optional<T> tolerant = readOnce<T>(root, false, type, verdict);
    const std::optional<T> strict = readOnce<T>(root, true, type, verdict);
    if (strict && (!tolerant || compact(strict->toJson()) != compact(tolerant->toJson())))
        verdict.fail(
            u"%1 read strictly but not the same tolerantly"_s.arg(QLatin1StringView(type)));
    if (!root.isArray() || !verdict.ok())
        return;
    wire::JsonError listError;
    const QList<T> list = wire::readList<T>(root, &listError);
    if (listError.isSet()) {
        if (!list.isEmpty())
            verdict.fail(u"a refused list of %1 is not empty"_s.arg(QLatin1StringView(type)));
        return;
    }
    if (list.size() != root.toArray().size())
        verdict.fail(u"a list of %1 lost items"_s.arg(QLatin1StringView(type)));
    for (const T &value : list)
        roundTrip(value, type, false, verdict);
}

// segscope render's --label and --dataset files: read, never written, so no round trip.
void checkRenderFiles(const QJsonValue &root, Verdict &verdict) {
    wire::JsonError labelError;
    if (const auto label = wire::readValue<cli::LabelFileBody>(root, &labelError))
        label->label.summary();
    else if (labelError.message.isEmpty())
        verdict.fail(u"a --label file refused without saying why"_s);
    wire::JsonError datasetError;
    if (const auto dataset = wire::readValue<cli::CategoriesFileBody>(root, &datasetError)) {
        if (dataset->task) {
            for (const wire::Category &c : dataset->task->categories)
                dataset->task->colorOf(c.id);
        }
    } else if (datasetError.message.isEmpty()) {
        verdict.fail(u"a --dataset file refused without saying why"_s);
    }
}

void checkAnnotationFile(const QByteArray &json, Verdict &verdict) {
    const QString name = u"fuzz.json"_s;
    QString error;
    const std::optional<upload::AnnotationFile> file =
        upload::AnnotationFile::fromJson(json, name, &error);
    if (!file) {
        if (!error.startsWith(name + u": "_s) || error.size() <= name.size() + 2)
            verdict.fail(u"an annotation file refused without a reason: "_s + error);
        return;
    }
    if (file->formatVersion().isEmpty() ||
        file->labelAttributes().contains("segmentation_bitmap"_L1))
        verdict.fail(u"an annotation file's attributes lack a format or keep a bitmap"_s);
    // What the upload puts must be what the server's reader, and checkLabel's, accept.
    wire::JsonError readError;
    if (!wire::readValue<wire::LabelAttributes>(file->labelAttributes(), &readError)) {
        verdict.fail(u"an accepted annotation file gives attributes that do not read: "_s +
                     readError.toString());
        return;
    }
    const QByteArray written = compact(file->labelAttributes());
    QString againError;
    const std::optional<upload::AnnotationFile> again =
        upload::AnnotationFile::fromJson(written, name, &againError);
    if (!again || compact(again->labelAttributes()) != written)
        verdict.fail(u"an annotation file's attributes do not read back the same: "_s + againError);
}

// The bodies of failed calls: DRF's messages and a throttle's wait.
void checkErrorBody(const QByteArray &body, Verdict &verdict) {
    for (const int status : {400, 429, 503}) {
        ResponseInfo info;
        info.httpStatus = status;
        info.contentType = "application/json";
        info.body = body;
        const std::optional<ApiError> error = ApiError::classify(info, nullptr);
        if (!error || error->message.isEmpty())
            verdict.fail(u"HTTP %1 with this body is no error or says nothing"_s.arg(status));
        else if (error->retryAfter && *error->retryAfter < 0)
            verdict.fail(u"a negative Retry-After from a body"_s);
    }
}

void checkTerm(const QString &text, Verdict &verdict) {
    QString error;
    const std::optional<wire::MetadataTerm> term = wire::MetadataTerm::parse(text, &error);
    if (!term) {
        if (error.isEmpty())
            verdict.fail(u"a filter term refused without a reason"_s);
        return;
    }
    if (term->key.isEmpty())
        verdict.fail(u"a filter term with an empty key: \"%1\""_s.arg(text));
    const std::optional<wire::MetadataTerm> again = wire::MetadataTerm::parse(term->toString());
    if (!again || *again != *term)
        verdict.fail(
            u"the filter term \"%1\" is not read back from \"%2\""_s.arg(text, term->toString()));
}

void checkQuery(const QString &text, Verdict &verdict) {
    wire::QueryError error;
    const std::optional<wire::SampleQuery> query =
        wire::SampleQuery::fromQuery(QUrlQuery(text), &error);
    if (!query) {
        if (error.parameter.isEmpty() || error.message.isEmpty())
            verdict.fail(u"a sample query refused without naming why"_s);
        return;
    }
    if (query->page < 1 || query->perPage < 1 || query->perPage > 1000)
        verdict.fail(
            u"paging out of range: page %1, per_page %2"_s.arg(query->page).arg(query->perPage));
    for (const wire::MetadataTerm &t : query->metadata) {
        if (t.key.isEmpty())
            verdict.fail(u"a sample query with an empty filter key"_s);
    }
    // What the client builds, the server reads back as the same query.
    const QString written = query->toQueryString();
    wire::QueryError againError;
    const std::optional<wire::SampleQuery> again =
        wire::SampleQuery::fromQuery(QUrlQuery(written), &againError);
    if (!again) {
        verdict.fail(u"the sample query %1 is refused: %2"_s.arg(written, againError.message));
        return;
    }
    if (again->toQueryString() != written || again->metadata != query->metadata)
        verdict.fail(
            u"the sample query %1 reads back as %2"_s.arg(written, again->toQueryString()));
}

void checkTypedMetadata(const QString &text, Verdict &verdict) {
    using upload::TypedMetadata;
    const QJsonValue inferred = TypedMetadata::inferValue(text);
    switch (TypedMetadata::inferType(text)) {
    case TypedMetadata::Type::Boolean:
        if (!inferred.isBool())
            verdict.fail(u"\"%1\" is typed a boolean but sent as another type"_s.arg(text));
        break;
    case TypedMetadata::Type::Number:
        if (!inferred.isDouble() || !std::isfinite(inferred.toDouble()))
            verdict.fail(u"\"%1\" is typed a number but not sent as a finite one"_s.arg(text));
        break;
    case TypedMetadata::Type::Text:
        if (inferred != QJsonValue(text))
            verdict.fail(u"\"%1\" is typed text but not sent as it is"_s.arg(text));
        break;
    }
    QString error;
    if (const auto number = TypedMetadata::convert(text, TypedMetadata::Type::Number, &error)) {
        if (!std::isfinite(number->toDouble()))
            verdict.fail(u"\"%1\" converts to a number JSON cannot carry"_s.arg(text));
    }
    TypedMetadata typed;
    const qsizetype eq = text.indexOf(u'=');
    const QString added = typed.add(text.left(eq), text.mid(eq + 1));
    if (added.isEmpty() != typed.values().contains(text.left(eq)))
        verdict.fail(u"TypedMetadata::add says one thing and does another"_s);
}

} // namespace

QString checkWireInput(QByteArrayView input) {
    Verdict verdict;
    const QByteArray bytes = input.toByteArray();
    checkErrorBody(bytes, verdict);
    checkAnnotationFile(bytes, verdict);
    // Text that is typed or pasted: the filter bar and --filter, --metadata K=V, and the query
    // string a server reads.
    const QString text = QString::fromUtf8(bytes);
    checkTerm(text, verdict);
    for (const QString &part : text.split(u','))
        checkTerm(part, verdict);
    checkQuery(text, verdict);
    checkTypedMetadata(text, verdict);

    if (const std::optional<QJsonDocument> doc = parseAsResponse(bytes, verdict)) {
        const QJsonValue root = api::detail::rootOf(*doc);
        // Every value type the client reads from a response or a file (segscope render reads
        // --label as a Label and --dataset as a Dataset, as the API returns them).
        checkReader<wire::Dataset>(root, "Dataset", verdict);
        checkReader<wire::Sample>(root, "Sample", verdict);
        checkReader<wire::Label>(root, "Label", verdict);
        checkReader<wire::LabelSummary>(root, "LabelSummary", verdict);
        checkReader<wire::LabelAttributes>(root, "LabelAttributes", verdict);
        checkReader<wire::Annotation>(root, "Annotation", verdict);
        checkReader<wire::Labelset>(root, "Labelset", verdict);
        checkReader<wire::User>(root, "User", verdict);
        checkReader<wire::File>(root, "File", verdict);
        checkReader<wire::TaskAttributes>(root, "TaskAttributes", verdict);
        checkReader<wire::Category>(root, "Category", verdict);
        checkReader<wire::AttributeDefinition>(root, "AttributeDefinition", verdict);
        checkRenderFiles(root, verdict);
    }
    return verdict.problem;
}

} // namespace segscope::fuzz
