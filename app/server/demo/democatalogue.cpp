#include "democatalogue.h"

#include "scenepainter_shapes.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace segscope::server {

using namespace demo;

QList<DemoCategory> demoCategories() {
    // Cityscapes' colours, so the overlays look familiar to anyone who has seen that dataset.
    return {
        {Road, u"road"_s, QColor(128, 64, 128), false},
        {Sky, u"sky"_s, QColor(70, 130, 180), false},
        {Building, u"building"_s, QColor(70, 70, 70), false},
        {Vegetation, u"vegetation"_s, QColor(107, 142, 35), false},
        {Car, u"car"_s, QColor(0, 0, 142), true},
        {Person, u"person"_s, QColor(220, 20, 60), true},
        {Bicycle, u"bicycle"_s, QColor(119, 11, 32), true},
        {TrafficSign, u"traffic sign"_s, QColor(220, 220, 0), true},
    };
}

namespace {

QJsonObject checkboxAttribute(const QString &name) {
    return {{u"name"_s, name}, {u"input_type"_s, u"checkbox"_s}, {u"default_value"_s, false}};
}

QJsonObject selectAttribute(const QString &name, const QStringList &values) {
    return {{u"name"_s, name},
            {u"input_type"_s, u"select"_s},
            {u"values"_s, QJsonArray::fromStringList(values)},
            {u"default_value"_s, values.first()}};
}

} // namespace

QJsonObject demoTaskAttributes() {
    QJsonArray categories;
    for (const DemoCategory &c : demoCategories()) {
        QJsonArray attributes;
        if (c.id == Car || c.id == Person)
            attributes << checkboxAttribute(u"occluded"_s);
        if (c.id == Car)
            attributes << selectAttribute(u"vehicle_type"_s, vehicleTypes());
        if (c.id == TrafficSign)
            attributes << selectAttribute(u"sign_type"_s, signTypes());
        categories << QJsonObject{
            {u"id"_s, c.id},
            {u"name"_s, c.name},
            {u"color"_s, QJsonArray{c.color.red(), c.color.green(), c.color.blue()}},
            {u"has_instances"_s, c.hasInstances},
            {u"attributes"_s, attributes}};
    }
    return {{u"format_version"_s, u"0.1"_s}, {u"categories"_s, categories}};
}

} // namespace segscope::server

namespace segscope::server::demo {

const QStringList &vehicleTypes() {
    static const QStringList types = {u"sedan"_s, u"suv"_s, u"van"_s, u"taxi"_s};
    return types;
}

const QStringList &signTypes() {
    static const QStringList types = {u"stop"_s, u"speed_limit"_s, u"yield"_s};
    return types;
}

QJsonObject defaultAttributes(int category) {
    switch (category) {
    case Car:
        return {{u"occluded"_s, false}, {u"vehicle_type"_s, vehicleTypes().first()}};
    case Person:
        return {{u"occluded"_s, false}};
    case TrafficSign:
        return {{u"sign_type"_s, signTypes().first()}};
    default:
        return {};
    }
}

} // namespace segscope::server::demo
