#include "issue.h"

using namespace Qt::StringLiterals;

namespace segscope::wire {

IssueComment IssueComment::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    IssueComment c;
    c.createdAt = r.dateTime("created_at"_L1, ObjectReader::Optional);
    c.createdBy = r.nullableString("created_by"_L1).value_or(QString());
    c.text = r.string("text"_L1);
    return c;
}

QJsonObject IssueComment::toJson() const {
    return {
        {"created_at"_L1, timeToJson(createdAt)}, {"created_by"_L1, createdBy}, {"text"_L1, text}};
}

Issue Issue::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    Issue i;
    i.uuid = r.string("uuid"_L1);
    i.description = r.string("description"_L1);
    i.status = r.string("status"_L1);
    i.createdAt = r.dateTime("created_at"_L1, ObjectReader::Optional);
    i.updatedAt = r.dateTime("updated_at"_L1, ObjectReader::Optional);
    i.createdBy = r.nullableString("created_by"_L1).value_or(QString());
    i.updatedBy = r.nullableString("updated_by"_L1).value_or(QString());
    i.comments = r.list<IssueComment>("comments"_L1, ObjectReader::Optional);
    i.sampleUuid = r.nullableString("sample_uuid"_L1).value_or(QString());
    i.sampleName = r.nullableString("sample_name"_L1).value_or(QString());
    return i;
}

QJsonObject Issue::toJson() const {
    QJsonArray thread;
    for (const IssueComment &c : comments)
        thread.append(c.toJson());
    return {{"uuid"_L1, uuid},
            {"description"_L1, description},
            {"status"_L1, status},
            {"created_at"_L1, timeToJson(createdAt)},
            {"updated_at"_L1, timeToJson(updatedAt)},
            {"created_by"_L1, createdBy},
            {"updated_by"_L1, updatedBy},
            {"comments"_L1, thread},
            {"sample_uuid"_L1, sampleUuid},
            {"sample_name"_L1, sampleName}};
}

const QStringList &issueStatuses() {
    static const QStringList statuses{u"OPEN"_s, u"CLOSED"_s};
    return statuses;
}

} // namespace segscope::wire
