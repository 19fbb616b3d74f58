#pragma once

#include "models/sampleloader.h"
#include "wire/taskattributes.h"

#include <QTextBrowser>

namespace segscope::ui {

//! What the detail pane shows of a sample that is not an image (a point cloud, text, a
//! multi-sensor sequence, a data type Segscope does not know): what it is, what of it can be
//! shown here (where its data is, a text's excerpt, the label's status, annotations counted by
//! category, attributes and score) and the sample's facts as the Info tab has them.
class NonImageView : public QTextBrowser {
    Q_OBJECT

public:
    explicit NonImageView(QWidget *parent = nullptr);
    void showSample(const models::LoadedSample &sample, const wire::TaskAttributes &task);
    //! True for the kinds this view is for (everything but images and image sequences).
    static bool isFor(wire::SampleKind kind);
};

} // namespace segscope::ui
