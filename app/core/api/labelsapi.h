#pragma once

#include "apiclient.h"

#include "wire/label.h"

//! docs/api-contract.md §4: labels, addressed by sample uuid and labelset name.
namespace segscope::api {

//! The body of PUT /labels/{uuid}/{labelset}/.
struct LabelInput {
    QJsonObject attributes; //!< e.g. wire::LabelAttributes::toJson()
    QString labelStatus;    //!< server default PRELABELED when empty
    std::optional<double> score;

    QJsonObject toJson() const;
};

//! GET /labels/{uuid}/{labelset}/; NotFound when the sample has no label there.
CallHandle getLabel(ApiClient &client, const QString &sampleUuid, const QString &labelset,
                    QObject *context, Callback<wire::Label> done);
//! PUT /labels/{uuid}/{labelset}/ (gzipped): creates or replaces.
CallHandle putLabel(ApiClient &client, const QString &sampleUuid, const QString &labelset,
                    const LabelInput &label, QObject *context, Callback<wire::Label> done);
//! PATCH /labels/{uuid}/{labelset}/ (gzipped) with any of attributes, label_status, score.
CallHandle patchLabel(ApiClient &client, const QString &sampleUuid, const QString &labelset,
                      const QJsonObject &changes, QObject *context, Callback<wire::Label> done);
//! PATCH /labels/{uuid}/{labelset}/ with {"label_status": status} alone, as the SDK's
//! update_label sends it; repeated after a reset or a 502/503/504 like a PUT, since setting a
//! status twice is setting it once.
CallHandle setLabelStatus(ApiClient &client, const QString &sampleUuid, const QString &labelset,
                          const QString &status, QObject *context, Callback<wire::Label> done);
//! DELETE /labels/{uuid}/{labelset}/
CallHandle deleteLabel(ApiClient &client, const QString &sampleUuid, const QString &labelset,
                       QObject *context, Callback<Done> done);

} // namespace segscope::api
