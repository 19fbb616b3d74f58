#pragma once

// The detail pane comparing two labelsets of street-scenes (ground-truth and predictions), for
// the compare view's test programs: DetailHarness with the compare controls at hand.

#include "support/detailharness.h"

#include "compare/comparecontroller.h"

#include <QBuffer>
#include <QJsonArray>

namespace segscope::test {

class CompareHarness : public DetailHarness {
protected:
    using View = ui::CompareController::View;

    ui::CompareController *compare() const { return m_pane->compare(); }
    //! Turns compare on in `view` and waits until the pair is on screen, coloured.
    bool compareIn(View view);
    //! Samples of street-scenes with a ground-truth bitmap and with (or without) a predictions
    //! label.
    QStringList samplesWithPredictions(bool with, int count);
    QPointF centreOf(ui::ImageCanvas *canvas) const {
        return canvas->imagePointAt(QRectF(canvas->viewport()->rect()).center());
    }
    static QByteArray pngBytes(const QImage &image) {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        return bytes;
    }
};

inline bool CompareHarness::compareIn(View view) {
    QSignalSpy shown(m_pane.get(), &ui::DetailPane::sampleShown);
    compare()->setView(view);
    if (!shown.wait(15000))
        return false;
    const auto sample = m_pane->loadedSample();
    return sample && sample->comparison && overlaySettled();
}

inline QStringList CompareHarness::samplesWithPredictions(bool with, int count) {
    QStringList out;
    const test::HttpResult all = m_fixture.http.get(
        u"/datasets/demo/street-scenes/samples/?labelset=ground-truth&per_page=100"_s, m_key);
    for (const QJsonValue &v : all.array()) {
        const QString uuid = v["uuid"_L1].toString();
        const QString status = v["label"_L1]["label_status"_L1].toString();
        if (status != "LABELED"_L1 && status != "PRELABELED"_L1 && status != "REVIEWED"_L1)
            continue; // a reference with a bitmap
        const bool has =
            m_fixture.http.get(u"/labels/%1/predictions/"_s.arg(uuid), m_key).status == 200;
        if (has == with)
            out.append(uuid);
        if (out.size() == count)
            break;
    }
    return out;
}
} // namespace segscope::test
