#include "user.h"

using namespace Qt::StringLiterals;

namespace segscope::wire {

User User::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    User u;
    u.username = r.string("username"_L1);
    u.createdAt = r.dateTime("created_at"_L1, ObjectReader::Optional);
    u.isOrganization = r.boolean("is_organization"_L1, ObjectReader::Optional);
    u.email = r.nullableString("email"_L1).value_or(QString());
    return u;
}

User User::readOwner(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    User u;
    u.username = r.string("username"_L1);
    u.createdAt = r.dateTime("created_at"_L1, ObjectReader::Optional);
    u.email = r.nullableString("email"_L1).value_or(QString());
    return u;
}

QJsonObject User::toJson() const {
    QJsonObject o = toOwnerJson();
    o.insert("is_organization"_L1, isOrganization);
    return o;
}

QJsonObject User::toOwnerJson() const {
    QJsonObject o{{"username"_L1, username}, {"created_at"_L1, timeToJson(createdAt)}};
    if (!email.isEmpty())
        o.insert("email"_L1, email);
    return o;
}

} // namespace segscope::wire
