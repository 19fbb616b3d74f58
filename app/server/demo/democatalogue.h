#pragma once

#include <QColor>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// The demo street-scenes dataset's catalogue: its categories, their object attributes and the
// values those take. The scene painter labels what it draws with it, the prediction confuses
// its categories, and the demo data serves it as task_attributes.
namespace segscope::server {

struct DemoCategory {
    int id;
    QString name;
    QColor color;
    bool hasInstances;
};

// The eight categories of the demo street-scenes dataset, ids 1..8 in this order: road, sky,
// building, vegetation (stuff), car, person, bicycle, traffic sign (things).
QList<DemoCategory> demoCategories();

// task_attributes of the demo dataset (docs/api-contract.md §3), including per-category object
// attributes.
QJsonObject demoTaskAttributes();

} // namespace segscope::server

namespace segscope::server::demo {

// The values of the car's `vehicle_type`, in the order of VehicleType.
const QStringList &vehicleTypes();
// The values of the traffic sign's `sign_type`, in the order of SignType.
const QStringList &signTypes();
// The object attributes of a new instance of `category` (a demo::Category) at their defaults.
QJsonObject defaultAttributes(int category);

} // namespace segscope::server::demo
