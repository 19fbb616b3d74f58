#include "annotationfile.h"

#include "wire/jsonreader.h"
#include "wire/label.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace segscope::upload {

std::optional<AnnotationFile> AnnotationFile::read(const QString &path, QString *error) {
    const QString name = QFileInfo(path).fileName();
    if (path.isEmpty()) {
        *error = u"no annotations file given"_s;
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"%1: cannot be read: %2"_s.arg(name, file.errorString());
        return std::nullopt;
    }
    // One byte past the cap tells a file at the cap from a larger one, whatever size the file
    // system reports (a pipe or /proc file reports 0).
    const QByteArray json = file.read(MaxBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        *error = u"%1: cannot be read: %2"_s.arg(name, file.errorString());
        return std::nullopt;
    }
    if (json.size() > MaxBytes) {
        *error = u"%1: larger than %2 MB, too large for annotations"_s.arg(name).arg(MaxBytes /
                                                                                     (1024 * 1024));
        return std::nullopt;
    }
    return fromJson(json, name, error);
}

std::optional<AnnotationFile> AnnotationFile::fromJson(const QByteArray &json, const QString &name,
                                                       QString *error) {
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error =
            u"%1: not valid JSON: %2 at byte %3"_s.arg(name, parse.errorString()).arg(parse.offset);
        return std::nullopt;
    }
    // Strict: what goes up is checked as the server will check it.
    wire::JsonError jsonError = wire::JsonError::strictReading();
    AnnotationFile file;
    if (document.isArray()) {
        // Read for their errors (with paths like `[2].id`); what is put is the list as written.
        wire::readList<wire::Annotation>(document.array(), &jsonError);
        file.m_attributes.insert("annotations"_L1, document.array());
    } else if (document.isObject()) {
        const QJsonObject top = document.object();
        const wire::JsonPath root;
        const wire::JsonPath labelAt = root.child("label"_L1);
        const wire::JsonPath sampleLabelAt = labelAt.child("attributes"_L1);
        const wire::JsonPath wholeLabelAt = root.child("attributes"_L1);
        // Where the attributes are: the document itself, a sample's label's or a label's. The
        // label first: a sample has `attributes` too, its image's.
        const wire::JsonPath *at = &root;
        QJsonValue attributes = top;
        if (!top.contains("annotations"_L1)) {
            if (top.contains("label"_L1)) {
                const QJsonValue label = top.value("label"_L1);
                if (!label.isObject())
                    jsonError = {labelAt.toString(), label.isNull() ? u"the sample has no label"_s
                                                                    : u"expected a label"_s};
                at = &sampleLabelAt;
                attributes = label.toObject().value("attributes"_L1);
            } else if (top.contains("attributes"_L1)) {
                at = &wholeLabelAt;
                attributes = top.value("attributes"_L1);
            } else {
                jsonError = {QString(), u"expected an `annotations` list, a label with "
                                        u"`attributes` or a sample with its `label`"_s};
            }
        }
        QJsonObject o = attributes.toObject();
        o.remove("segmentation_bitmap"_L1); // the url of the bitmap being uploaded goes there
        wire::LabelAttributes::read(attributes.isObject() ? QJsonValue(o) : attributes, *at,
                                    &jsonError);
        if (!jsonError.isSet() && !o.value("annotations"_L1).isArray()) {
            const wire::JsonPath annotationsAt = at->child("annotations"_L1);
            jsonError = {annotationsAt.toString(), u"expected a list of annotations"_s};
        }
        file.m_attributes = o;
    } else { // a bare value: Qt 6.4 refuses it as invalid JSON already, later Qt may not
        jsonError = {QString(), u"expected a list of annotations or an object"_s};
    }
    if (jsonError.isSet()) {
        *error = u"%1: %2"_s.arg(name, jsonError.toString());
        return std::nullopt;
    }
    if (file.m_attributes.value("format_version"_L1).toString().isEmpty())
        file.m_attributes.insert("format_version"_L1, u"0.1"_s);
    return file;
}

QString AnnotationFile::formatVersion() const {
    return m_attributes.value("format_version"_L1).toString();
}

QJsonArray AnnotationFile::annotations() const {
    return m_attributes.value("annotations"_L1).toArray();
}

} // namespace segscope::upload
