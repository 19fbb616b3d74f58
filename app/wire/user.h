#pragma once

#include "jsonreader.h"

namespace segscope::wire {

//! A user or organization (docs/api-contract.md §3 User; also the Owner inside a Dataset).
struct User {
    QString username;
    QDateTime createdAt;
    bool isOrganization = false;
    QString email; //!< optional; empty when absent

    //! Reads a User; `asOwner` relaxes is_organization, which an Owner does not carry.
    static User read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    static User readOwner(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;
    QJsonObject toOwnerJson() const;
};

} // namespace segscope::wire
