#pragma once

#include <QWidget>

class QSplitter;

namespace segscope::ui {

//! The window's panes and how they share it. Normally the dataset list sits over the samples
//! in a narrow left column and the viewer takes the rest; in focus mode the viewer takes the
//! whole width and the samples run under it as a one-row filmstrip. Each mode keeps its own
//! splitter sizes, remembered across runs with the mode itself.
class Workspace : public QWidget {
    Q_OBJECT

public:
    //! `datasets` over `samples` on the left, `viewer` on the right; they become children of
    //! the workspace's splitters.
    Workspace(QWidget *datasets, QWidget *samples, QWidget *viewer, QWidget *parent = nullptr);

    bool focusMode() const { return m_focusMode; }
    void setFocusMode(bool on);
    //! The splitter sizes and the mode from the settings (defaults sized to `available`).
    void restore(const QSize &available);
    void save() const;
    //! Gives the dataset list `height` (its rows listed), unless the user sized it already.
    void fitDatasetList(int height);

signals:
    //! The mode changed (the samples pane then shows as a filmstrip, or as the full browser).
    void focusModeChanged(bool on);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyDefaultSizes();

    QWidget *m_datasets;
    QWidget *m_samples;
    QWidget *m_viewer;
    QSplitter *m_main; //!< [left column | viewer], or in focus mode [viewer / left column]
    QSplitter *m_left; //!< [datasets / samples]
    QByteArray m_normalState;
    QByteArray m_focusState;
    bool m_focusMode = false;
    bool m_leftSized = false; //!< the dataset list's height came from the settings
    //! No saved sizes: the default shares are given at the first real size (the window is
    //! sized, or maximized, after it is built).
    bool m_defaultsPending = false;
};

} // namespace segscope::ui
