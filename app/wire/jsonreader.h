#pragma once

#include "jsonerror.h"

#include <QColor>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace segscope::wire {

//! A link in the path of the value being read. Lives on the stack of the reading code, so a
//! path costs nothing unless an error needs it spelled out.
struct JsonPath {
    const JsonPath *parent = nullptr;
    QLatin1StringView key;
    qsizetype index = -1;

    JsonPath child(QLatin1StringView k) const { return JsonPath{this, k, -1}; }
    JsonPath at(qsizetype i) const { return JsonPath{this, {}, i}; }
    QString toString() const;
};

//! Reads the fields of one JSON object, keeping the first problem (with its path) in the shared
//! JsonError. After the first error every read returns a default and records nothing, so
//! callers read all fields and check `ok()` once.
class ObjectReader {
public:
    //! Required: present and of its type. Optional: may be absent or null; of the wrong type it
    //! counts as absent unless the reading is strict (JsonError::strict). Checked: may be absent
    //! or null, but when present it must be of its type, because the code cannot do without it.
    enum Need { Required, Optional, Checked };

    ObjectReader(const QJsonValue &value, const JsonPath &path, JsonError *error);

    bool ok() const { return !m_error->isSet(); }
    bool strict() const { return m_error->strict; }
    const QJsonObject &object() const { return m_object; }
    const JsonPath &path() const { return m_path; }
    bool has(QLatin1StringView key) const;

    QString string(QLatin1StringView key, Need need = Required);
    //! A string that may also be null or absent (both give nullopt).
    std::optional<QString> nullableString(QLatin1StringView key, Need need = Optional);
    bool boolean(QLatin1StringView key, Need need = Required, bool fallback = false);
    qint64 integer(QLatin1StringView key, Need need = Required, qint64 fallback = 0);
    std::optional<qint64> optionalInteger(QLatin1StringView key, Need need = Optional);
    double number(QLatin1StringView key, Need need = Required, double fallback = 0);
    std::optional<double> optionalNumber(QLatin1StringView key, Need need = Optional);
    //! Numbers that the API sometimes sends as strings ("" meaning absent).
    std::optional<double> lenientNumber(QLatin1StringView key, Need need = Optional);
    QJsonObject object(QLatin1StringView key, Need need = Required);
    QJsonArray array(QLatin1StringView key, Need need = Required);
    QDateTime dateTime(QLatin1StringView key, Need need = Required);
    std::optional<QColor> color(QLatin1StringView key, Need need = Optional);
    QStringList stringList(QLatin1StringView key, Need need = Optional);

    //! Reads a nested value with T::read(const QJsonValue &, const JsonPath &, JsonError *).
    template <class T> T child(QLatin1StringView key, Need need = Required) {
        const QJsonValue v = value(key, need);
        if (!ok() || v.isUndefined() || v.isNull())
            return T{};
        if (!v.isObject() && need == Optional && !strict())
            return T{};
        const JsonPath p = m_path.child(key);
        return T::read(v, p, m_error);
    }

    template <class T> QList<T> list(QLatin1StringView key, Need need = Required) {
        const QJsonArray a = array(key, need);
        QList<T> out;
        if (!ok())
            return out;
        out.reserve(a.size());
        const JsonPath p = m_path.child(key);
        for (qsizetype i = 0; i < a.size() && ok(); ++i)
            out.append(T::read(a.at(i), p.at(i), m_error));
        return out;
    }

    void fail(QLatin1StringView key, const QString &message);
    //! Fails unless `need` lets a value of the wrong type count as absent.
    void mismatch(QLatin1StringView key, Need need, const QString &message);

private:
    QJsonValue value(QLatin1StringView key, Need need);

    QJsonObject m_object;
    JsonPath m_path;
    JsonError *m_error;
};

//! Reads a top-level JSON array of T. Returns an empty list and sets `error` on the first problem.
template <class T> QList<T> readList(const QJsonValue &value, JsonError *error) {
    QList<T> out;
    const JsonPath root;
    if (!value.isArray()) {
        *error = JsonError{QString(), QStringLiteral("expected an array")};
        return out;
    }
    const QJsonArray a = value.toArray();
    out.reserve(a.size());
    for (qsizetype i = 0; i < a.size() && !error->isSet(); ++i)
        out.append(T::read(a.at(i), root.at(i), error));
    if (error->isSet())
        out.clear();
    return out;
}

//! Reads one T from a JSON value; nullopt and `error` set on the first problem.
template <class T> std::optional<T> readValue(const QJsonValue &value, JsonError *error) {
    T v = T::read(value, JsonPath{}, error);
    if (error->isSet())
        return std::nullopt;
    return v;
}

//! ISO 8601 in UTC with milliseconds and a Z, as the API writes times.
QString formatTime(const QDateTime &time);
//! formatTime() as a JSON value, or null for an invalid (absent) time: "" would not read back.
QJsonValue timeToJson(const QDateTime &time);
QJsonValue colorToJson(const QColor &color);

} // namespace segscope::wire
