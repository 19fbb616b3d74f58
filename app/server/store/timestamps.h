#pragma once

#include <QDateTime>
#include <QString>

namespace segscope::server {

//! Now in UTC, as the API writes it (sortable as text, which the indexes rely on).
QString nowString();
QDateTime parseTime(const QString &stored);

} // namespace segscope::server
