#include "file.h"

using namespace Qt::StringLiterals;

namespace segscope::wire {

File File::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    File f;
    f.uuid = r.string("uuid"_L1);
    f.filename = r.string("filename"_L1);
    f.url = r.string("url"_L1);
    f.createdAt = r.dateTime("created_at"_L1, ObjectReader::Optional);
    const QJsonObject post = r.object("presignedPostFields"_L1);
    if (!r.ok())
        return f;
    const JsonPath postPath = path.child("presignedPostFields"_L1);
    ObjectReader p(post, postPath, error);
    f.uploadUrl = p.string("url"_L1);
    const QJsonObject fields = p.object("fields"_L1);
    // QJsonObject iterates in key order; the wire order is lost, and storage does not need it
    // except that `key` conventionally comes first.
    if (fields.contains("key"_L1))
        f.uploadFields.append({u"key"_s, fields.value("key"_L1).toString()});
    for (auto it = fields.begin(); it != fields.end() && p.ok(); ++it) {
        if (!it->isString()) {
            const JsonPath fieldsPath = postPath.child("fields"_L1);
            *error = JsonError{fieldsPath.toString() + u'.' + it.key(), u"expected a string"_s};
            break;
        }
        if (it.key() != "key"_L1)
            f.uploadFields.append({it.key(), it->toString()});
    }
    return f;
}

QJsonObject File::toJson() const {
    QJsonObject fields;
    for (const auto &[k, v] : uploadFields)
        fields.insert(k, v);
    QJsonObject o{
        {"uuid"_L1, uuid},
        {"filename"_L1, filename},
        {"url"_L1, url},
        {"presignedPostFields"_L1, QJsonObject{{"url"_L1, uploadUrl}, {"fields"_L1, fields}}}};
    // Optional on the way in, so absent on the way out: "" would not read back as a time.
    if (createdAt.isValid())
        o.insert("created_at"_L1, formatTime(createdAt));
    return o;
}

} // namespace segscope::wire
