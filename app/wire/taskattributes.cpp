#include "taskattributes.h"

#include "vocabulary.h"

using namespace Qt::StringLiterals;

namespace segscope::wire {

AttributeDefinition AttributeDefinition::read(const QJsonValue &v, const JsonPath &path,
                                              JsonError *error) {
    ObjectReader r(v, path, error);
    AttributeDefinition a;
    a.name = r.string("name"_L1);
    // An input type the client does not know is kept (shown as text); the server refuses it.
    a.inputType =
        r.string("input_type"_L1, r.strict() ? ObjectReader::Required : ObjectReader::Optional);
    if (r.ok() && r.strict() && !attributeInputTypes().contains(a.inputType))
        r.fail("input_type"_L1, u"unknown input type \""_s + a.inputType + u'"');
    a.values = r.stringList("values"_L1);
    a.defaultValue = r.object().value("default_value"_L1);
    a.min = r.lenientNumber("min"_L1);
    a.max = r.lenientNumber("max"_L1);
    a.step = r.lenientNumber("step"_L1);
    return a;
}

QJsonObject AttributeDefinition::toJson() const {
    QJsonObject o{{"name"_L1, name}, {"input_type"_L1, inputType}};
    if (!values.isEmpty() || inputType == "select"_L1 || inputType == "multiselect"_L1)
        o.insert("values"_L1, QJsonArray::fromStringList(values));
    if (!defaultValue.isUndefined())
        o.insert("default_value"_L1, defaultValue);
    if (min)
        o.insert("min"_L1, *min);
    if (max)
        o.insert("max"_L1, *max);
    if (step)
        o.insert("step"_L1, *step);
    return o;
}

Category Category::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    Category c;
    c.id = r.integer("id"_L1);
    c.name = r.string("name"_L1);
    c.color = r.color("color"_L1);
    c.hasInstances = r.boolean("has_instances"_L1, ObjectReader::Optional);
    c.attributes = r.list<AttributeDefinition>("attributes"_L1, ObjectReader::Optional);
    return c;
}

QJsonObject Category::toJson() const {
    QJsonObject o{{"id"_L1, id}, {"name"_L1, name}, {"has_instances"_L1, hasInstances}};
    if (color)
        o.insert("color"_L1, colorToJson(*color));
    QJsonArray attrs;
    for (const AttributeDefinition &a : attributes)
        attrs.append(a.toJson());
    o.insert("attributes"_L1, attrs);
    return o;
}

TaskAttributes TaskAttributes::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    TaskAttributes t;
    t.formatVersion = r.string("format_version"_L1, ObjectReader::Optional);
    if (t.formatVersion.isEmpty())
        t.formatVersion = u"0.1"_s;
    t.categories = r.list<Category>("categories"_L1, ObjectReader::Checked);
    t.imageAttributes = r.list<AttributeDefinition>("image_attributes"_L1, ObjectReader::Optional);
    return t;
}

QJsonObject TaskAttributes::toJson() const {
    QJsonArray cats;
    for (const Category &c : categories)
        cats.append(c.toJson());
    QJsonObject o{{"format_version"_L1, formatVersion}, {"categories"_L1, cats}};
    if (!imageAttributes.isEmpty()) {
        QJsonArray attrs;
        for (const AttributeDefinition &a : imageAttributes)
            attrs.append(a.toJson());
        o.insert("image_attributes"_L1, attrs);
    }
    return o;
}

const Category *TaskAttributes::category(qint64 id) const {
    for (const Category &c : categories) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

QColor TaskAttributes::colorOf(qint64 categoryId) const {
    for (qsizetype i = 0; i < categories.size(); ++i) {
        if (categories.at(i).id == categoryId)
            return categories.at(i).color.value_or(labelPalette().at(i % 36));
    }
    return {};
}

const QList<QColor> &labelPalette() {
    static const QList<QColor> palette = [] {
        const char *hex[] = {"#0071BC", "#D85218", "#ECB01F", "#7D2E8D", "#76AB2F", "#4CBDED",
                             "#A1132E", "#FF0000", "#FF7F00", "#BEBE00", "#00FF00", "#0000FF",
                             "#AA00FF", "#545400", "#54AA00", "#54FF00", "#AA5400", "#AAAA00",
                             "#AAFF00", "#FF5400", "#FFAA00", "#FFFF00", "#00547F", "#00AA7F",
                             "#00FF7F", "#54007F", "#54547F", "#54AA7F", "#54FF7F", "#AA007F",
                             "#AA547F", "#AAAA7F", "#AAFF7F", "#FF007F", "#FF547F", "#FFAA7F"};
        QList<QColor> list;
        for (const char *h : hex)
            list.append(QColor::fromString(QLatin1StringView(h)));
        return list;
    }();
    return palette;
}

QColor instanceColor(quint32 instanceId) {
    return labelPalette().at(int((instanceId - 1) % 36));
}

} // namespace segscope::wire
