#include "typedmetadata.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace segscope::upload {

namespace {

std::optional<double> parseNumber(const QString &text) {
    // QString::toDouble reads the C locale whatever the user's is: metadata is data, and a
    // script's `--metadata speed=1.5` must mean the same on every machine.
    bool ok = false;
    const double number = text.trimmed().isEmpty() ? 0 : text.toDouble(&ok);
    if (!ok || !std::isfinite(number)) // JSON has no inf or nan
        return std::nullopt;
    return number;
}

std::optional<bool> parseBoolean(const QString &text) {
    const QString v = text.trimmed().toLower();
    if (v == "true"_L1 || v == "yes"_L1 || v == "1"_L1)
        return true;
    if (v == "false"_L1 || v == "no"_L1 || v == "0"_L1)
        return false;
    return std::nullopt;
}

} // namespace

TypedMetadata::Type TypedMetadata::inferType(const QString &text) {
    // Only the exact words: `True` or `yes` on a command line is more likely a name than a flag.
    if (text == "true"_L1 || text == "false"_L1)
        return Type::Boolean;
    return parseNumber(text) ? Type::Number : Type::Text;
}

std::optional<QJsonValue> TypedMetadata::convert(const QString &text, Type type, QString *error) {
    switch (type) {
    case Type::Number:
        if (const std::optional<double> number = parseNumber(text))
            return QJsonValue(*number);
        *error = u"\"%1\" is not a number"_s.arg(text);
        return std::nullopt;
    case Type::Boolean:
        if (const std::optional<bool> value = parseBoolean(text))
            return QJsonValue(*value);
        *error = u"\"%1\" is not true or false"_s.arg(text);
        return std::nullopt;
    case Type::Text:
        break;
    }
    return QJsonValue(text);
}

QJsonValue TypedMetadata::inferValue(const QString &text) {
    QString ignored;
    return convert(text, inferType(text), &ignored).value_or(QJsonValue(text));
}

QString TypedMetadata::add(const QString &key, const QString &text, Type type) {
    if (key.isEmpty())
        return u"a value needs a key"_s;
    if (m_values.contains(key))
        return u"the key \"%1\" is used twice"_s.arg(key);
    QString error;
    const std::optional<QJsonValue> value = convert(text, type, &error);
    if (!value)
        return error;
    m_values.insert(key, *value);
    return {};
}

QString TypedMetadata::add(const QString &key, const QString &text) {
    return add(key, text, inferType(text));
}

} // namespace segscope::upload
