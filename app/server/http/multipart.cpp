#include "multipart.h"

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

QByteArray headerParam(const QByteArray &header, const QByteArray &param) {
    // e.g. form-data; name="file"; filename="a.jpg"
    const QByteArray needle = param + "=";
    qsizetype from = 0;
    while ((from = header.indexOf(needle, from)) >= 0) {
        const bool atWordStart =
            from == 0 || header.at(from - 1) == ' ' || header.at(from - 1) == ';';
        from += needle.size();
        if (!atWordStart)
            continue;
        if (from < header.size() && header.at(from) == '"') {
            const qsizetype end = header.indexOf('"', from + 1);
            return end < 0 ? QByteArray() : header.mid(from + 1, end - from - 1);
        }
        qsizetype end = header.indexOf(';', from);
        if (end < 0)
            end = header.size();
        return header.mid(from, end - from).trimmed();
    }
    return {};
}

} // namespace

std::optional<QList<FormPart>> parseMultipart(QByteArrayView body, const QByteArray &contentType,
                                              QString *error) {
    if (!contentType.toLower().startsWith("multipart/form-data")) {
        *error = u"Expected a multipart/form-data body."_s;
        return std::nullopt;
    }
    const QByteArray boundary = headerParam(contentType, "boundary");
    if (boundary.isEmpty() || boundary.size() > 200) {
        *error = u"The multipart body has no boundary."_s;
        return std::nullopt;
    }
    const QByteArray delimiter = "--" + boundary;
    const QByteArray separator = "\r\n--" + boundary;
    qsizetype pos = body.indexOf(delimiter);
    if (pos < 0) {
        *error = u"The multipart body does not start with its boundary."_s;
        return std::nullopt;
    }
    pos += delimiter.size();
    QList<FormPart> parts;
    for (;;) {
        if (body.sliced(pos).startsWith("--"))
            return parts; // the closing delimiter
        if (!body.sliced(pos).startsWith("\r\n"))
            break;
        pos += 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", pos);
        if (headersEnd < 0)
            break;
        FormPart part;
        for (const QByteArray &line :
             body.sliced(pos, headersEnd - pos).toByteArray().split('\n')) {
            const QByteArray l = line.trimmed();
            const qsizetype colon = l.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = l.left(colon).trimmed().toLower();
            const QByteArray value = l.mid(colon + 1).trimmed();
            if (name == "content-disposition") {
                part.name = headerParam(value, "name");
                part.filename = headerParam(value, "filename");
            } else if (name == "content-type") {
                part.contentType = value;
            }
        }
        const qsizetype dataStart = headersEnd + 4;
        const qsizetype dataEnd = body.indexOf(separator, dataStart);
        if (dataEnd < 0)
            break;
        part.data = body.sliced(dataStart, dataEnd - dataStart);
        if (part.name.isEmpty()) {
            *error = u"A multipart part has no name."_s;
            return std::nullopt;
        }
        parts.append(part);
        pos = dataEnd + separator.size();
    }
    *error = u"The multipart body is truncated or malformed."_s;
    return std::nullopt;
}

} // namespace segscope::server
