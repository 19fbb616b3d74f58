#pragma once

#include "pagewalk.h"
#include "wire/sample.h"
#include "wire/samplequery.h"

//! docs/api-contract.md §4 and §5: samples.
namespace segscope::api {

//! The body of a sample create (single or bulk).
struct NewSample {
    QString name;
    QJsonObject attributes; //!< {"image": {"url": ...}} or {"frames": [...]}
    QJsonObject metadata;
    std::optional<double> priority;
    QString readme;
    QString assignedLabeler;
    QString assignedReviewer;

    QJsonObject toJson() const;
    //! {"image": {"url": url}}
    static QJsonObject imageAttributes(const QString &url);
};

//! GET /datasets/{ds}/samples/?...: one page (query.page); past the end: NotFound with
//! isInvalidPage().
CallHandle listSamples(ApiClient &client, const QString &dataset, const wire::SampleQuery &query,
                       QObject *context, Callback<QList<wire::Sample>> done);
//! Every page from query.page on, one page in memory at a time (two with Pace::OneAhead);
//! `onPage` returns false to stop.
CallHandle walkSamples(ApiClient &client, const QString &dataset, const wire::SampleQuery &query,
                       QObject *context, std::function<bool(QList<wire::Sample>, int)> onPage,
                       Callback<Done> done, PageWalk::Pace pace = PageWalk::Pace::OneAtATime);
//! POST /datasets/{ds}/samples/ (gzipped body)
CallHandle createSample(ApiClient &client, const QString &dataset, const NewSample &sample,
                        QObject *context, Callback<wire::Sample> done);
//! POST /datasets/{ds}/samples_bulk/ (gzipped); existing names come back as they are.
CallHandle createSamples(ApiClient &client, const QString &dataset, const QList<NewSample> &samples,
                         QObject *context, Callback<QList<wire::Sample>> done);
//! DELETE /datasets/{ds}/samples_bulk/ with {"uuids": [...]}: the number deleted.
CallHandle deleteSamples(ApiClient &client, const QString &dataset, const QStringList &uuids,
                         QObject *context, Callback<qint64> done);
//! GET /samples/{uuid}/ (with the full label when `labelset` is given).
CallHandle getSample(ApiClient &client, const QString &uuid, const QString &labelset,
                     QObject *context, Callback<wire::Sample> done);
//! PATCH /samples/{uuid}/ (gzipped) with any of name, attributes, metadata, priority, ...
CallHandle updateSample(ApiClient &client, const QString &uuid, const QJsonObject &changes,
                        QObject *context, Callback<wire::Sample> done);
//! DELETE /samples/{uuid}/
CallHandle deleteSample(ApiClient &client, const QString &uuid, QObject *context,
                        Callback<Done> done);

} // namespace segscope::api
