#include "detail/viewcontrols.h"

#include "detail/imagecanvas.h"
#include "settings/appsettings.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QStyleOptionButton>
#include <QToolBar>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

QString keyList(const QList<QKeySequence> &keys) {
    QStringList names;
    for (const QKeySequence &k : keys)
        names.append(k.toString(QKeySequence::NativeText));
    return names.join(u", "_s);
}

} // namespace

ViewControls::ViewControls(ImageCanvas *canvas, QWidget *pane)
    : QObject(pane)
    , m_canvas(canvas)
    , m_pane(pane)
    , m_toolBar(new QToolBar(pane))
    , m_zoomBar(new QWidget(pane))
    , m_colorBy(new QComboBox(pane))
    , m_mode(new QComboBox(pane))
    , m_opacity(new QSlider(Qt::Horizontal, pane))
    , m_outlineWidth(new QSpinBox(pane))
    , m_zoomLabel(new QLabel(pane)) {
    // The sample keys: the plain arrows step samples wherever the focus is in the pane, tabs
    // and lists included (Up and Down stay the lists'); Alt+arrows are the frame keys.
    QAction *previous = addAction(u"previousSampleAction"_s, tr("Previous sample"),
                                  {QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_PageUp)});
    connect(previous, &QAction::triggered, this, [this] { emit stepRequested(-1); });
    QAction *next = addAction(u"nextSampleAction"_s, tr("Next sample"),
                              {QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_PageDown)});
    connect(next, &QAction::triggered, this, [this] { emit stepRequested(1); });
    QAction *labelset =
        addAction(u"cycleLabelsetAction"_s, tr("Next labelset"), {QKeySequence(Qt::Key_S)});
    connect(labelset, &QAction::triggered, this, &ViewControls::cycleLabelsetRequested);
    QAction *colour = addAction(u"colorByAction"_s, tr("Colour by category or instance"),
                                {QKeySequence(Qt::Key_C)});
    connect(colour, &QAction::triggered, this,
            [this] { setColorByInstance(m_colorBy->currentIndex() == 0); });
    QAction *mode = addAction(u"drawModeAction"_s, tr("Fill, outline, fill + outline"),
                              {QKeySequence(Qt::Key_O)});
    connect(mode, &QAction::triggered, this, &ViewControls::cycleDrawMode);
    QAction *less =
        addAction(u"opacityDownAction"_s, tr("Less opacity"), {QKeySequence(Qt::Key_BracketLeft)});
    connect(less, &QAction::triggered, this, [this] { stepOpacity(-10); });
    QAction *more =
        addAction(u"opacityUpAction"_s, tr("More opacity"), {QKeySequence(Qt::Key_BracketRight)});
    connect(more, &QAction::triggered, this, [this] { stepOpacity(10); });

    buildToolBar();
    buildZoomBar();
    pane->installEventFilter(this);
    updateToggleIcons();
}

QAction *ViewControls::addAction(const QString &name, const QString &text,
                                 const QList<QKeySequence> &keys) {
    auto *action = new QAction(text, m_pane);
    action->setObjectName(name);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(keys.isEmpty() ? text : u"%1 (%2)"_s.arg(text, keyList(keys)));
    m_pane->addAction(action);
    return action;
}

void ViewControls::buildToolBar() {
    m_toolBar->setObjectName(u"detailToolBar"_s);
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_colorBy->setObjectName(u"colorByBox"_s);
    m_mode->setObjectName(u"drawModeBox"_s);
    m_opacity->setObjectName(u"opacitySlider"_s);
    m_outlineWidth->setObjectName(u"outlineWidthBox"_s);

    m_colorBy->addItem(tr("Colour by category"));
    m_colorBy->addItem(tr("Colour by instance"));
    m_colorBy->setToolTip(tr("Colour the labels by category or by instance (C)"));
    m_mode->addItem(tr("Fill"));
    m_mode->addItem(tr("Outline"));
    m_mode->addItem(tr("Fill + outline"));
    m_mode->setToolTip(tr("Draw the labels filled, outlined or both (O)"));
    m_opacity->setRange(0, 100);
    m_opacity->setSingleStep(10);
    m_opacity->setFixedWidth(72);
    m_opacity->setToolTip(tr("Label opacity ([ and ])"));
    m_outlineWidth->setRange(1, MaxOutlineWidth);
    m_outlineWidth->setSuffix(tr(" px"));
    m_outlineWidth->setToolTip(tr("Outline width on screen, at every zoom (in image pixels in "
                                  "an export)"));
    m_colorBy->setCurrentIndex(std::clamp(settings::DetailColorBy.value(), 0, 1));
    m_mode->setCurrentIndex(std::clamp(settings::DetailMode.value(), 0, 2));
    m_opacity->setValue(settings::DetailOpacity.value());
    m_outlineWidth->setValue(settings::DetailOutlineWidth.value());
    const auto changed = [this] {
        saveOptions();
        emit optionsChanged();
    };
    for (QComboBox *box : {m_colorBy, m_mode})
        connect(box, &QComboBox::currentIndexChanged, this, changed);
    connect(m_opacity, &QSlider::valueChanged, this, changed);
    connect(m_outlineWidth, &QSpinBox::valueChanged, this, changed);

    m_imageAction = addAction(u"toggleImageAction"_s, tr("Image"), {QKeySequence(Qt::Key_I)});
    m_labelsAction = addAction(u"toggleLabelsAction"_s, tr("Labels"), {QKeySequence(Qt::Key_L)});
    m_imageAction->setToolTip(tr("Show or hide the image (I)"));
    m_labelsAction->setToolTip(tr("Show or hide the labels (L)"));
    for (QAction *a : {m_imageAction, m_labelsAction}) {
        a->setCheckable(true);
        a->setChecked(true);
        connect(a, &QAction::toggled, this, &ViewControls::viewChanged);
    }
    connect(m_imageAction, &QAction::toggled, m_canvas, &ImageCanvas::setImageVisible);
    connect(m_labelsAction, &QAction::toggled, m_canvas, &ImageCanvas::setLabelsVisible);
    QAction *save = addAction(u"exportAction"_s, tr("Export…"), {QKeySequence(u"Ctrl+E"_s)});
    save->setToolTip(tr("Export the image with its labels at full resolution (Ctrl+E)"));
    connect(save, &QAction::triggered, this, &ViewControls::exportRequested);
    QAction *copy = addAction(u"copyImageAction"_s, tr("Copy"), {QKeySequence(u"Ctrl+Shift+C"_s)});
    copy->setToolTip(tr("Copy the image with its labels (Ctrl+Shift+C)"));
    connect(copy, &QAction::triggered, this, &ViewControls::copyRequested);

    m_toolBar->addWidget(m_colorBy);
    m_toolBar->addWidget(m_mode);
    m_toolBar->addWidget(new QLabel(tr(" Opacity "), m_toolBar));
    m_toolBar->addWidget(m_opacity);
    m_toolBar->addWidget(new QLabel(tr(" Outline "), m_toolBar));
    m_toolBar->addWidget(m_outlineWidth);
    m_toolBar->addSeparator();
    m_toolBar->addActions({m_imageAction, m_labelsAction});
    m_toolBar->addSeparator();
    // Export with Copy in its menu: one button, so the bar fits a pane of 800 px.
    auto *exportButton = new QToolButton(m_toolBar);
    exportButton->setObjectName(u"exportButton"_s);
    exportButton->setDefaultAction(save);
    exportButton->setPopupMode(QToolButton::MenuButtonPopup);
    exportButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(exportButton);
    menu->addActions({save, copy});
    exportButton->setMenu(menu);
    m_toolBar->addWidget(exportButton);
}

void ViewControls::buildZoomBar() {
    QAction *fit =
        addAction(u"fitAction"_s, tr("Fit"), {QKeySequence(Qt::Key_F), QKeySequence(Qt::Key_0)});
    fit->setToolTip(tr("Fit the image to the view (F); the next samples fit too"));
    connect(fit, &QAction::triggered, m_canvas, &ImageCanvas::zoomToFit);
    QAction *actual = addAction(u"actualSizeAction"_s, tr("1:1"), {QKeySequence(Qt::Key_1)});
    connect(actual, &QAction::triggered, m_canvas, [this] { m_canvas->setZoom(1); });
    // Plain keys, not Ctrl: Ctrl +/- sizes the sample grid's thumbnails.
    QAction *in = addAction(u"zoomInAction"_s, tr("+"),
                            {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
    connect(in, &QAction::triggered, m_canvas, [this] { m_canvas->zoomBy(1.25); });
    QAction *out = addAction(u"zoomOutAction"_s, tr("−"), {QKeySequence(Qt::Key_Minus)});
    connect(out, &QAction::triggered, m_canvas, [this] { m_canvas->zoomBy(0.8); });
    in->setToolTip(tr("Zoom in (+)"));
    out->setToolTip(tr("Zoom out (-)"));

    m_zoomLabel->setObjectName(u"zoomLabel"_s);
    m_zoomLabel->setMinimumWidth(m_zoomLabel->fontMetrics().horizontalAdvance(u"6400 %"_s));
    m_zoomLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    connect(m_canvas, &ImageCanvas::zoomChanged, m_zoomLabel, [this](double zoom) {
        m_zoomLabel->setText(u"%1 %"_s.arg(QString::number(zoom * 100, 'f', zoom < 0.1 ? 1 : 0)));
    });
    m_zoomBar->setObjectName(u"zoomBar"_s);
    auto *layout = new QHBoxLayout(m_zoomBar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    for (QAction *a : {fit, actual, out, in}) {
        auto *button = new QToolButton(m_zoomBar);
        button->setDefaultAction(a);
        button->setAutoRaise(true);
        layout->addWidget(button);
    }
    layout->addSpacing(4);
    layout->addWidget(m_zoomLabel);
}

labels::OverlayOptions ViewControls::applyTo(labels::OverlayOptions o) const {
    o.colorBy =
        m_colorBy->currentIndex() == 1 ? labels::ColorBy::Instance : labels::ColorBy::Category;
    o.mode = static_cast<labels::DrawMode>(m_mode->currentIndex());
    o.opacity = m_opacity->value() / 100.0;
    o.outlineWidth = m_outlineWidth->value();
    return o;
}

void ViewControls::setColorByInstance(bool byInstance) {
    m_colorBy->setCurrentIndex(byInstance ? 1 : 0);
}

void ViewControls::cycleDrawMode() {
    m_mode->setCurrentIndex((m_mode->currentIndex() + 1) % m_mode->count());
}

void ViewControls::stepOpacity(int percent) {
    // To the next multiple of the step, so 45 goes to 50 or 40, not 55 or 35.
    const int value = m_opacity->value();
    const int stepped = percent > 0 ? (value / percent + 1) * percent
                                    : ((value + (-percent) - 1) / (-percent) - 1) * (-percent);
    m_opacity->setValue(std::clamp(stepped, 0, 100));
}

void ViewControls::setOutlineWidth(int pixels) {
    m_outlineWidth->setValue(pixels);
}

void ViewControls::saveOptions() const {
    settings::DetailColorBy.set(m_colorBy->currentIndex());
    settings::DetailMode.set(m_mode->currentIndex());
    settings::DetailOpacity.set(m_opacity->value());
    settings::DetailOutlineWidth.set(m_outlineWidth->value());
}

bool ViewControls::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_pane &&
        (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange))
        updateToggleIcons();
    return QObject::eventFilter(watched, event);
}

void ViewControls::updateToggleIcons() {
    QStyle *style = m_pane->style();
    const int size = style->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, m_pane);
    const qreal ratio = m_pane->devicePixelRatioF();
    QIcon icon;
    for (const bool on : {false, true}) {
        QPixmap pixmap(QSize(size, size) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        QStyleOptionButton option;
        option.initFrom(m_pane);
        option.rect = QRect(0, 0, size, size);
        option.state = QStyle::State_Enabled | (on ? QStyle::State_On : QStyle::State_Off);
        style->drawPrimitive(QStyle::PE_IndicatorCheckBox, &option, &painter, m_pane);
        painter.end();
        icon.addPixmap(pixmap, QIcon::Normal, on ? QIcon::On : QIcon::Off);
    }
    m_imageAction->setIcon(icon);
    m_labelsAction->setIcon(icon);
}

} // namespace segscope::ui
