#include "timestamps.h"

#include "model/jsonreader.h"

namespace segscope::server {

QString nowString() {
    return model::formatTime(QDateTime::currentDateTimeUtc());
}

QDateTime parseTime(const QString &stored) {
    return QDateTime::fromString(stored, Qt::ISODateWithMs).toUTC();
}

} // namespace segscope::server
