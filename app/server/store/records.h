#pragma once

#include <QDateTime>
#include <QString>

namespace segscope::server {

//! Server-side rows that carry what the wire values do not (database ids, ownership).
struct UserRecord {
    qint64 id = 0;
    QString username;
    QString email;
    bool isOrganization = false;
    QDateTime createdAt;

    bool isValid() const { return id > 0; }
};

} // namespace segscope::server
