#include "detail/sequenceviewer.h"

#include "detail/frameslider.h"

#include <QAction>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace segscope::ui {

SequenceViewer::SequenceViewer(models::SampleLoader *loader, FrameSlider *slider, QWidget *pane)
    : QObject(pane)
    , m_loader(loader)
    , m_slider(slider) {
    // , and . (the < > keys) or Alt+arrows: the plain arrows step samples, as everywhere.
    const auto add = [this, pane](const QString &name, const QString &text,
                                  const QList<QKeySequence> &keys, auto onTrigger) {
        auto *action = new QAction(text, pane);
        action->setObjectName(name);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setEnabled(false);
        pane->addAction(action);
        connect(action, &QAction::triggered, this, onTrigger);
        m_actions.append(action);
    };
    add(u"previousFrameAction"_s, tr("Previous frame"),
        {QKeySequence(Qt::Key_Comma), QKeySequence(Qt::ALT | Qt::Key_Left)}, [this] { step(-1); });
    add(u"nextFrameAction"_s, tr("Next frame"),
        {QKeySequence(Qt::Key_Period), QKeySequence(Qt::ALT | Qt::Key_Right)}, [this] { step(1); });
    add(u"firstFrameAction"_s, tr("First frame"), {QKeySequence(Qt::Key_Home)},
        [this] { showFrame(0); });
    add(u"lastFrameAction"_s, tr("Last frame"), {QKeySequence(Qt::Key_End)},
        [this] { showFrame(frameCount() - 1); });
    connect(m_slider, &FrameSlider::frameRequested, this, &SequenceViewer::showFrame);
    connect(m_loader, &models::SampleLoader::frameLoaded, this, &SequenceViewer::onFrameLoaded);
}

int SequenceViewer::frameCount() const {
    return m_sequence ? m_sequence->frameCount() : 0;
}

void SequenceViewer::setSample(std::shared_ptr<const models::LoadedSample> sample) {
    m_sequence = sample && sample->frameCount() > 0 ? std::move(sample) : nullptr;
    m_wanted = 0;
    m_direction = 1;
    for (QAction *a : std::as_const(m_actions))
        a->setEnabled(m_sequence != nullptr);
    m_slider->setFrames(m_sequence ? m_sequence->sample.frames : QList<wire::SampleFrame>{});
    if (m_sequence)
        m_loader->prefetchFrame(m_sequence, 1);
}

void SequenceViewer::showFrame(int frame) {
    if (!m_sequence)
        return;
    frame = std::clamp(frame, 0, frameCount() - 1);
    if (frame == m_wanted)
        return;
    m_direction = frame < m_wanted ? -1 : 1;
    m_wanted = frame;
    m_slider->setCurrent(frame);
    if (frame == 0) {
        // The sample's own load is the first frame: nothing to fetch.
        emit frameShown(m_sequence);
        m_loader->prefetchFrame(m_sequence, 1);
        return;
    }
    m_loader->loadFrame(m_sequence, frame);
}

void SequenceViewer::onFrameLoaded(std::shared_ptr<const models::LoadedSample> frame) {
    if (!m_sequence || !frame || frame->sample.uuid != m_sequence->sample.uuid ||
        frame->labelset != m_sequence->labelset || frame->frame != m_wanted)
        return;
    emit frameShown(frame);
    // So the next step in the same direction shows at once (frame 0 is the sample itself).
    if (m_wanted + m_direction > 0)
        m_loader->prefetchFrame(m_sequence, m_wanted + m_direction);
}

} // namespace segscope::ui
