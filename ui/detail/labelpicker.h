#pragma once

#include "labels/overlayoptions.h"
#include "models/sampleloader.h"
#include "wire/taskattributes.h"

#include <QCoreApplication>
#include <QPoint>
#include <QPointF>

#include <memory>

namespace segscope::ui {

//! What lies under a point of the view, for the sample on screen: the instance or shape a click
//! picks, and the line the hover readout shows. Constant time on a bitmap (two array reads); a
//! pass over the shapes of a vector label.
class LabelPicker {
    Q_DECLARE_TR_FUNCTIONS(LabelPicker)

public:
    //! How near a line, point or outline counts as on it, in device pixels at any zoom.
    static constexpr double ToleranceInPixels = 4;

    //! The sample on screen (null: none) and the dataset's categories.
    void setSample(std::shared_ptr<const models::LoadedSample> sample, wire::TaskAttributes task);

    //! The instance or shape at an image point, 0 for none; shapes of hidden categories are
    //! passed over. `zoom` is the view's, so the tolerance stays the same on screen.
    qint64 idAt(const QPointF &imagePoint, double zoom,
                const labels::OverlayOptions &options) const;
    //! One line for the status bar: x, y, image RGB, instance, category, attributes. Empty for
    //! the pixel (-1, -1) or without a sample.
    QString describe(const QPoint &pixel, double zoom, const labels::OverlayOptions &options) const;

private:
    std::shared_ptr<const models::LoadedSample> m_sample;
    wire::TaskAttributes m_task;
};

} // namespace segscope::ui
