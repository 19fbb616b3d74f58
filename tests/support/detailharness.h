#pragma once

// The detail pane against segscope-server in-process (with the demo), for the detail pane's
// test programs: a test class derives from it and calls its set-up from its own slots.

#include "support/serverfixture.h"

#include "api/apiclient.h"
#include "api/datasetsapi.h"
#include "detail/detailpane.h"
#include "detail/imagecanvas.h"
#include "labels/labeloverlay.h"

#include <QAction>
#include <QComboBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

// Runs a set-up helper (which may fail the test) and stops the slot when it did.
#define SET_UP(call)                                                                               \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

namespace segscope::test {

using namespace Qt::StringLiterals;

class DetailHarness {
protected:
    //! The server with the demo and a client for it (from initTestCase).
    void startServer();
    //! A new pane, 1200x720, shown (from init).
    void newPane();
    void closePane() {
        m_pane.reset();
        m_dataset = {};
    }
    //! Opens a dataset in the pane, in ground-truth.
    void openDataset(const QString &fullName);
    //! Shows a sample and waits until it is on screen.
    bool show(const QString &uuid);
    //! Samples of demo/street-scenes in ground-truth with `status`, in list order.
    QStringList samplesWithStatus(const QString &status, int count = 1);
    //! The largest annotated instance of the sample shown and a pixel 8 px deep inside it.
    quint32 largestInstance(QPoint *inside) const;

    ui::ImageCanvas *canvas() const { return m_pane->canvas(); }
    //! The image point at the centre of the canvas.
    QPointF centre() const {
        return canvas()->imagePointAt(QRectF(canvas()->viewport()->rect()).center());
    }
    void setOption(const char *name, int index) {
        m_pane->findChild<QComboBox *>(QString::fromLatin1(name))->setCurrentIndex(index);
    }
    void setToggle(const char *name, bool on) {
        m_pane->findChild<QAction *>(QString::fromLatin1(name))->setChecked(on);
    }
    //! Once the overlay's colouring caught up with the options set last.
    bool overlaySettled() const {
        return QTest::qWaitFor([this] { return !canvas()->overlayPending(); }, 5000);
    }

    ServerFixture m_fixture;
    QString m_key;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<ui::DetailPane> m_pane;
    wire::Dataset m_dataset;
};

inline void DetailHarness::startServer() {
    QStandardPaths::setTestModeEnabled(true);
    server::ServerOptions options;
    options.demo = true;
    options.demoImages = 12;
    QString error;
    QVERIFY2(m_fixture.start(options, &error), qPrintable(error));
    m_key = m_fixture.server()->demoKey();
    api::ClientOptions client;
    client.baseUrl = m_fixture.baseUrl();
    client.apiKey = m_key;
    client.cacheDirectory = m_fixture.dataDir() + u"/client-cache"_s;
    m_client = std::make_unique<api::ApiClient>(client);
}

inline void DetailHarness::newPane() {
    m_pane = std::make_unique<ui::DetailPane>();
    m_pane->resize(1200, 720);
    m_pane->setClient(m_client.get());
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

inline void DetailHarness::openDataset(const QString &fullName) {
    bool done = false;
    api::getDataset(*m_client, fullName, m_pane.get(), [&](api::Result<wire::Dataset> r) {
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        m_dataset = r.value();
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    m_pane->setDataset(m_dataset);
    m_pane->setLabelset(u"ground-truth"_s);
}

inline bool DetailHarness::show(const QString &uuid) {
    QSignalSpy shown(m_pane.get(), &ui::DetailPane::sampleShown);
    m_pane->showSample(uuid);
    return shown.wait(15000) && m_pane->loadedSample() &&
           m_pane->loadedSample()->sample.uuid == uuid;
}

inline QStringList DetailHarness::samplesWithStatus(const QString &status, int count) {
    const test::HttpResult r = m_fixture.http.get(
        u"/datasets/demo/street-scenes/samples/?labelset=ground-truth&label_status=%1&per_page=%2"_s
            .arg(status)
            .arg(count),
        m_key);
    QStringList uuids;
    for (const QJsonValue &v : r.array())
        uuids.append(v["uuid"_L1].toString());
    return uuids;
}

inline quint32 DetailHarness::largestInstance(QPoint *inside) const {
    const auto sample = m_pane->loadedSample();
    quint32 id = 0;
    qint64 most = 0;
    for (const labels::InstanceStatistics &i : sample->statistics.instances) {
        if (i.annotated && i.pixels > most && m_dataset.taskAttributes->category(i.categoryId)) {
            most = i.pixels;
            id = i.id;
        }
    }
    const labels::InstanceIndex &index = sample->overlay->index();
    const QRect b = index.bounds(index.indexOf(id));
    *inside = {-1, -1};
    for (int y = b.top(); y <= b.bottom() && inside->x() < 0; ++y)
        for (int x = b.left(); x <= b.right() && inside->x() < 0; ++x) {
            bool deep = true;
            for (int d = -8; d <= 8 && deep; ++d)
                deep = index.idAt(x + d, y) == id && index.idAt(x, y + d) == id;
            if (deep)
                *inside = {x, y};
        }
    return id;
}

} // namespace segscope::test
