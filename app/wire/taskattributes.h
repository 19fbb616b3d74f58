#pragma once

#include "jsonreader.h"

namespace segscope::wire {

//! An attribute definition: of the dataset's images, or of a category's objects.
struct AttributeDefinition {
    QString name;
    QString inputType;  //!< select | multiselect | text | number | checkbox
    QStringList values; //!< select / multiselect choices
    QJsonValue defaultValue;
    std::optional<double> min, max, step;

    static AttributeDefinition read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;
};

struct Category {
    qint64 id = 0;
    QString name;
    std::optional<QColor> color; //!< absent: the palette colour for its position
    bool hasInstances = false;
    QList<AttributeDefinition> attributes;

    static Category read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;
};

//! The dataset's labeling configuration (docs/api-contract.md §3 task_attributes).
struct TaskAttributes {
    QString formatVersion = QStringLiteral("0.1");
    QList<Category> categories;
    QList<AttributeDefinition> imageAttributes;

    static TaskAttributes read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;

    const Category *category(qint64 id) const;
    //! The colour a category is drawn with: its own, else palette[position % 36].
    QColor colorOf(qint64 categoryId) const;
};

//! The SDK's 36-colour export palette, in order (docs/api-contract.md §3).
const QList<QColor> &labelPalette();
//! The colour of an instance when colouring by instance: palette[(id - 1) % 36].
QColor instanceColor(quint32 instanceId);

} // namespace segscope::wire
