#include "timestamps.h"

#include "wire/jsonreader.h"

namespace segscope::server {

QString nowString() {
    return wire::formatTime(QDateTime::currentDateTimeUtc());
}

QDateTime parseTime(const QString &stored) {
    return QDateTime::fromString(stored, Qt::ISODateWithMs).toUTC();
}

} // namespace segscope::server
