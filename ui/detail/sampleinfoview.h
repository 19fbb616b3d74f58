#pragma once

#include "models/sampleloader.h"

#include <QTextBrowser>

namespace segscope::ui {

//! The sample's and label's own facts (status, who and when, metadata, image attributes,
//! readme) as a table, field names in the palette's muted text.
class SampleInfoView : public QTextBrowser {
    Q_OBJECT

public:
    explicit SampleInfoView(QWidget *parent = nullptr);
    void showSample(const models::LoadedSample &sample);
};

} // namespace segscope::ui
