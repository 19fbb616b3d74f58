#include "compare/evaluationpanel.h"

#include "compare/evaluationheatmap.h"
#include "compare/evaluationhistogram.h"
#include "compare/evaluationioubars.h"
#include "evaluate/datasetevaluation.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

enum ListColumn { NameColumn, PixelsColumn, IoUColumn };
constexpr int UuidRole = Qt::UserRole + 1;

//! A chart in a scroll area, so a dataset with many categories scrolls instead of squeezing.
QScrollArea *scrolled(QWidget *chart) {
    auto *area = new QScrollArea;
    area->setWidget(chart);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

QString ratioText(double value) {
    return std::isfinite(value) ? QString::number(value, 'f', 3) : u"—"_s;
}

} // namespace

EvaluationPanel::EvaluationPanel(QWidget *parent)
    : QWidget(parent)
    , m_reference(new QComboBox(this))
    , m_candidate(new QComboBox(this))
    , m_start(new QPushButton(tr("Evaluate the Listed Samples"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_pixelAccuracy(new QLabel(this))
    , m_meanIoU(new QLabel(this))
    , m_presence(new QLabel(this))
    , m_cached(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_heatMap(new EvaluationHeatMap)
    , m_bars(new EvaluationIoUBars)
    , m_histogram(new EvaluationHistogram)
    , m_listCaption(new QLabel(this))
    , m_showAll(new QToolButton(this))
    , m_list(new QTreeWidget(this)) {
    setObjectName(u"evaluationPanel"_s);
    m_reference->setObjectName(u"referenceLabelset"_s);
    m_candidate->setObjectName(u"candidateLabelset"_s);
    m_reference->setToolTip(tr("The labels taken as right (usually the ground truth)"));
    m_candidate->setToolTip(tr("The labels judged against the reference (e.g. predictions)"));
    m_start->setObjectName(u"evaluateButton"_s);
    m_start->setToolTip(tr("Compares the two labelsets on every sample the browser lists now "
                           "(its search and filters)"));
    m_cancel->setObjectName(u"cancelEvaluation"_s);
    m_progress->setObjectName(u"evaluationProgress"_s);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("%v / %m samples"));
    m_status->setObjectName(u"evaluationStatus"_s);
    m_status->setWordWrap(true);
    m_pixelAccuracy->setObjectName(u"pixelAccuracyValue"_s);
    m_meanIoU->setObjectName(u"meanIoUValue"_s);
    m_presence->setObjectName(u"presenceValue"_s);
    m_cached->setObjectName(u"cachedValue"_s);
    m_presence->setToolTip(tr("Samples with both labels (compared) / with one of them / with "
                              "neither; failed ones are counted apart"));
    m_tabs->setObjectName(u"evaluationCharts"_s);
    m_listCaption->setObjectName(u"evaluationListCaption"_s);
    m_listCaption->setWordWrap(true);
    m_showAll->setObjectName(u"evaluationShowAll"_s);
    m_showAll->setText(tr("All, Worst First"));
    m_showAll->setToolTip(tr("Lists every evaluated sample, the lowest mean IoU first"));
    m_list->setObjectName(u"evaluationSamples"_s);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Sample"), tr("Pixels"), tr("Mean IoU")});
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(PixelsColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(IoUColumn, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);

    auto *choice = new QFormLayout;
    choice->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    choice->addRow(tr("Reference"), m_reference);
    choice->addRow(tr("Candidate"), m_candidate);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start, 1);
    buttons->addWidget(m_cancel);
    auto *figures = new QGridLayout;
    const auto addFigure = [&](int row, int column, const QString &caption, QLabel *value) {
        auto *label = new QLabel(caption, this);
        figures->addWidget(label, row, column * 2);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont bold = value->font();
        bold.setBold(true);
        value->setFont(bold);
        figures->addWidget(value, row, column * 2 + 1);
    };
    addFigure(0, 0, tr("Pixel accuracy"), m_pixelAccuracy);
    addFigure(0, 1, tr("Mean IoU"), m_meanIoU);
    addFigure(1, 0, tr("Both / one / none"), m_presence);
    addFigure(1, 1, tr("From cache"), m_cached);
    figures->setColumnStretch(1, 1);
    figures->setColumnStretch(3, 1);

    m_tabs->addTab(scrolled(m_heatMap), tr("Confusion"));
    m_tabs->addTab(scrolled(m_bars), tr("IoU per Category"));
    m_tabs->addTab(m_histogram, tr("Mean IoU Histogram"));
    m_tabs->setDocumentMode(true);

    auto *listBox = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    auto *captionRow = new QHBoxLayout;
    captionRow->addWidget(m_listCaption, 1);
    captionRow->addWidget(m_showAll);
    listLayout->addLayout(captionRow);
    listLayout->addWidget(m_list, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"evaluationSplit"_s);
    split->setChildrenCollapsible(false);
    split->addWidget(m_tabs);
    split->addWidget(listBox);
    // The charts take most of the height; the list shows a handful of rows and scrolls.
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    m_list->setMinimumHeight(5 * m_list->fontMetrics().height());

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(choice);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(figures);
    layout->addWidget(split, 1);

    m_refresh.setSingleShot(true);
    connect(&m_refresh, &QTimer::timeout, this, &EvaluationPanel::refreshFromRun);
    connect(m_start, &QPushButton::clicked, this, &EvaluationPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &EvaluationPanel::cancel);
    connect(m_reference, &QComboBox::currentIndexChanged, this,
            &EvaluationPanel::updateStartEnabled);
    connect(m_candidate, &QComboBox::currentIndexChanged, this,
            &EvaluationPanel::updateStartEnabled);
    connect(m_heatMap, &EvaluationHeatMap::cellClicked, this,
            [this](int r, int c) { showList(ListMode::Cell, r, c); });
    connect(m_histogram, &EvaluationHistogram::binClicked, this,
            [this](int bin) { showList(ListMode::Bin, bin); });
    connect(m_showAll, &QToolButton::clicked, this, [this] { showList(ListMode::Worst); });
    // The list drives the viewer like the grid: a click or the arrow keys show a sample (so
    // the worst samples can be walked in order), Enter or a double click opens it.
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (m_rebuildingList || !item)
            return;
        // A press that makes an item current shows it; the click that ends it need not.
        m_pressShown = m_pressing;
        emit sampleSelected(item->data(NameColumn, UuidRole).toString());
    });
    // A click on the current item shows it again (the viewer may have moved on).
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        if (!std::exchange(m_pressShown, false))
            emit sampleSelected(item->data(NameColumn, UuidRole).toString());
    });
    m_list->viewport()->installEventFilter(this);
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        emit sampleActivated(item->data(NameColumn, UuidRole).toString());
    });

    setRunning(false);
    showResults({});
}

bool EvaluationPanel::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_list->viewport()) {
        if (event->type() == QEvent::MouseButtonPress) {
            m_pressing = true;
            m_pressShown = false;
        } else if (event->type() == QEvent::MouseButtonRelease) {
            m_pressing = false;
        }
    }
    return QWidget::eventFilter(watched, event);
}

EvaluationPanel::~EvaluationPanel() {
    if (m_run)
        m_run->cancel();
}

void EvaluationPanel::setClient(api::ApiClient *client) {
    if (client != m_client)
        cancel();
    m_client = client;
    updateStartEnabled();
}

void EvaluationPanel::setDataset(const wire::Dataset &dataset) {
    if (dataset.fullName == m_dataset.fullName && !m_dataset.fullName.isEmpty()) {
        m_dataset = dataset;
        return;
    }
    cancel();
    m_dataset = dataset;
    QStringList names;
    for (const wire::Labelset &l : dataset.labelsets)
        names.append(l.name);
    if (names.isEmpty())
        names.append(wire::DefaultLabelset);
    const QSignalBlocker blockReference(m_reference);
    const QSignalBlocker blockCandidate(m_candidate);
    m_reference->clear();
    m_candidate->clear();
    m_reference->addItems(names);
    m_candidate->addItems(names);
    // Ground truth against the first other labelset: the usual question (are the predictions
    // right?).
    const int reference = std::max(0, int(names.indexOf(wire::DefaultLabelset)));
    m_reference->setCurrentIndex(reference);
    m_candidate->setCurrentIndex(names.size() > 1 ? (reference == 0 ? 1 : 0) : 0);
    m_status->setText(names.size() > 1 ? QString()
                                       : tr("This dataset has one labelset: there is nothing "
                                            "to compare it with."));
    showResults({});
    updateStartEnabled();
}

void EvaluationPanel::setFilterSource(std::function<models::SampleFilter()> source) {
    m_filterSource = std::move(source);
}

bool EvaluationPanel::isRunning() const {
    return m_run && m_run->isRunning();
}

void EvaluationPanel::updateStartEnabled() {
    m_start->setEnabled(m_client && !isRunning() && !m_dataset.fullName.isEmpty() &&
                        m_reference->currentIndex() >= 0 &&
                        m_reference->currentText() != m_candidate->currentText());
}

void EvaluationPanel::setRunning(bool running) {
    m_cancel->setEnabled(running);
    m_reference->setEnabled(!running);
    m_candidate->setEnabled(!running);
    updateStartEnabled();
}

void EvaluationPanel::start() {
    if (!m_client || isRunning() || !m_start->isEnabled())
        return;
    const models::SampleFilter filter = m_filterSource ? m_filterSource() : models::SampleFilter();
    evaluate::EvaluationSpec spec;
    spec.dataset = m_dataset.fullName;
    spec.reference = m_reference->currentText();
    spec.candidate = m_candidate->currentText();
    QString error;
    if (!spec.query.setMetadataTerms(filter.metadataTerms, &error)) {
        m_status->setText(tr("The browser's metadata filter is not valid: %1").arg(error));
        return;
    }
    // The browser's search and filters, in its order; the evaluation lists with the reference
    // labelset, so label statuses are read in the reference.
    spec.query.nameContains = filter.nameContains;
    spec.query.labelStatuses = filter.labelStatuses;
    spec.query.sortField = filter.sortField;
    spec.query.sortDescending = filter.sortDescending;
    spec.cacheDirectory = m_cacheDirectory;

    if (m_run)
        m_run->deleteLater();
    m_run = new evaluate::DatasetEvaluation(this);
    evaluate::DatasetEvaluation *run = m_run;
    connect(run, &evaluate::DatasetEvaluation::progress, this, [this](int done, int total) {
        m_progress->setMaximum(std::max(total, 1));
        m_progress->setValue(done);
    });
    connect(run, &evaluate::DatasetEvaluation::sampleEvaluated, this, [this, run] {
        // A redraw costs in proportion to the samples so far (the list is rebuilt): spaced
        // out as they grow, so a long dataset keeps the window responsive.
        if (!m_refresh.isActive())
            m_refresh.start(std::clamp(int(run->samples().size()) / 10, 150, 1000));
    });
    connect(run, &evaluate::DatasetEvaluation::finished, this, [this, run] {
        refreshFromRun();
        setRunning(false);
        m_progress->setMaximum(std::max<int>(1, int(run->samples().size())));
        m_progress->setValue(int(run->samples().size()));
        QString text = tr("Done: %1 against %2, %n sample(s).", nullptr, int(run->samples().size()))
                           .arg(run->spec().candidate, run->spec().reference);
        // Failures are counted in the figures; the first one says why.
        for (const evaluate::SampleEvaluation &s : run->samples()) {
            if (s.presence == evaluate::SampleEvaluation::Presence::Failed) {
                text += u' ' + tr("%1 could not be compared: %2").arg(s.name, s.error);
                break;
            }
        }
        m_status->setText(text);
    });
    connect(run, &evaluate::DatasetEvaluation::failed, this, [this](const api::ApiError &failure) {
        refreshFromRun();
        setRunning(false);
        m_status->setText(tr("The evaluation failed: %1").arg(failure.toString()));
    });
    m_progress->setMaximum(1);
    m_progress->setValue(0);
    QString scope = filter.narrows() ? tr("Evaluating the samples the browser's filter lists…")
                                     : tr("Evaluating every sample of %1…").arg(m_dataset.fullName);
    // The listing carries the reference's labels, so a status filter is read there.
    if (!filter.labelStatuses.isEmpty() && filter.labelset != spec.reference)
        scope += u' ' + tr("(The label status filter applies to %1 here, not to %2.)")
                            .arg(spec.reference, filter.labelset);
    m_status->setText(scope);
    showResults({});
    run->start(*m_client, spec);
    setRunning(run->isRunning());
}

void EvaluationPanel::cancel() {
    m_refresh.stop();
    if (!isRunning())
        return;
    m_run->cancel();
    refreshFromRun();
    setRunning(false);
    m_status->setText(tr("Cancelled after %n sample(s)", nullptr, int(m_run->samples().size())));
}

void EvaluationPanel::refreshFromRun() {
    if (m_run)
        showResults(EvaluationResults(m_run->matrix(), m_run->samples()), m_run->cachedCount());
}

void EvaluationPanel::showResults(const EvaluationResults &results, int cachedCount) {
    const bool fresh = results.isEmpty() || m_results.isEmpty();
    m_results = results;
    const labels::ConfusionMatrix &matrix = results.matrix();
    const QLocale locale;
    const double accuracy = matrix.total() > 0 ? matrix.pixelAccuracy() : NAN;
    m_pixelAccuracy->setText(
        std::isfinite(accuracy) ? locale.toString(accuracy * 100, 'f', 1) + u" %"_s : u"—"_s);
    m_meanIoU->setText(matrix.total() > 0 ? ratioText(matrix.meanIoU()) : u"—"_s);
    using Presence = evaluate::SampleEvaluation::Presence;
    const auto presence = results.presenceCounts();
    QString presenceText = u"%1 / %2 / %3"_s.arg(presence[size_t(Presence::Both)])
                               .arg(presence[size_t(Presence::ReferenceOnly)] +
                                    presence[size_t(Presence::CandidateOnly)])
                               .arg(presence[size_t(Presence::Neither)]);
    if (const int failed = presence[size_t(Presence::Failed)])
        presenceText += u" · "_s + tr("%n failed", nullptr, failed);
    m_presence->setText(presenceText);
    m_cached->setText(QString::number(cachedCount));
    m_heatMap->setMatrix(matrix);
    m_bars->setMatrix(matrix);
    m_histogram->setCounts(results.histogram());
    if (fresh) {
        m_heatMap->clearSelection();
        m_histogram->clearSelection();
        showList(ListMode::Worst);
    } else {
        showList(m_listMode, m_listA, m_listB);
    }
    emit scoresChanged(results.meanIoUByUuid());
}

QString EvaluationPanel::className(int slot) const {
    const labels::CompareClass &c = m_results.matrix().classes.at(slot);
    return c.isBackground() ? tr("background") : c.name;
}

void EvaluationPanel::showList(ListMode mode, int a, int b) {
    m_listMode = mode;
    m_listA = a;
    m_listB = b;
    QList<EvaluatedSample> samples;
    QString caption;
    switch (mode) {
    case ListMode::Worst:
        samples = m_results.worstFirst();
        caption =
            tr("%n evaluated sample(s), the worst mean IoU first", nullptr, int(samples.size()));
        m_heatMap->clearSelection();
        m_histogram->clearSelection();
        break;
    case ListMode::Cell:
        samples = m_results.samplesWithConfusion(a, b);
        caption = (a == b ? tr("%n sample(s) where both say %1, most pixels first", nullptr,
                               int(samples.size()))
                                .arg(className(a))
                          : tr("%n sample(s) where the reference's %1 is %2 in the candidate, "
                               "most pixels first",
                               nullptr, int(samples.size()))
                                .arg(className(a), className(b)));
        m_histogram->clearSelection();
        break;
    case ListMode::Bin: {
        samples = m_results.samplesInBin(a);
        const double step = 1.0 / EvaluationResults::HistogramBins;
        caption =
            tr("%n sample(s) with a mean IoU of %1–%2, worst first", nullptr, int(samples.size()))
                .arg(a * step, 0, 'f', 1)
                .arg((a + 1) * step, 0, 'f', 1);
        m_heatMap->clearSelection();
        break;
    }
    }
    if (m_results.isEmpty())
        caption = tr("Pick two labelsets and evaluate: the samples are listed here.");
    m_listCaption->setText(caption);
    m_showAll->setVisible(mode != ListMode::Worst);
    const QString current = m_list->currentItem()
                                ? m_list->currentItem()->data(NameColumn, UuidRole).toString()
                                : QString();
    // Rebuilding moves no viewer.
    const QScopedValueRollback rebuilding(m_rebuildingList, true);
    m_list->clear();
    const QLocale locale;
    QList<QTreeWidgetItem *> items;
    items.reserve(samples.size());
    for (const EvaluatedSample &s : samples) {
        auto *item = new QTreeWidgetItem;
        item->setText(NameColumn, s.name.isEmpty() ? s.uuid : s.name);
        item->setData(NameColumn, UuidRole, s.uuid);
        item->setToolTip(NameColumn, s.name + u'\n' + s.uuid);
        item->setText(PixelsColumn, mode == ListMode::Cell ? locale.toString(s.pixels) : QString());
        item->setData(PixelsColumn, Qt::UserRole, double(s.pixels));
        item->setText(IoUColumn, ratioText(s.meanIoU));
        item->setData(IoUColumn, Qt::UserRole, s.meanIoU);
        item->setTextAlignment(PixelsColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(IoUColumn, Qt::AlignRight | Qt::AlignVCenter);
        items.append(item);
    }
    m_list->addTopLevelItems(items);
    m_list->setColumnHidden(PixelsColumn, mode != ListMode::Cell);
    for (QTreeWidgetItem *item : items) {
        if (!current.isEmpty() && item->data(NameColumn, UuidRole).toString() == current)
            m_list->setCurrentItem(item);
    }
}

} // namespace segscope::ui
