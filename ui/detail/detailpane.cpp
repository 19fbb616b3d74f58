#include "detail/detailpane.h"
#include "settings/appsettings.h"

#include "browse/sampledelegate.h"
#include "detail/frameslider.h"
#include "detail/imagecanvas.h"
#include "detail/labelpanels.h"
#include "detail/nonimageview.h"
#include "detail/sampleinfoview.h"
#include "detail/sequenceviewer.h"
#include "wire/contract.h"

#include <QAction>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

QAction *paneAction(const QString &text, const QKeySequence &key, QWidget *pane) {
    auto *action = new QAction(text, pane);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(key.isEmpty() ? text : u"%1 (%2)"_s.arg(text, key.toString()));
    pane->addAction(action);
    return action;
}

} // namespace

DetailPane::DetailPane(QWidget *parent)
    : QWidget(parent)
    , m_loader(new models::SampleLoader(this))
    , m_loadTimer(new QTimer(this))
    , m_title(new QLabel(this))
    , m_labelsetBox(new QComboBox(this))
    , m_colorBy(new QComboBox(this))
    , m_mode(new QComboBox(this))
    , m_opacity(new QSlider(Qt::Horizontal, this))
    , m_status(new QLabel(this))
    , m_statusBadge(new QLabel(this))
    , m_views(new QStackedWidget(this))
    , m_canvas(new ImageCanvas(this))
    , m_frameSlider(new FrameSlider(this))
    , m_nonImage(new NonImageView(this))
    , m_sequence(new SequenceViewer(m_loader, m_frameSlider, this))
    , m_tabs(new QTabWidget(this))
    , m_info(new SampleInfoView(this))
    , m_legend(new LegendPanel(this))
    , m_instances(new InstancesPanel(this))
    , m_defects(new QListWidget(this))
    , m_readout(new QLabel(this))
    , m_zoomLabel(new QLabel(this))
    , m_exporter(m_canvas) {
    m_loadTimer->setSingleShot(true);
    m_loadTimer->setInterval(120);
    connect(m_loadTimer, &QTimer::timeout, this, [this] {
        if (!m_uuid.isEmpty())
            m_loader->load(m_uuid, m_labelset);
    });
    setObjectName(u"detailPane"_s);
    m_labelsetBox->setObjectName(u"labelsetBox"_s);
    // Its items come with the dataset, after the first show: size to them, not to none.
    m_labelsetBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_colorBy->setObjectName(u"colorByBox"_s);
    m_mode->setObjectName(u"drawModeBox"_s);
    m_opacity->setObjectName(u"opacitySlider"_s);
    m_status->setObjectName(u"detailStatus"_s);
    m_readout->setObjectName(u"hoverReadout"_s);
    m_defects->setObjectName(u"defectList"_s);
    m_tabs->setObjectName(u"detailTabs"_s);
    m_statusBadge->setObjectName(u"labelStatusBadge"_s);
    m_views->setObjectName(u"detailViews"_s);
    m_statusBadge->hide();

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readout->setMinimumWidth(100);
    m_readout->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_zoomLabel->setMinimumWidth(m_zoomLabel->fontMetrics().horizontalAdvance(u"6400 %"_s));
    m_zoomLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_tabs->addTab(m_info, tr("Info"));
    m_tabs->addTab(m_legend, tr("Legend"));
    m_tabs->addTab(m_instances, tr("Instances"));
    m_tabs->addTab(m_defects, tr("Defects"));

    auto *body = new QSplitter(Qt::Horizontal, this);
    body->setObjectName(u"detailSplitter"_s);
    auto *imagePage = new QWidget(this);
    auto *imageLayout = new QVBoxLayout(imagePage);
    imageLayout->setContentsMargins(0, 0, 0, 0);
    imageLayout->setSpacing(2);
    imageLayout->addWidget(m_canvas, 1);
    imageLayout->addWidget(m_frameSlider);
    m_views->addWidget(imagePage);
    m_views->addWidget(m_nonImage);
    body->addWidget(m_views);
    body->addWidget(m_tabs);
    body->setStretchFactor(0, 1);
    body->setSizes({700, 300});

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_statusBadge);
    header->addWidget(new QLabel(tr("Labelset"), this));
    header->addWidget(m_labelsetBox);

    auto *footer = new QHBoxLayout;
    footer->addWidget(m_readout, 1);
    footer->addWidget(m_zoomLabel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 4);
    layout->setSpacing(4);
    layout->addLayout(header);
    m_toolBar = buildToolbar();
    layout->addWidget(m_toolBar);
    layout->addWidget(m_status);
    layout->addWidget(body, 1);
    layout->addLayout(footer);
    m_status->hide();

    connect(m_loader, &models::SampleLoader::loaded, this, &DetailPane::onLoaded);
    connect(m_loader, &models::SampleLoader::progress, this,
            [this](const QString &uuid, const QString &what) {
                if (uuid == m_uuid && (!m_sample || m_sample->sample.uuid != uuid))
                    setStatus(what);
            });
    connect(m_loader, &models::SampleLoader::failed, this,
            [this](const QString &uuid, const QString &message) {
                if (uuid == m_uuid)
                    setStatus(tr("Could not load the sample: %1").arg(message));
            });
    connect(m_canvas, &ImageCanvas::hovered, this, &DetailPane::onHover);
    connect(m_canvas, &ImageCanvas::clicked, this, &DetailPane::onClick);
    connect(m_canvas, &ImageCanvas::stepRequested, this, &DetailPane::stepRequested);
    connect(m_canvas, &ImageCanvas::zoomChanged, this, [this](double zoom) {
        m_zoomLabel->setText(u"%1 %"_s.arg(QString::number(zoom * 100, 'f', zoom < 0.1 ? 1 : 0)));
    });
    connect(m_legend, &LegendPanel::hiddenCategoriesChanged, this, [this](const QSet<qint64> &h) {
        m_hidden = h;
        applyOptions();
    });
    connect(m_sequence, &SequenceViewer::frameShown, this,
            [this](std::shared_ptr<const models::LoadedSample> frame) {
                showContent(std::move(frame), true);
            });
    connect(m_instances, &InstancesPanel::instanceSelected, this, &DetailPane::highlight);
    connect(m_instances, &InstancesPanel::instanceActivated, this, &DetailPane::zoomToInstance);
    connect(m_labelsetBox, &QComboBox::activated, this,
            [this] { chooseLabelset(m_labelsetBox->currentText()); });
    showSample(QString());
}

DetailPane::~DetailPane() = default;

QWidget *DetailPane::buildToolbar() {
    // A tool bar rather than a row of widgets: when the pane is narrow, what does not fit
    // moves behind the extension arrow instead of widening the pane.
    auto *bar = new QToolBar(this);
    bar->setObjectName(u"detailToolBar"_s);
    bar->setIconSize(QSize(16, 16));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_colorBy->addItem(tr("Colour by category"));
    m_colorBy->addItem(tr("Colour by instance"));
    m_mode->addItem(tr("Fill"));
    m_mode->addItem(tr("Outline"));
    m_mode->addItem(tr("Fill + outline"));
    m_opacity->setRange(0, 100);
    m_opacity->setFixedWidth(110);
    m_opacity->setToolTip(tr("Label opacity"));
    m_colorBy->setCurrentIndex(settings::DetailColorBy.value());
    m_mode->setCurrentIndex(settings::DetailMode.value());
    m_opacity->setValue(settings::DetailOpacity.value());
    for (QComboBox *box : {m_colorBy, m_mode})
        connect(box, &QComboBox::currentIndexChanged, this, &DetailPane::applyOptions);
    connect(m_opacity, &QSlider::valueChanged, this, &DetailPane::applyOptions);

    m_imageAction = paneAction(tr("Image"), QKeySequence(u"I"_s), this);
    m_labelsAction = paneAction(tr("Labels"), QKeySequence(u"L"_s), this);
    m_imageAction->setObjectName(u"toggleImageAction"_s);
    m_labelsAction->setObjectName(u"toggleLabelsAction"_s);
    for (QAction *a : {m_imageAction, m_labelsAction}) {
        a->setCheckable(true);
        a->setChecked(true);
    }
    connect(m_imageAction, &QAction::toggled, m_canvas, &ImageCanvas::setImageVisible);
    connect(m_labelsAction, &QAction::toggled, m_canvas, &ImageCanvas::setLabelsVisible);
    QAction *fit = paneAction(tr("Fit"), QKeySequence(u"F"_s), this);
    connect(fit, &QAction::triggered, m_canvas, &ImageCanvas::zoomToFit);
    QAction *actual = paneAction(tr("1:1"), QKeySequence(u"1"_s), this);
    connect(actual, &QAction::triggered, m_canvas, [this] { m_canvas->setZoom(1); });
    QAction *in = paneAction(tr("+"), QKeySequence::ZoomIn, this);
    connect(in, &QAction::triggered, m_canvas, [this] { m_canvas->zoomBy(1.25); });
    QAction *out = paneAction(tr("−"), QKeySequence::ZoomOut, this);
    connect(out, &QAction::triggered, m_canvas, [this] { m_canvas->zoomBy(0.8); });
    QAction *save = paneAction(tr("Export…"), QKeySequence(u"Ctrl+E"_s), this);
    save->setObjectName(u"exportAction"_s);
    connect(save, &QAction::triggered, this, [this] {
        if (!m_sample)
            return;
        QString base = m_sample->sample.name;
        base = base.left(base.lastIndexOf(u'.') > 0 ? base.lastIndexOf(u'.') : base.size());
        m_exporter.exportWithDialog(this, base + u'_' + m_labelset + u".png"_s);
    });
    QAction *copy = paneAction(tr("Copy"), QKeySequence(u"Ctrl+Shift+C"_s), this);
    copy->setObjectName(u"copyImageAction"_s);
    connect(copy, &QAction::triggered, this, [this] { m_exporter.copyToClipboard(); });

    bar->addWidget(m_colorBy);
    bar->addWidget(m_mode);
    bar->addWidget(new QLabel(tr(" Opacity "), bar));
    bar->addWidget(m_opacity);
    bar->addActions({m_imageAction, m_labelsAction});
    bar->addSeparator();
    bar->addActions({fit, actual, out, in});
    bar->addSeparator();
    bar->addActions({save, copy});
    return bar;
}

void DetailPane::setClient(api::ApiClient *client) {
    m_loader->setClient(client);
    showSample(QString());
}

void DetailPane::setDataset(const wire::Dataset &dataset) {
    m_dataset = dataset;
    m_hidden.clear();
    m_loader->setTask(dataset.taskAttributes.value_or(wire::TaskAttributes{}));
    m_labelsetBox->clear();
    for (const wire::Labelset &l : dataset.labelsets)
        m_labelsetBox->addItem(l.name);
    const QString saved = settings::DetailLabelset(dataset.fullName).value();
    QString wanted = m_labelsetBox->findText(saved) >= 0 ? saved : wire::DefaultLabelset;
    if (m_labelsetBox->findText(wanted) < 0)
        wanted = m_labelsetBox->count() > 0 ? m_labelsetBox->itemText(0) : wire::DefaultLabelset;
    m_labelset = wanted;
    m_labelsetBox->setCurrentText(wanted);
    showSample(QString());
}

void DetailPane::setLabelset(const QString &labelset) {
    if (labelset == m_labelset || labelset.isEmpty())
        return;
    m_labelset = labelset;
    m_labelsetBox->setCurrentText(labelset);
    settings::DetailLabelset(m_dataset.fullName).set(labelset);
    const QString uuid = m_uuid;
    m_uuid.clear();
    showSample(uuid);
}

void DetailPane::chooseLabelset(const QString &labelset) {
    if (labelset == m_labelset || labelset.isEmpty())
        return;
    setLabelset(labelset);
    emit labelsetChanged(labelset);
}

void DetailPane::showSample(const QString &uuid) {
    if (uuid == m_uuid && !uuid.isEmpty())
        return;
    m_uuid = uuid;
    m_loadTimer->stop();
    if (uuid.isEmpty()) {
        m_sample.reset();
        m_picker.setSample(nullptr, {});
        m_sequence->setSample(nullptr);
        m_views->setCurrentIndex(0);
        m_toolBar->show();
        m_zoomLabel->show();
        m_statusBadge->hide();
        m_canvas->clear();
        m_title->setText(tr("No sample selected"));
        m_info->clear();
        m_legend->clear();
        m_instances->clear();
        m_defects->clear();
        m_readout->clear();
        m_tabs->setTabText(3, tr("Defects"));
        setStatus(QString());
        return;
    }
    // Stepping through samples quickly loads only where the user stops; a sample already
    // prefetched or cached shows at once.
    if (m_loader->isCached(uuid, m_labelset))
        m_loader->load(uuid, m_labelset);
    else
        m_loadTimer->start();
}

void DetailPane::focusView() {
    m_canvas->setFocus(Qt::OtherFocusReason);
}

void DetailPane::setStatus(const QString &text) {
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void DetailPane::onLoaded(std::shared_ptr<const models::LoadedSample> sample) {
    if (!sample || sample->sample.uuid != m_uuid)
        return;
    setStatus(QString());
    m_title->setText(sample->sample.name);
    m_title->setToolTip(sample->sample.uuid);
    const QString status = sample->label ? sample->label->labelStatus : QString();
    m_statusBadge->setText(SampleDelegate::statusText(status));
    m_statusBadge->setToolTip(status);
    m_statusBadge->setStyleSheet(
        u"QLabel { background: %1; color: white; border-radius: 8px; padding: 1px 8px; }"_s.arg(
            SampleDelegate::statusColor(status).name()));
    m_statusBadge->setVisible(!status.isEmpty());
    m_info->showSample(*sample);
    const bool imageLike = !NonImageView::isFor(sample->sample.kind());
    if (!imageLike)
        m_nonImage->showSample(*sample, m_dataset.taskAttributes.value_or(wire::TaskAttributes{}));
    m_views->setCurrentIndex(imageLike ? 0 : 1);
    m_toolBar->setVisible(imageLike);
    m_zoomLabel->setVisible(imageLike);
    m_sequence->setSample(sample);
    // The view stays where the user put it (or fitting, if it was), so one region can be
    // compared across samples and labelsets; a new dataset starts fitting (clear() fits).
    showContent(sample, false);
    if (m_neighbour) {
        const QString next = m_neighbour(1);
        if (!next.isEmpty())
            m_loader->prefetch(next, m_labelset);
    }
    emit sampleShown(sample->sample.uuid);
}

void DetailPane::showContent(std::shared_ptr<const models::LoadedSample> sample, bool frame) {
    m_sample = sample;
    const wire::TaskAttributes task = m_dataset.taskAttributes.value_or(wire::TaskAttributes{});
    m_picker.setSample(sample, task);
    const qint64 highlighted = m_canvas->overlayOptions().highlightedId;
    m_canvas->setContent(sample->image, sample->overlay, sample->shownLabel(), task, true);
    applyOptions();
    m_legend->setRows(sample->facts.legend, m_hidden);
    m_instances->setRows(sample->facts.instances);
    setStatus(QString());
    showDefects(sample->facts.defects);
    // The same object in the next frame stays highlighted (a track keeps its id).
    if (frame && highlighted != 0)
        highlight(highlighted);
    onHover(m_canvas->hoverPixel()); // the readout names what is under the cursor now
}

void DetailPane::showDefects(const QStringList &defects) {
    m_defects->clear();
    for (const QString &line : defects)
        new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxWarning), line, m_defects);
    m_tabs->setTabText(3,
                       defects.isEmpty() ? tr("Defects") : tr("Defects (%1)").arg(defects.size()));
    if (!defects.isEmpty())
        setStatus(tr("⚠ %n label defect(s): see the Defects tab", nullptr, int(defects.size())));
}

void DetailPane::applyOptions() {
    labels::OverlayOptions o = m_canvas->overlayOptions();
    o.colorBy =
        m_colorBy->currentIndex() == 1 ? labels::ColorBy::Instance : labels::ColorBy::Category;
    o.mode = static_cast<labels::DrawMode>(m_mode->currentIndex());
    o.opacity = m_opacity->value() / 100.0;
    o.hiddenCategories = m_hidden;
    // Ids without annotation are a defect: shown in magenta, never hidden.
    o.unannotatedColor = QColor(255, 0, 255, 200);
    m_canvas->setOverlayOptions(o);
    saveOptions();
}

void DetailPane::saveOptions() const {
    settings::DetailColorBy.set(m_colorBy->currentIndex());
    settings::DetailMode.set(m_mode->currentIndex());
    settings::DetailOpacity.set(m_opacity->value());
}

void DetailPane::onHover(const QPoint &pixel) {
    if (!m_sample || pixel.x() < 0 || m_views->currentIndex() != 0) {
        m_readout->setText(m_sample && m_views->currentIndex() == 0
                               ? tr("Hover over the image to read pixels")
                               : QString());
        return;
    }
    m_readout->setText(m_picker.describe(pixel, m_canvas->zoom(), m_canvas->overlayOptions()));
}

void DetailPane::onClick(const QPointF &point) {
    if (!m_sample)
        return;
    const qint64 id = m_picker.idAt(point, m_canvas->zoom(), m_canvas->overlayOptions());
    highlight(id);
    m_instances->selectInstance(id);
}

void DetailPane::highlight(qint64 id) {
    labels::OverlayOptions o = m_canvas->overlayOptions();
    o.highlightedId = quint32(std::clamp<qint64>(id, 0, 0xffffffff));
    m_canvas->setOverlayOptions(o);
}

void DetailPane::zoomToInstance(qint64 id) {
    highlight(id);
    const labels::InstanceFact *instance = m_sample ? m_sample->facts.instance(id) : nullptr;
    if (instance && !instance->bounds.isEmpty())
        m_canvas->zoomToRect(instance->bounds);
}

} // namespace segscope::ui
