#include "detail/frameslider.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace segscope::ui {

FrameSlider::FrameSlider(QWidget *parent)
    : QWidget(parent)
    , m_previous(new QToolButton(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_next(new QToolButton(this))
    , m_label(new QLabel(this)) {
    setObjectName(u"frameControls"_s);
    m_previous->setObjectName(u"previousFrameButton"_s);
    m_next->setObjectName(u"nextFrameButton"_s);
    m_slider->setObjectName(u"frameSlider"_s);
    m_label->setObjectName(u"frameLabel"_s);
    m_previous->setArrowType(Qt::LeftArrow);
    m_next->setArrowType(Qt::RightArrow);
    m_previous->setAutoRaise(true);
    m_next->setAutoRaise(true);
    m_previous->setToolTip(tr("Previous frame (, or Alt+Left)"));
    m_next->setToolTip(tr("Next frame (. or Alt+Right)"));
    m_slider->setPageStep(1);
    // The keys belong to the canvas and the pane's shortcuts; the slider is for the mouse.
    m_slider->setFocusPolicy(Qt::NoFocus);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The label keeps its whole text (a QLabel's minimum); the slider gives way, down to a
    // length that can still be dragged.
    m_slider->setMinimumWidth(100);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_previous);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_next);
    layout->addWidget(m_label);

    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        if (value != m_current)
            emit frameRequested(value);
    });
    connect(m_previous, &QToolButton::clicked, this, [this] {
        if (m_current > 0)
            emit frameRequested(m_current - 1);
    });
    connect(m_next, &QToolButton::clicked, this, [this] {
        if (m_current + 1 < count())
            emit frameRequested(m_current + 1);
    });
    hide();
}

void FrameSlider::setFrames(const QList<wire::SampleFrame> &frames) {
    m_frames = frames;
    m_current = -1;
    m_slider->setRange(0, std::max(0, int(frames.size()) - 1));
    setCurrent(0);
    setVisible(!frames.isEmpty());
}

void FrameSlider::setCurrent(int frame) {
    frame = std::clamp(frame, 0, std::max(0, count() - 1));
    if (frame == m_current)
        return;
    m_current = frame;
    m_slider->setValue(frame);
    m_previous->setEnabled(frame > 0);
    m_next->setEnabled(frame + 1 < count());
    m_label->setText(frameText());
}

QString FrameSlider::frameText() const {
    if (m_frames.isEmpty())
        return QString();
    QString text = tr("Frame %1 / %2").arg(m_current + 1).arg(m_frames.size());
    const wire::SampleFrame &f = m_frames.at(m_current);
    if (!f.name.isEmpty())
        text += u" · "_s + f.name;
    if (f.timestamp)
        text += u" · "_s + tr("t %1").arg(QLocale().toString(*f.timestamp, 'g', 10));
    return text;
}

} // namespace segscope::ui
