#include "jsonreader.h"

#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;

namespace segscope::wire {

QString JsonError::toString() const {
    return path.isEmpty() ? message : path + u": "_s + message;
}

QString JsonPath::toString() const {
    QList<const JsonPath *> chain;
    for (const JsonPath *p = this; p; p = p->parent)
        chain.prepend(p);
    QString out;
    for (const JsonPath *p : chain) {
        if (p->index >= 0) {
            out += u'[' + QString::number(p->index) + u']';
        } else if (!p->key.isEmpty()) {
            if (!out.isEmpty())
                out += u'.';
            out += p->key;
        }
    }
    return out;
}

namespace {

QString typeName(const QJsonValue &v) {
    switch (v.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

} // namespace

ObjectReader::ObjectReader(const QJsonValue &value, const JsonPath &path, JsonError *error)
    : m_path(path)
    , m_error(error) {
    if (m_error->isSet())
        return;
    if (!value.isObject()) {
        *m_error = JsonError{path.toString(), u"expected an object, got "_s + typeName(value)};
        return;
    }
    m_object = value.toObject();
}

bool ObjectReader::has(QLatin1StringView key) const {
    const auto it = m_object.constFind(key);
    return it != m_object.constEnd() && !it->isNull();
}

void ObjectReader::fail(QLatin1StringView key, const QString &message) {
    if (m_error->isSet())
        return;
    const JsonPath p = m_path.child(key);
    *m_error = JsonError{p.toString(), message};
}

void ObjectReader::mismatch(QLatin1StringView key, Need need, const QString &message) {
    if (need != Optional || strict())
        fail(key, message);
}

QJsonValue ObjectReader::value(QLatin1StringView key, Need need) {
    if (!ok())
        return {};
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() && need == Required)
        fail(key, u"required field is missing"_s);
    return v;
}

QString ObjectReader::string(QLatin1StringView key, Need need) {
    const QJsonValue v = value(key, need);
    if (v.isString())
        return v.toString();
    if (v.isUndefined() || (v.isNull() && need != Required))
        return {};
    mismatch(key, need, u"expected a string, got "_s + typeName(v));
    return {};
}

std::optional<QString> ObjectReader::nullableString(QLatin1StringView key, Need need) {
    const QJsonValue v = value(key, need);
    if (v.isString())
        return v.toString();
    if (!v.isUndefined() && !v.isNull())
        mismatch(key, need, u"expected a string or null, got "_s + typeName(v));
    return std::nullopt;
}

bool ObjectReader::boolean(QLatin1StringView key, Need need, bool fallback) {
    const QJsonValue v = value(key, need);
    if (v.isBool())
        return v.toBool();
    if (v.isUndefined() || (v.isNull() && need != Required))
        return fallback;
    mismatch(key, need, u"expected a boolean, got "_s + typeName(v));
    return fallback;
}

qint64 ObjectReader::integer(QLatin1StringView key, Need need, qint64 fallback) {
    const QJsonValue v = value(key, need);
    if (v.isDouble()) {
        // toInteger() refuses fractions and numbers beyond qint64 (a plain cast of 1e300 is
        // undefined); one that reads back as a different number was not whole.
        const qint64 i = v.toInteger();
        if (double(i) == v.toDouble())
            return i;
        mismatch(key, need, u"expected an integer, got "_s + QString::number(v.toDouble()));
        return fallback;
    }
    if (v.isUndefined() || (v.isNull() && need != Required))
        return fallback;
    mismatch(key, need, u"expected an integer, got "_s + typeName(v));
    return fallback;
}

std::optional<qint64> ObjectReader::optionalInteger(QLatin1StringView key, Need need) {
    const QJsonValue v = value(key, need);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const double d = v.toDouble();
    if (!v.isDouble() || d != double(qint64(d))) {
        mismatch(key, need,
                 u"expected an integer, got "_s +
                     (v.isDouble() ? QString::number(d) : typeName(v)));
        return std::nullopt;
    }
    return qint64(d);
}

double ObjectReader::number(QLatin1StringView key, Need need, double fallback) {
    const QJsonValue v = value(key, need);
    if (v.isDouble())
        return v.toDouble();
    if (v.isUndefined() || (v.isNull() && need != Required))
        return fallback;
    mismatch(key, need, u"expected a number, got "_s + typeName(v));
    return fallback;
}

std::optional<double> ObjectReader::optionalNumber(QLatin1StringView key, Need need) {
    const QJsonValue v = value(key, need);
    if (v.isDouble())
        return v.toDouble();
    if (!v.isUndefined() && !v.isNull())
        mismatch(key, need, u"expected a number, got "_s + typeName(v));
    return std::nullopt;
}

std::optional<double> ObjectReader::lenientNumber(QLatin1StringView key, Need need) {
    const QJsonValue v = value(key, need);
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        const QString s = v.toString().trimmed();
        if (s.isEmpty())
            return std::nullopt;
        bool isNumber = false;
        const double d = s.toDouble(&isNumber);
        // Qt reads "inf" and "nan", which JSON cannot carry: written back they would be null.
        if (isNumber && std::isfinite(d))
            return d;
        mismatch(key, need, u"expected a number, got \""_s + s + u'"');
        return std::nullopt;
    }
    if (!v.isUndefined() && !v.isNull())
        mismatch(key, need, u"expected a number, got "_s + typeName(v));
    return std::nullopt;
}

QJsonObject ObjectReader::object(QLatin1StringView key, Need need) {
    const QJsonValue v = value(key, need);
    if (v.isObject())
        return v.toObject();
    if (v.isUndefined() || (v.isNull() && need != Required))
        return {};
    mismatch(key, need, u"expected an object, got "_s + typeName(v));
    return {};
}

QJsonArray ObjectReader::array(QLatin1StringView key, Need need) {
    const QJsonValue v = value(key, need);
    if (v.isArray())
        return v.toArray();
    if (v.isUndefined() || (v.isNull() && need != Required))
        return {};
    mismatch(key, need, u"expected an array, got "_s + typeName(v));
    return {};
}

namespace {

// Reads `count` ASCII digits at `pos`, or -1.
int digits(QStringView s, qsizetype pos, int count) {
    if (pos + count > s.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = s[pos + i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

// The form the API writes, "2026-11-27T10:20:30.123456Z" (fraction optional, Z or +hh:mm),
// without QDateTime's general parser: two of these per sample dominate reading a page.
// Anything else gives an invalid time and the caller falls back to Qt's parser.
QDateTime parseApiTime(QStringView s) {
    const int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
    const int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || s[4] != u'-' ||
        s[7] != u'-' || s[10] != u'T' || s[13] != u':' || s[16] != u':')
        return {};
    qsizetype pos = 19;
    int msec = 0;
    if (pos < s.size() && s[pos] == u'.') {
        ++pos;
        int scale = 100;
        const qsizetype start = pos;
        while (pos < s.size() && s[pos] >= u'0' && s[pos] <= u'9') {
            msec += (s[pos].unicode() - u'0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start)
            return {};
    }
    int offsetSeconds = 0;
    if (pos + 1 == s.size() && s[pos] == u'Z') {
        offsetSeconds = 0;
    } else if (pos + 6 == s.size() && (s[pos] == u'+' || s[pos] == u'-') && s[pos + 3] == u':') {
        const int oh = digits(s, pos + 1, 2), om = digits(s, pos + 4, 2);
        if (oh < 0 || om < 0)
            return {};
        offsetSeconds = (oh * 3600 + om * 60) * (s[pos] == u'-' ? -1 : 1);
    } else {
        return {};
    }
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid())
        return {};
    const qint64 ms = (date.toJulianDay() - QDate(1970, 1, 1).toJulianDay()) * 86400000LL +
                      time.msecsSinceStartOfDay() - offsetSeconds * 1000LL;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// The years formatTime() writes as four digits: an offset can carry a time at either end of
// them past it ("9999-12-31T23:00:00-02:00"), and what is written then does not read back.
bool inWritableYears(const QDateTime &utc) {
    return utc.date().year() >= 1 && utc.date().year() <= 9999;
}

} // namespace

QDateTime ObjectReader::dateTime(QLatin1StringView key, Need need) {
    const QJsonValue v = value(key, need);
    if (v.isString()) {
        const QString text = v.toString();
        if (QDateTime fast = parseApiTime(text); fast.isValid() && inWritableYears(fast))
            return fast;
        QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
        if (t.isValid() && inWritableYears(t))
            return t;
        mismatch(key, need, u"expected an ISO 8601 time, got \""_s + text + u'"');
        return {};
    }
    if (v.isUndefined() || (v.isNull() && need != Required))
        return {};
    mismatch(key, need, u"expected a time string, got "_s + typeName(v));
    return {};
}

std::optional<QColor> ObjectReader::color(QLatin1StringView key, Need need) {
    const QJsonValue v = value(key, need);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const QJsonArray a = v.toArray();
    bool valid = v.isArray() && (a.size() == 3 || a.size() == 4);
    for (const QJsonValue &c : a)
        valid = valid && c.isDouble() && c.toDouble() >= 0 && c.toDouble() <= 255;
    if (!valid) {
        mismatch(key, need, u"expected [r, g, b] or [r, g, b, a] with values 0-255"_s);
        return std::nullopt;
    }
    return QColor(a.at(0).toInt(), a.at(1).toInt(), a.at(2).toInt(),
                  a.size() == 4 ? a.at(3).toInt() : 255);
}

QStringList ObjectReader::stringList(QLatin1StringView key, Need need) {
    const QJsonArray a = array(key, need);
    QStringList out;
    out.reserve(a.size());
    for (qsizetype i = 0; i < a.size() && ok(); ++i) {
        if (!a.at(i).isString()) {
            if (need == Optional && !strict())
                continue; // a list of names with a stray non-string: keep the names
            const JsonPath p = m_path.child(key);
            *m_error =
                JsonError{p.at(i).toString(), u"expected a string, got "_s + typeName(a.at(i))};
            break;
        }
        out.append(a.at(i).toString());
    }
    return out;
}

QString formatTime(const QDateTime &time) {
    if (!time.isValid())
        return {};
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) + u'Z';
}

QJsonValue timeToJson(const QDateTime &time) {
    return time.isValid() ? QJsonValue(formatTime(time)) : QJsonValue();
}

QJsonValue colorToJson(const QColor &color) {
    QJsonArray a{color.red(), color.green(), color.blue()};
    if (color.alpha() != 255)
        a.append(color.alpha());
    return a;
}

} // namespace segscope::wire
