#pragma once

#include "labels/overlayoptions.h"

#include <QObject>

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;
class QToolBar;
class QWidget;

namespace segscope::ui {

class ImageCanvas;

//! The detail pane's controls and keys: the overlay options (colouring, draw mode, opacity,
//! outline width, kept in the settings), the Image and Labels toggles, zoom, export, and the
//! keys that step samples and cycle the options. Every key is an action of the pane with
//! Qt::WidgetWithChildrenShortcut, so it works wherever the focus is in the pane (a tab, a
//! list, a closed combo box), not only on the image. Builds the widgets; the pane lays them out.
class ViewControls : public QObject {
    Q_OBJECT

public:
    static constexpr int MaxOutlineWidth = 8;

    ViewControls(ImageCanvas *canvas, QWidget *pane);

    //! Colouring, draw mode, opacity, outline width, the toggles, export and copy.
    QToolBar *toolBar() const { return m_toolBar; }
    //! Fit, 1:1, zoom out and in, and the zoom in percent: for the pane's footer.
    QWidget *zoomBar() const { return m_zoomBar; }

    //! `options` with the choices of these controls.
    labels::OverlayOptions applyTo(labels::OverlayOptions options) const;

    void setColorByInstance(bool byInstance);
    void cycleDrawMode();
    //! Opacity up or down by `percent`, within 0..100.
    void stepOpacity(int percent);
    void setOutlineWidth(int pixels);

signals:
    //! An overlay option changed (applyTo() gives the new ones); saved already.
    void optionsChanged();
    //! Something the readout describes changed without the cursor moving (the toggles).
    void viewChanged();
    void stepRequested(int delta);
    void cycleLabelsetRequested();
    void exportRequested();
    void copyRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAction *addAction(const QString &name, const QString &text, const QList<QKeySequence> &keys);
    void buildToolBar();
    void buildZoomBar();
    void saveOptions() const;
    //! The check-box icons of the toggles, in the pane's style and palette (again after a theme
    //! change), so on and off read at a glance in both themes.
    void updateToggleIcons();

    ImageCanvas *m_canvas;
    QWidget *m_pane;
    QToolBar *m_toolBar;
    QWidget *m_zoomBar;
    QComboBox *m_colorBy;
    QComboBox *m_mode;
    QSlider *m_opacity;
    QSpinBox *m_outlineWidth;
    QLabel *m_zoomLabel;
    QAction *m_imageAction = nullptr;
    QAction *m_labelsAction = nullptr;
};

} // namespace segscope::ui
