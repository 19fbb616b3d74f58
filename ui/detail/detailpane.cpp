#include "detail/detailpane.h"
#include "labels/labeloverlay.h"
#include "settings/appsettings.h"

#include "browse/sampledelegate.h"
#include "compare/comparecontroller.h"
#include "compare/comparefigurespanel.h"
#include "detail/elidedlabel.h"
#include "detail/frameslider.h"
#include "detail/imagecanvas.h"
#include "detail/labelpanels.h"
#include "detail/nonimageview.h"
#include "detail/sampleinfoview.h"
#include "detail/sequenceviewer.h"
#include "detail/viewcontrols.h"
#include "review/issuespanel.h"
#include "wire/contract.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

DetailPane::DetailPane(QWidget *parent)
    : QWidget(parent)
    , m_loader(new models::SampleLoader(this))
    , m_loadTimer(new QTimer(this))
    , m_title(new ElidedLabel(this))
    , m_labelsetBox(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_statusBadge(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_views(new QStackedWidget(this))
    , m_canvas(new ImageCanvas(this))
    , m_controls(new ViewControls(m_canvas, this))
    , m_compare(new CompareController(m_canvas, this))
    , m_labelsetLabel(new QLabel(tr("Labelset"), this))
    , m_frameSlider(new FrameSlider(this))
    , m_nonImage(new NonImageView(this))
    , m_sequence(new SequenceViewer(m_loader, m_frameSlider, this))
    , m_tabs(new QTabWidget(this))
    , m_info(new SampleInfoView(this))
    , m_legend(new LegendPanel(this))
    , m_instances(new InstancesPanel(this))
    , m_defects(new QListWidget(this))
    , m_defectsPlaceholder(new QLabel(this))
    , m_issues(new IssuesPanel(this))
    , m_readout(new ElidedLabel(this))
    , m_exporter(m_canvas) {
    m_loadTimer->setSingleShot(true);
    m_loadTimer->setInterval(120);
    connect(m_loadTimer, &QTimer::timeout, this, [this] {
        if (!m_uuid.isEmpty())
            m_loader->load(m_uuid, m_labelset, m_compare->candidate());
        m_issues->showSample(m_uuid); // also when the image fails: the issue may say why
    });
    setObjectName(u"detailPane"_s);
    m_title->setObjectName(u"detailTitle"_s);
    m_labelsetBox->setObjectName(u"labelsetBox"_s);
    // Its items come with the dataset, after the first show: size to them, not to none, and
    // never less (a labelset box reading "predictio" says nothing).
    m_labelsetBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_labelsetBox->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_labelsetBox->setToolTip(tr("The labelset shown (S: the next one)"));
    m_status->setObjectName(u"detailStatus"_s);
    m_readout->setObjectName(u"hoverReadout"_s);
    m_defects->setObjectName(u"defectList"_s);
    m_defectsPlaceholder->setObjectName(u"defectsPlaceholder"_s);
    m_tabs->setObjectName(u"detailTabs"_s);
    m_statusBadge->setObjectName(u"labelStatusBadge"_s);
    m_notice->setObjectName(u"labelNotice"_s);
    m_views->setObjectName(u"detailViews"_s);
    m_statusBadge->hide();

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_status->setWordWrap(true);
    m_readout->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // The notice in the tool tip's colours: set apart from the window in both themes.
    m_notice->setWordWrap(true);
    m_notice->setAutoFillBackground(true);
    m_notice->setBackgroundRole(QPalette::ToolTipBase);
    m_notice->setForegroundRole(QPalette::ToolTipText);
    m_notice->setContentsMargins(8, 4, 8, 4);
    m_notice->hide();
    m_defectsPlaceholder->setAlignment(Qt::AlignCenter);
    m_defectsPlaceholder->setWordWrap(true);
    m_defectsPlaceholder->setForegroundRole(QPalette::PlaceholderText);

    auto *defectsPage = new QWidget(this);
    auto *defectsLayout = new QVBoxLayout(defectsPage);
    defectsLayout->setContentsMargins(0, 0, 0, 0);
    defectsLayout->addWidget(m_defects);
    defectsLayout->addWidget(m_defectsPlaceholder);
    m_tabs->addTab(m_info, tr("Info"));
    m_tabs->addTab(m_legend, tr("Legend"));
    m_tabs->addTab(m_instances, tr("Instances"));
    m_tabs->addTab(defectsPage, tr("Defects"));
    m_tabs->addTab(m_compare->figures(), tr("Compare"));
    m_tabs->addTab(m_issues, m_issues->title());
    // The tabs are elided in a narrow column: the count is in the tool tip (and the chip).
    connect(m_issues, &IssuesPanel::openCountChanged, this, [this](int open) {
        const int tab = m_tabs->indexOf(m_issues);
        m_tabs->setTabText(tab, m_issues->title());
        m_tabs->setTabToolTip(tab, open > 0 ? m_issues->chip()->text() : QString());
    });
    connect(m_issues, &IssuesPanel::showRequested, this,
            [this] { m_tabs->setCurrentWidget(m_issues); });

    auto *body = new QSplitter(Qt::Horizontal, this);
    body->setObjectName(u"detailSplitter"_s);
    auto *imagePage = new QWidget(this);
    auto *imageLayout = new QVBoxLayout(imagePage);
    imageLayout->setContentsMargins(0, 0, 0, 0);
    imageLayout->setSpacing(2);
    // Side by side: the candidate's canvas beside this one.
    auto *canvases = new QHBoxLayout;
    canvases->setSpacing(2);
    canvases->addWidget(m_canvas, 1);
    canvases->addWidget(m_compare->sideCanvas(), 1);
    imageLayout->addLayout(canvases, 1);
    imageLayout->addWidget(m_frameSlider);
    m_views->addWidget(imagePage);
    m_views->addWidget(m_nonImage);
    auto *viewColumn = new QWidget(this);
    auto *viewLayout = new QVBoxLayout(viewColumn);
    viewLayout->setContentsMargins(0, 0, 0, 0);
    viewLayout->setSpacing(2);
    viewLayout->addWidget(m_notice);
    viewLayout->addWidget(m_views, 1);
    body->addWidget(viewColumn);
    body->addWidget(m_tabs);
    // The image gets what the window gives; the facts stay narrow and may be collapsed.
    body->setStretchFactor(0, 1);
    body->setStretchFactor(1, 0);
    body->setCollapsible(0, false);
    body->setCollapsible(1, true);
    m_tabs->setMinimumWidth(180);
    // Six tabs do not fit a narrow column: whole names that scroll, never "Le..." and "I...".
    m_tabs->setDocumentMode(true);
    m_tabs->tabBar()->setUsesScrollButtons(true);
    m_tabs->tabBar()->setElideMode(Qt::ElideNone);
    if (!body->restoreState(settings::DetailSplitter.value()))
        body->setSizes({900, 360});
    connect(body, &QSplitter::splitterMoved, this,
            [body] { settings::DetailSplitter.set(body->saveState()); });

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_statusBadge);
    header->addWidget(m_issues->chip());
    m_labelsetLabel->setObjectName(u"labelsetLabel"_s);
    header->addWidget(m_labelsetLabel);
    header->addWidget(m_labelsetBox);
    header->addWidget(m_compare->candidateLabel());
    header->addWidget(m_compare->candidateBox());
    header->addWidget(m_compare->viewBox());

    auto *footer = new QHBoxLayout;
    footer->addWidget(m_readout, 1);
    footer->addWidget(m_controls->zoomBar());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 4);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_controls->toolBar());
    layout->addWidget(m_compare->bar());
    layout->addWidget(m_status);
    layout->addWidget(body, 1);
    layout->addLayout(footer);
    m_status->hide();

    connect(m_loader, &models::SampleLoader::loaded, this, &DetailPane::onLoaded);
    connect(m_loader, &models::SampleLoader::progress, this,
            [this](const QString &uuid, const QString &what) {
                if (uuid == m_uuid && (!m_sample || m_sample->sample.uuid != uuid)) {
                    setStatus(what);
                    setDefectsPlaceholder(tr("Loading…"));
                }
            });
    connect(m_loader, &models::SampleLoader::failed, this,
            [this](const QString &uuid, const QString &message) {
                if (uuid != m_uuid)
                    return;
                setStatus(tr("Could not load the sample: %1").arg(message));
                m_defects->clear();
                setDefectsPlaceholder(tr("Could not load the sample: %1").arg(message));
            });
    connect(m_canvas, &ImageCanvas::hovered, this, &DetailPane::onHover);
    connect(m_compare->sideCanvas(), &ImageCanvas::hovered, this, &DetailPane::onHover);
    connect(m_compare->sideCanvas(), &ImageCanvas::stepRequested, this, &DetailPane::stepRequested);
    connect(m_compare, &CompareController::reloadWanted, this, &DetailPane::reload);
    connect(m_compare, &CompareController::referenceWanted, this, &DetailPane::chooseLabelset);
    connect(m_compare, &CompareController::viewChanged, this, [this] {
        m_labelsetLabel->setText(m_compare->isOn() ? tr("Reference") : tr("Labelset"));
        onHover(m_canvas->hoverPixel());
    });
    connect(m_canvas, &ImageCanvas::clicked, this, &DetailPane::onClick);
    connect(m_canvas, &ImageCanvas::stepRequested, this, &DetailPane::stepRequested);
    connect(m_controls, &ViewControls::stepRequested, this, &DetailPane::stepRequested);
    connect(m_controls, &ViewControls::optionsChanged, this, &DetailPane::applyOptions);
    connect(m_controls, &ViewControls::viewChanged, this, [this] {
        m_compare->followCanvas();
        onHover(m_canvas->hoverPixel());
    });
    connect(m_controls, &ViewControls::cycleLabelsetRequested, this, &DetailPane::cycleLabelset);
    connect(m_controls, &ViewControls::exportRequested, this, &DetailPane::exportView);
    connect(m_controls, &ViewControls::copyRequested, this,
            [this] { m_exporter.copyToClipboard(); });
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
    applyOptions();
    showSample(QString());
}

DetailPane::~DetailPane() = default;

void DetailPane::exportView() {
    if (!m_sample)
        return;
    QString base = m_sample->sample.name;
    base = base.left(base.lastIndexOf(u'.') > 0 ? base.lastIndexOf(u'.') : base.size());
    m_exporter.exportWithDialog(this, base + u'_' + m_labelset + u".png"_s);
}

void DetailPane::cycleLabelset() {
    const int count = m_labelsetBox->count();
    if (count < 2)
        return;
    const int next = (m_labelsetBox->findText(m_labelset) + 1) % count;
    chooseLabelset(m_labelsetBox->itemText(next));
}

void DetailPane::setClient(api::ApiClient *client) {
    m_loader->setClient(client);
    m_issues->setClient(client);
    showSample(QString());
}

void DetailPane::setDataset(const wire::Dataset &dataset) {
    m_dataset = dataset;
    m_issues->setDataset(dataset.fullName);
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
    QStringList names;
    for (const wire::Labelset &l : dataset.labelsets)
        names.append(l.name);
    m_compare->setLabelsets(dataset.fullName, names, wanted);
    showSample(QString());
}

void DetailPane::setLabelset(const QString &labelset) {
    if (labelset == m_labelset || labelset.isEmpty())
        return;
    m_labelset = labelset;
    m_labelsetBox->setCurrentText(labelset);
    settings::DetailLabelset(m_dataset.fullName).set(labelset);
    m_compare->setReference(labelset);
    reload();
}

void DetailPane::reload() {
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
        m_compare->clear();
        m_picker.setSample(nullptr, {});
        m_sequence->setSample(nullptr);
        m_views->setCurrentIndex(0);
        m_controls->toolBar()->show();
        m_controls->zoomBar()->show();
        m_statusBadge->hide();
        m_notice->hide();
        m_canvas->clear();
        m_title->setText(tr("No sample selected"));
        m_title->setFixedToolTip(QString());
        m_info->clear();
        m_legend->clear();
        m_instances->clear();
        m_defects->clear();
        m_readout->clear();
        m_tabs->setTabText(3, tr("Defects"));
        m_issues->showSample(QString());
        setDefectsPlaceholder(tr("No sample selected"));
        setStatus(QString());
        return;
    }
    // Stepping through samples quickly loads only where the user stops; a sample already
    // prefetched or cached shows at once.
    if (m_loader->isCached(uuid, m_labelset, m_compare->candidate())) {
        m_loader->load(uuid, m_labelset, m_compare->candidate());
        m_issues->showSample(uuid);
    } else {
        m_loadTimer->start();
    }
}

void DetailPane::focusView() {
    m_canvas->setFocus(Qt::OtherFocusReason);
}

void DetailPane::setStatus(const QString &text) {
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void DetailPane::setDefectsPlaceholder(const QString &text) {
    m_defectsPlaceholder->setText(text);
    m_defectsPlaceholder->setVisible(m_defects->count() == 0);
    m_defects->setVisible(m_defects->count() > 0);
}

void DetailPane::onLoaded(std::shared_ptr<const models::LoadedSample> sample) {
    if (!sample || sample->sample.uuid != m_uuid)
        return;
    setStatus(QString());
    m_title->setText(sample->sample.name);
    m_title->setFixedToolTip(sample->sample.name + u'\n' + sample->sample.uuid);
    setStatusBadge(sample->label ? sample->label->labelStatus : QString());
    m_info->showSample(*sample);
    showLabelNotice(*sample);
    const bool imageLike = !NonImageView::isFor(sample->sample.kind());
    if (!imageLike)
        m_nonImage->showSample(*sample, m_dataset.taskAttributes.value_or(wire::TaskAttributes{}));
    m_views->setCurrentIndex(imageLike ? 0 : 1);
    m_controls->toolBar()->setVisible(imageLike);
    m_controls->zoomBar()->setVisible(imageLike);
    m_sequence->setSample(sample);
    // The view stays where the user put it (or fitting, if it was), so one region can be
    // compared across samples and labelsets; a new dataset starts fitting (clear() fits).
    showContent(sample, false);
    if (m_neighbour) {
        // The next two, so a reviewer deciding fast still lands on a loaded sample.
        QStringList next;
        for (int step = 1; step <= 2; ++step) {
            if (const QString uuid = m_neighbour(step); !uuid.isEmpty())
                next.append(uuid);
        }
        m_loader->prefetch(next, m_labelset, m_compare->candidate());
    }
    emit sampleShown(sample->sample.uuid);
}

void DetailPane::setStatusBadge(const QString &status) {
    m_statusBadge->setText(SampleDelegate::statusText(status));
    m_statusBadge->setToolTip(status);
    m_statusBadge->setStyleSheet(
        u"QLabel { background: %1; color: white; border-radius: 8px; padding: 1px 8px; }"_s.arg(
            SampleDelegate::statusColor(status).name()));
    m_statusBadge->setVisible(!status.isEmpty());
}

void DetailPane::showLabelStatus(const QString &uuid, const QString &labelset,
                                 const QString &status) {
    if (uuid != m_uuid || labelset != m_labelset || !m_sample || m_sample->sample.uuid != uuid)
        return;
    setStatusBadge(status);
    // The Info tab says the same as the badge (a copy: the loaded sample is shared).
    if (m_sample->label && m_sample->label->labelStatus != status) {
        models::LoadedSample shown = *m_sample;
        shown.label->labelStatus = status;
        m_info->showSample(shown);
    }
}

void DetailPane::showLandedLabel(const QString &uuid, const wire::Label &label) {
    if (uuid != m_uuid || label.labelset != m_labelset || !m_sample || !m_sample->label ||
        m_sample->sample.uuid != uuid)
        return;
    // The server's word on the review (who, when) beside the label the canvas already holds.
    models::LoadedSample shown = *m_sample;
    shown.label->labelStatus = label.labelStatus;
    shown.label->updatedAt = label.updatedAt;
    shown.label->updatedBy = label.updatedBy;
    shown.label->reviewedAt = label.reviewedAt;
    shown.label->reviewedBy = label.reviewedBy;
    setStatusBadge(label.labelStatus);
    m_info->showSample(shown);
}

void DetailPane::showNotice(const QString &uuid, const QString &text) {
    if (uuid != m_uuid)
        return;
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

void DetailPane::showLabelNotice(const models::LoadedSample &sample) {
    QString text;
    if (sample.comparison) // compared: which label is missing, a resized candidate
        text = m_compare->notice(sample);
    else if (!sample.labelError.isEmpty())
        text =
            tr("The label in ‘%1’ could not be loaded: %2").arg(sample.labelset, sample.labelError);
    else if (!sample.label)
        text = tr("No label in ‘%1’ for this sample").arg(sample.labelset);
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

void DetailPane::showContent(std::shared_ptr<const models::LoadedSample> sample, bool frame) {
    m_sample = sample;
    const wire::TaskAttributes task = m_dataset.taskAttributes.value_or(wire::TaskAttributes{});
    m_picker.setSample(sample, task);
    const qint64 highlighted = m_canvas->overlayOptions().highlightedId;
    if (!m_compare->showSample(sample, task))
        m_canvas->setContent(sample->image, sample->overlay, sample->shownLabel(), task, true);
    applyOptions();
    showPanels();
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
    setDefectsPlaceholder(tr("No defects"));
    if (!defects.isEmpty())
        setStatus(tr("⚠ %n label defect(s): see the Defects tab", nullptr, int(defects.size())));
}

void DetailPane::applyOptions() {
    labels::OverlayOptions o = m_controls->applyTo(m_canvas->overlayOptions());
    o.hiddenCategories = m_hidden;
    // Ids without annotation are a defect: shown in magenta, never hidden.
    o.unannotatedColor = QColor(255, 0, 255, 200);
    m_canvas->setOverlayOptions(o);
    m_compare->followCanvas();
    // The panels follow the colouring; other options leave them (and their selection) alone.
    if (o.colorBy != m_panelsColorBy)
        showPanels();
}

void DetailPane::showPanels() {
    if (!m_sample) {
        m_legend->clear();
        m_instances->clear();
        return;
    }
    const labels::OverlayOptions &o = m_canvas->overlayOptions();
    m_panelsColorBy = o.colorBy;
    const bool byInstance = o.colorBy == labels::ColorBy::Instance;
    // Each object in the colour it has on the canvas: its instance colour when colouring by
    // instance, the marker for ids with no annotation or an unknown category.
    QList<labels::InstanceFact> rows = m_sample->facts.instances;
    QHash<qint64, QList<QColor>> perCategory;
    for (labels::InstanceFact &r : rows) {
        const bool annotated = r.type != labels::LabelFacts::MaskType || !m_sample->overlay ||
                               m_sample->overlay->label().annotation(r.id);
        const bool known =
            m_dataset.taskAttributes && m_dataset.taskAttributes->category(r.categoryId);
        if (annotated && byInstance)
            r.color = wire::instanceColor(quint32(r.id));
        else if (!annotated || !known)
            r.color = o.unannotatedColor;
        if (annotated && r.area != 0)
            perCategory[r.categoryId].append(r.color);
    }
    m_legend->setRows(m_sample->facts.legend, m_hidden,
                      byInstance ? perCategory : QHash<qint64, QList<QColor>>{});
    m_instances->setRows(rows);
    m_instances->selectInstance(o.highlightedId);
}

void DetailPane::onHover(const QPoint &pixel) {
    if (!m_sample || pixel.x() < 0 || m_views->currentIndex() != 0) {
        m_readout->setText(m_sample && m_views->currentIndex() == 0
                               ? tr("Hover over the image to read pixels")
                               : QString());
        return;
    }
    const QString compared = m_compare->describe(pixel);
    m_readout->setText(!compared.isEmpty() ? compared
                                           : m_picker.describe(pixel, m_canvas->zoom(),
                                                               m_canvas->overlayOptions()));
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
