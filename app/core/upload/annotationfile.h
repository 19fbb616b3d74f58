#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace segscope::upload {

//! The annotations a user hands in beside a segmentation bitmap, read from a JSON file in any
//! of the shapes people have at hand:
//! - a bare list of annotations: `[{"id": 1, "category_id": 2}, ...]`;
//! - a label's attributes: `{"format_version": "0.1", "annotations": [...]}`, other fields
//!   (`image_attributes`, ...) kept;
//! - a whole label as the API returns it (and `segscope label` prints it): `{"attributes":
//!   {...}, "label_status": ...}`, or a sample with its label: `{"label": {"attributes": ...}}`;
//!   only the attributes are taken.
//! Every annotation is read with the wire's rules, so a bad one is refused here, with its path,
//! rather than by the server after the image went up. The upload dialog and `segscope upload`
//! both read annotations through this class.
class AnnotationFile {
public:
    //! A larger file is refused: annotations of even a crowded image are a few hundred kB, and a
    //! file this size is more likely the wrong file than a label.
    static constexpr qint64 MaxBytes = 10 * 1024 * 1024;

    //! Reads `path`. nullopt when it cannot be used, with one line in `error` that starts with
    //! the file's name: `labels.json: cannot be read: No such file or directory`, `labels.json:
    //! not valid JSON: unterminated array at byte 17`, `labels.json: larger than 10 MB`,
    //! `labels.json: attributes.annotations[2].category_id: expected an integer, got a string`.
    static std::optional<AnnotationFile> read(const QString &path, QString *error);
    //! The same for a document already in memory; `name` stands for the file in errors.
    static std::optional<AnnotationFile> fromJson(const QByteArray &json, const QString &name,
                                                  QString *error);

    //! The file's `format_version`, "0.1" when it had none.
    QString formatVersion() const;
    QJsonArray annotations() const;
    //! The label attributes to put: `format_version` (always set), `annotations` and the other
    //! fields of the file's attributes, never `segmentation_bitmap`: the upload puts the url of
    //! the bitmap it sends there.
    const QJsonObject &labelAttributes() const { return m_attributes; }

private:
    QJsonObject m_attributes;
};

} // namespace segscope::upload
