#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace segscope::upload {

//! A sample's metadata as a person types it: keys with text values, each sent as a boolean, a
//! number or a string. The one rule behind the upload dialog's typed rows and `segscope upload
//! --metadata K=V`, so that the same text becomes the same JSON from either.
class TypedMetadata {
public:
    //! What a value is sent as.
    enum class Type { Text, Number, Boolean };

    //! The type of a value given without one (the command line): exactly `true` or `false` is a
    //! boolean, a finite C-locale number (`3`, `-0.5`, `1e3`) a number, anything else a string,
    //! including "", `True`, `inf` and `007x`.
    static Type inferType(const QString &text);
    //! `text` as `type`: a boolean is true/false, yes/no or 1/0 in any case; a number is a
    //! finite C-locale number (no group separators), spaces around it ignored; a string is the
    //! text as it is. nullopt, with a one-line reason in `error`, when the text is not of that
    //! type: `"fast" is not a number`.
    static std::optional<QJsonValue> convert(const QString &text, Type type, QString *error);
    //! `text` as the type it reads as (inferType()): never fails.
    static QJsonValue inferValue(const QString &text);

    //! Adds `key` with `text` as `type`; "" when added, else why not: an empty key, a key
    //! already added, or a value that is not of its type (as convert() says it).
    QString add(const QString &key, const QString &text, Type type);
    //! Adds `key` with `text` as the type it reads as.
    QString add(const QString &key, const QString &text);

    //! What was added, as the sample's `metadata` object.
    const QJsonObject &values() const { return m_values; }

private:
    QJsonObject m_values;
};

} // namespace segscope::upload
