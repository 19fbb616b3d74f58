#include "shell/workspace.h"

#include "settings/appsettings.h"

#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

//! At most this for the filmstrip by default, whatever its row asks.
constexpr int MaxFilmstripHeight = 200;
//! The dataset list over the samples until its rows are known: its filter and about five rows.
constexpr int DatasetListHeight = 170;

} // namespace

Workspace::Workspace(QWidget *datasets, QWidget *samples, QWidget *viewer, QWidget *parent)
    : QWidget(parent)
    , m_datasets(datasets)
    , m_samples(samples)
    , m_viewer(viewer)
    , m_main(new QSplitter(Qt::Horizontal, this))
    , m_left(new QSplitter(Qt::Vertical, this)) {
    setObjectName(u"workspace"_s);
    m_main->setObjectName(u"mainSplitter"_s);
    m_left->setObjectName(u"leftSplitter"_s);
    m_left->addWidget(datasets);
    m_left->addWidget(samples);
    m_left->setStretchFactor(1, 1);
    m_left->setCollapsible(1, false);
    m_main->addWidget(m_left);
    m_main->addWidget(viewer);
    m_main->setStretchFactor(1, 1);
    m_main->setCollapsible(1, false);
    // Neither splitter may hide the samples or the viewer; the dataset list may collapse.
    m_main->setCollapsible(0, false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_main);
}

void Workspace::setFocusMode(bool on) {
    if (on == m_focusMode)
        return;
    (m_focusMode ? m_focusState : m_normalState) = m_main->saveState();
    m_focusMode = on;
    // The same splitter turns: the viewer moves over the samples, and the dataset list hides
    // (the filmstrip is the samples alone).
    m_main->setOrientation(on ? Qt::Vertical : Qt::Horizontal);
    m_main->insertWidget(on ? 0 : 1, m_viewer);
    m_datasets->setVisible(!on);
    emit focusModeChanged(on);
    if (!m_main->restoreState(on ? m_focusState : m_normalState)) {
        applyDefaultSizes();
        // Shown already, the size is final: a later window resize must not undo the user's
        // splitter drags. Not yet shown, the first real size gives the shares again.
        m_defaultsPending = !isVisible();
    } else {
        m_defaultsPending = false;
    }
    // restoreState also restores the orientation it saved: the mode decides it.
    m_main->setOrientation(on ? Qt::Vertical : Qt::Horizontal);
}

void Workspace::applyDefaultSizes() {
    if (m_focusMode) {
        // The filmstrip's one row (its size hint), the viewer the rest.
        const int strip = std::clamp(m_samples->sizeHint().height(), 60, MaxFilmstripHeight);
        const int height = std::max(this->height(), 3 * strip);
        m_main->setSizes({height - strip, strip});
    } else {
        // The samples take three tenths, the viewer the rest: the image dominates.
        const int width = std::max(this->width(), 400);
        m_main->setSizes({width * 3 / 10, width - width * 3 / 10});
    }
}

void Workspace::restore(const QSize &available) {
    resize(available);
    m_main->resize(available);
    m_normalState = settings::WorkspaceSplitter.value();
    m_focusState = settings::WorkspaceFocusSplitter.value();
    m_leftSized = m_left->restoreState(settings::WorkspaceLeftSplitter.value());
    if (!m_leftSized)
        fitDatasetList(DatasetListHeight);
    m_defaultsPending = !m_main->restoreState(m_normalState);
    if (m_defaultsPending)
        applyDefaultSizes();
    m_main->setOrientation(Qt::Horizontal);
    setFocusMode(settings::WorkspaceFocusMode.value());
}

void Workspace::resizeEvent(QResizeEvent *event) {
    QWidget::resizeEvent(event);
    if (m_defaultsPending && isVisible()) {
        m_defaultsPending = false;
        applyDefaultSizes();
    }
}

void Workspace::fitDatasetList(int height) {
    if (m_leftSized)
        return;
    const int total = std::max(m_left->height(), height + 200);
    m_left->setSizes({height, total - height});
}

void Workspace::save() const {
    if (m_focusMode) {
        settings::WorkspaceFocusSplitter.set(m_main->saveState());
        if (!m_normalState.isEmpty())
            settings::WorkspaceSplitter.set(m_normalState);
    } else {
        settings::WorkspaceSplitter.set(m_main->saveState());
        if (!m_focusState.isEmpty())
            settings::WorkspaceFocusSplitter.set(m_focusState);
    }
    settings::WorkspaceLeftSplitter.set(m_left->saveState());
    settings::WorkspaceFocusMode.set(m_focusMode);
}

} // namespace segscope::ui
