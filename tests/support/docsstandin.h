#pragma once

#include "faultserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRect>
#include <QRgb>

namespace segscope::test {

//! A stand-in for the real Segments.ai service that answers with what others wrote: the response
//! examples of the API documentation and the SDK-shaped fixtures of tests/data/api, field for
//! field, with only their asset URLs pointed at itself (where it serves real PNG and JPEG files).
//! It knows one user (`jane`), one dataset (`jane/flowers`) and the samples below; anything else
//! is a 404 with the API's error body.
class DocsStandIn {
public:
    static constexpr QLatin1StringView Dataset{"jane/flowers"};
    //! The documentation's sample (`image.png`) and its label (instance 1, category 0).
    static constexpr QLatin1StringView DocsSample{"10130ecd-790e-463d-86ce-747f5c545c77"};
    //! The SDK's minimal sample (`rose.jpg`) and its minimal label (instance 1, category 1).
    static constexpr QLatin1StringView SdkSample{"4f7c2a10-0000-4000-8000-000000000001"};
    //! Where instance 1 lies in both label bitmaps (the images are 64x48).
    static QRect instanceRect() { return QRect(8, 8, 24, 16); }
    //! The colour of category 0 ("flower") that the stand-in's dataset gives.
    static QRgb flowerColor() { return qRgb(255, 0, 0); }

    DocsStandIn();
    bool listen();
    QUrl url() const { return m_server.url(); }
    FaultServer &server() { return m_server; }

    //! The samples as listed: the docs' one, the SDK's minimal one, then one of each other kind.
    const QJsonArray &samples() const { return m_samples; }

private:
    std::optional<Fault> answer(const RecordedRequest &request) const;
    QJsonObject sample(const QString &uuid) const;
    QJsonValue label(const QString &uuid) const;
    QString asset(const QString &name) const;
    void pointAtSelf();

    FaultServer m_server;
    QJsonObject m_user;
    QJsonObject m_dataset;
    QJsonObject m_labelset;
    QJsonArray m_samples;
    QJsonObject m_docsLabel;
    QJsonObject m_sdkLabel;
    QHash<QString, QByteArray> m_assets; //!< path under /assets/ -> bytes
};

} // namespace segscope::test
