#pragma once

#include "jsonreader.h"

namespace segscope::wire {

//! A comment in an issue's thread (docs/api-contract.md §3 Issue).
struct IssueComment {
    QDateTime createdAt;
    QString createdBy;
    QString text;

    static IssueComment read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;
};

//! An issue raised on a sample (docs/api-contract.md §3 Issue): a reviewer's note that something
//! in its label is wrong, OPEN until someone closes it. The SDK's model requires every field;
//! the reader asks only for uuid, description and status and takes the rest when present, so an
//! issue the real service sends with fewer fields still shows.
struct Issue {
    QString uuid;
    QString description;
    QString status; //!< OPEN or CLOSED, kept as it came (issueStatuses())
    QDateTime createdAt;
    QDateTime updatedAt;
    QString createdBy;
    QString updatedBy;
    QList<IssueComment> comments;
    QString sampleUuid;
    QString sampleName;

    bool isOpen() const { return status == QLatin1StringView("OPEN"); }

    static Issue read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;
};

//! OPEN, CLOSED.
const QStringList &issueStatuses();

} // namespace segscope::wire
