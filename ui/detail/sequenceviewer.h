#pragma once

#include "models/sampleloader.h"

#include <QObject>

class QAction;
class QWidget;

namespace segscope::ui {

class FrameSlider;

//! Steps through the frames of an image sequence in the detail pane: the frame keys (, . or
//! Alt+Left/Right, Home/End) and the FrameSlider ask for a frame, the SampleLoader loads it
//! (image and per-frame bitmap, through the one bitmap pipeline) and prefetches the next one in
//! the direction of travel, and frameShown() hands the frame to the pane, which draws it in
//! place of the previous one. A run of quick steps shows only where it stops.
class SequenceViewer : public QObject {
    Q_OBJECT

public:
    //! Adds the frame actions to `pane` (shortcuts for it and its children).
    SequenceViewer(models::SampleLoader *loader, FrameSlider *slider, QWidget *pane);

    //! The sample just loaded (its first frame shown); a sample that is not an image sequence
    //! hides the slider and disables the frame keys.
    void setSample(std::shared_ptr<const models::LoadedSample> sample);
    //! Asks for `frame` (clamped to the sequence).
    void showFrame(int frame);
    void step(int delta) { showFrame(m_wanted + delta); }
    //! The frame asked for last (shown, or on its way).
    int wantedFrame() const { return m_wanted; }
    int frameCount() const;

signals:
    //! A frame of the current sequence is ready to draw.
    void frameShown(std::shared_ptr<const segscope::models::LoadedSample> frame);

private:
    void onFrameLoaded(std::shared_ptr<const models::LoadedSample> frame);

    models::SampleLoader *m_loader;
    FrameSlider *m_slider;
    std::shared_ptr<const models::LoadedSample> m_sequence; //!< as loaded: frame 0
    int m_wanted = 0;
    int m_direction = 1; //!< of the last step, for the prefetch
    QList<QAction *> m_actions;
};

} // namespace segscope::ui
