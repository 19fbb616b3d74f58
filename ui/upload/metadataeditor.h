#pragma once

#include "upload/typedmetadata.h"

#include <QJsonObject>
#include <QWidget>

class QTableWidget;

namespace segscope::ui {

//! A sample's metadata as rows of key, type (text, number, boolean) and value, with Add and
//! Remove buttons. The values are typed by upload::TypedMetadata, the rule `segscope upload
//! --metadata` follows too.
class MetadataEditor : public QWidget {
    Q_OBJECT

public:
    explicit MetadataEditor(QWidget *parent = nullptr);

    void addRow(const QString &key = {},
                upload::TypedMetadata::Type type = upload::TypedMetadata::Type::Text,
                const QString &value = {});
    //! The rows as a metadata object; empty rows are left out. On the first row that cannot be
    //! sent (a value without a key, a key twice, a value not of its type) `error` says which
    //! and why ("row 2: \"fast\" is not a number") and the object holds the rows before it.
    QJsonObject metadata(QString *error) const;

private:
    QTableWidget *m_table;
};

} // namespace segscope::ui
