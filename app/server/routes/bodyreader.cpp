#include "bodyreader.h"

#include "http/httperror.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace segscope::server {

BodyReader::BodyReader(const QJsonValue &body, Mode mode, const wire::JsonPath &path,
                       const QString &notObject)
    : m_mode(mode)
    , m_path(path) {
    if (!body.isObject())
        throw HttpError::badRequest(notObject);
    m_object = body.toObject();
}

QString BodyReader::path(QLatin1StringView key) const {
    return m_path.child(key).toString();
}

void BodyReader::fail(QLatin1StringView key, const QString &message) const {
    throw HttpError::field(path(key), message);
}

void BodyReader::require(QLatin1StringView key) const {
    if (m_mode == Create && !has(key))
        fail(key, u"This field is required."_s);
}

std::optional<QString> BodyReader::text(QLatin1StringView key, TextRule rule) const {
    if (!has(key))
        return std::nullopt;
    const QJsonValue v = m_object.value(key);
    if (!v.isString() || (rule.notBlank && v.toString().trimmed().isEmpty()))
        fail(key, u"Not a valid string."_s);
    if (rule.maxLength > 0 && v.toString().size() > rule.maxLength)
        fail(key, u"Ensure this field has no more than %1 characters."_s.arg(rule.maxLength));
    return v.toString();
}

std::optional<std::optional<QString>> BodyReader::nullableText(QLatin1StringView key) const {
    if (!has(key))
        return std::nullopt;
    const QJsonValue v = m_object.value(key);
    if (v.isNull())
        return std::optional<QString>();
    if (!v.isString())
        fail(key, u"Not a valid string."_s);
    return std::optional<QString>(v.toString());
}

std::optional<QJsonObject> BodyReader::object(QLatin1StringView key) const {
    if (!has(key))
        return std::nullopt;
    const QJsonValue v = m_object.value(key);
    if (!v.isObject())
        fail(key, u"Expected a JSON object."_s);
    return v.toObject();
}

std::optional<double> BodyReader::number(QLatin1StringView key) const {
    if (!has(key))
        return std::nullopt;
    const QJsonValue v = m_object.value(key);
    if (!v.isDouble())
        fail(key, u"A valid number is required."_s);
    return v.toDouble();
}

std::optional<std::optional<double>> BodyReader::nullableNumber(QLatin1StringView key) const {
    if (!has(key))
        return std::nullopt;
    if (m_object.value(key).isNull())
        return std::optional<double>();
    return std::optional<double>(*number(key));
}

std::optional<bool> BodyReader::boolean(QLatin1StringView key) const {
    if (!has(key))
        return std::nullopt;
    const QJsonValue v = m_object.value(key);
    if (!v.isBool())
        fail(key, u"Must be a valid boolean."_s);
    return v.toBool();
}

std::optional<QJsonValue> BodyReader::valueOrJsonText(QLatin1StringView key) const {
    if (!has(key))
        return std::nullopt;
    const QJsonValue v = m_object.value(key);
    if (!v.isString())
        return v;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(v.toString().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        fail(key, u"The string is not a JSON object."_s);
    return QJsonValue(doc.object());
}

} // namespace segscope::server
