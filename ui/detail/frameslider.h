#pragma once

#include "wire/sample.h"

#include <QWidget>

class QLabel;
class QSlider;
class QToolButton;

namespace segscope::ui {

//! The frame control of an image sequence: previous / next buttons, a slider over the frames
//! and the frame's number, name and timestamp. Hidden for samples that are not sequences.
class FrameSlider : public QWidget {
    Q_OBJECT

public:
    explicit FrameSlider(QWidget *parent = nullptr);

    //! The frames of the sequence shown (none: hidden); selects the first.
    void setFrames(const QList<wire::SampleFrame> &frames);
    //! Selects `frame` without emitting frameRequested().
    void setCurrent(int frame);
    int current() const { return m_current; }
    int count() const { return int(m_frames.size()); }
    //! What the label under the slider says ("Frame 3 / 12 · name · 0.2 s").
    QString frameText() const;

signals:
    //! The user moved the slider or pressed a button.
    void frameRequested(int frame);

private:
    QList<wire::SampleFrame> m_frames;
    int m_current = 0;
    QToolButton *m_previous;
    QSlider *m_slider;
    QToolButton *m_next;
    QLabel *m_label;
};

} // namespace segscope::ui
