#pragma once

#include "wire/jsonreader.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace segscope::server {

//! What a text field of a request body must be, beyond a string.
struct TextRule {
    bool notBlank = false; //!< only spaces count as not a valid string
    int maxLength = 0;     //!< 0: no limit
};

//! Reads the fields of a request body with the API's words (DRF's messages), naming the field at
//! fault by its path ("name", "[1].priority") in a 400. One reader serves a create and an update:
//! in Create mode a required field must be there; in Update mode it may be left out. A field that
//! is there is read by the same rule in both, so POST and PATCH cannot disagree about a value.
//! Every method throws HttpError on the first problem.
class BodyReader {
public:
    enum Mode { Create, Update };

    //! Throws a 400 with `notObject` as its detail when `body` is not a JSON object.
    BodyReader(const QJsonValue &body, Mode mode, const wire::JsonPath &path,
               const QString &notObject);

    Mode mode() const { return m_mode; }
    const QJsonObject &object() const { return m_object; }
    bool has(QLatin1StringView key) const { return m_object.contains(key); }
    //! The field's path as answers name it.
    QString path(QLatin1StringView key) const;
    [[noreturn]] void fail(QLatin1StringView key, const QString &message) const;

    //! In Create mode, fails with "This field is required." when `key` is absent.
    void require(QLatin1StringView key) const;

    //! A string, when present; null and other types are "Not a valid string.".
    std::optional<QString> text(QLatin1StringView key, TextRule rule = {}) const;
    //! A string or null (null gives an empty inner optional), when present.
    std::optional<std::optional<QString>> nullableText(QLatin1StringView key) const;
    //! An object, when present; null and other types are "Expected a JSON object.".
    std::optional<QJsonObject> object(QLatin1StringView key) const;
    //! A number, when present; "A valid number is required." otherwise.
    std::optional<double> number(QLatin1StringView key) const;
    //! A number or null, when present.
    std::optional<std::optional<double>> nullableNumber(QLatin1StringView key) const;
    //! A boolean, when present; "Must be a valid boolean." otherwise.
    std::optional<bool> boolean(QLatin1StringView key) const;
    //! The value, when present, with a string read as the JSON object it holds (the SDK sends
    //! some objects as JSON text): "The string is not a JSON object." when it holds none.
    std::optional<QJsonValue> valueOrJsonText(QLatin1StringView key) const;

private:
    QJsonObject m_object;
    Mode m_mode;
    wire::JsonPath m_path; //!< its parent chain lives with the caller
};

} // namespace segscope::server
