#include "compare/comparecontroller.h"

#include "compare/comparefigurespanel.h"
#include "compare/differencelegend.h"
#include "detail/imagecanvas.h"
#include "labels/labelfacts.h"
#include "settings/appsettings.h"
#include "threading.h"
#include "wire/contract.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

//! "instance 12 · car", "background", "id 7 (no annotation)" or "outside" for one label.
QString describeHit(const labels::LabelOverlay *overlay, int x, int y,
                    const wire::TaskAttributes &task) {
    if (!overlay)
        return CompareController::tr("no label");
    const labels::OverlayHit hit = overlay->hitTest(x, y);
    if (!hit.inside)
        return CompareController::tr("outside the bitmap");
    if (hit.id == 0)
        return CompareController::tr("background");
    if (!hit.annotation)
        return CompareController::tr("id %1 (no annotation)").arg(hit.id);
    return CompareController::tr("instance %1 %2")
        .arg(hit.id)
        .arg(labels::categoryName(task, hit.annotation->categoryId));
}

QString agreementName(labels::PixelAgreement agreement) {
    switch (agreement) {
    case labels::PixelAgreement::Background:
        return CompareController::tr("both background");
    case labels::PixelAgreement::Agree:
        return CompareController::tr("agree");
    case labels::PixelAgreement::Missed:
        return CompareController::tr("missed");
    case labels::PixelAgreement::Extra:
        return CompareController::tr("extra");
    case labels::PixelAgreement::Confused:
        return CompareController::tr("confused");
    }
    return {};
}

} // namespace

CompareController::CompareController(ImageCanvas *canvas, QWidget *pane)
    : QObject(pane)
    , m_canvas(canvas)
    , m_pane(pane)
    , m_viewBox(new QComboBox(pane))
    , m_candidateLabel(new QLabel(tr("vs"), pane))
    , m_candidateBox(new QComboBox(pane))
    , m_bar(new QWidget(pane))
    , m_legend(new DifferenceLegend(m_bar))
    , m_sides(new QLabel(m_bar))
    , m_figures(new CompareFiguresPanel(pane))
    , m_side(new ImageCanvas(pane))
    , m_mailbox(std::make_shared<Mailbox>(this)) {
    m_viewBox->setObjectName(u"compareViewBox"_s);
    m_viewBox->addItems(
        {tr("Compare: off"), tr("Difference"), tr("Swipe"), tr("Toggle"), tr("Side by side")});
    m_viewBox->setToolTip(tr("Compare the labelset shown with another (D: the next view)"));
    m_viewBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_candidateBox->setObjectName(u"candidateBox"_s);
    m_candidateBox->setToolTip(tr("The labelset compared with the one shown (the reference)"));
    m_candidateBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_candidateLabel->setObjectName(u"candidateLabel"_s);
    m_bar->setObjectName(u"compareBar"_s);
    m_sides->setObjectName(u"compareSides"_s);
    m_side->setObjectName(u"candidateCanvas"_s);
    auto *barLayout = new QHBoxLayout(m_bar);
    barLayout->setContentsMargins(2, 0, 2, 0);
    barLayout->addWidget(m_legend, 1);
    barLayout->addWidget(m_sides, 1);
    for (QWidget *w : {static_cast<QWidget *>(m_candidateLabel), static_cast<QWidget *>(m_bar),
                       static_cast<QWidget *>(m_candidateBox), static_cast<QWidget *>(m_side)})
        w->hide();

    auto *cycle = new QAction(tr("Next compare view"), pane);
    cycle->setObjectName(u"cycleCompareAction"_s);
    cycle->setShortcut(QKeySequence(Qt::Key_D));
    cycle->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(cycle, &QAction::triggered, this,
            [this] { setView(View((int(m_view) + 1) % m_viewBox->count())); });
    auto *flip = new QAction(tr("Flip the overlay shown"), pane);
    flip->setObjectName(u"flipCompareAction"_s);
    flip->setShortcut(QKeySequence(Qt::Key_T));
    flip->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(flip, &QAction::triggered, this, [this] {
        if (m_view != View::Toggle)
            return setView(View::Toggle);
        m_canvas->setCandidateShown(!m_canvas->candidateShown());
        updateBar();
        emit viewChanged();
    });
    pane->addActions({cycle, flip});

    connect(m_viewBox, &QComboBox::activated, this, &CompareController::onViewBox);
    connect(m_candidateBox, &QComboBox::activated, this,
            [this] { chooseCandidate(m_candidateBox->currentText()); });
    connect(m_figures, &CompareFiguresPanel::slotSelected, this, &CompareController::highlightSlot);
    connect(m_canvas, &ImageCanvas::viewMoved, this, [this] { syncView(m_canvas, m_side); });
    connect(m_side, &ImageCanvas::viewMoved, this, [this] {
        if (m_side->isVisible())
            syncView(m_side, m_canvas);
    });
    connect(m_canvas, &ImageCanvas::swipeMoved, this, &CompareController::viewChanged);
}

CompareController::~CompareController() {
    m_mailbox->close();
}

void CompareController::syncView(ImageCanvas *from, ImageCanvas *to) {
    if (m_syncing || m_view != View::SideBySide)
        return;
    m_syncing = true;
    to->matchView(*from);
    m_syncing = false;
}

QString CompareController::candidate() const {
    return isOn() ? m_candidate : QString();
}

void CompareController::onViewBox(int index) {
    setView(View(index));
}

void CompareController::setView(View view) {
    const bool wasOn = isOn();
    m_view = view;
    m_viewBox->setCurrentIndex(int(view));
    const bool on = isOn();
    m_candidateLabel->setVisible(on);
    m_candidateBox->setVisible(on);
    if (on != wasOn && on && m_reference != wire::DefaultLabelset &&
        m_candidateBox->findText(wire::DefaultLabelset) >= 0) {
        // Compared with ground truth, which is what a reference usually is.
        // The pane loads the pair once, when it shows ground-truth.
        m_candidate = m_reference;
        m_candidateBox->setCurrentText(m_candidate);
        emit referenceWanted(wire::DefaultLabelset);
        return;
    }
    if (on != wasOn) {
        if (!on)
            clear();
        emit reloadWanted();
        return;
    }
    const bool compared = m_sample != nullptr;
    m_canvas->setCompareView(!compared || view == View::SideBySide
                                 ? ImageCanvas::CompareView::Off
                                 : ImageCanvas::CompareView(int(view)));
    m_side->setVisible(compared && view == View::SideBySide);
    if (m_side->isVisible())
        m_side->matchView(*m_canvas);
    updateBar();
    emit viewChanged();
}

void CompareController::setLabelsets(const QString &dataset, const QStringList &labelsets,
                                     const QString &reference) {
    m_dataset = dataset;
    m_candidateBox->clear();
    m_candidateBox->addItems(labelsets);
    m_reference = reference;
    const QString saved = settings::DetailCandidate(dataset).value();
    m_candidate = labelsets.contains(saved) && saved != reference ? saved : QString();
    setReference(reference);
}

void CompareController::setReference(const QString &reference) {
    m_reference = reference;
    if (m_candidate.isEmpty() || m_candidate == reference) {
        // The first other labelset (predictions, next to ground-truth).
        m_candidate.clear();
        for (int i = 0; i < m_candidateBox->count() && m_candidate.isEmpty(); ++i) {
            if (m_candidateBox->itemText(i) != reference)
                m_candidate = m_candidateBox->itemText(i);
        }
    }
    m_candidateBox->setCurrentText(m_candidate);
}

void CompareController::chooseCandidate(const QString &labelset) {
    if (labelset == m_candidate || labelset.isEmpty())
        return;
    m_candidate = labelset;
    m_candidateBox->setCurrentText(labelset);
    settings::DetailCandidate(m_dataset).set(labelset);
    if (isOn())
        emit reloadWanted();
}

bool CompareController::showSample(const std::shared_ptr<const models::LoadedSample> &sample,
                                   const wire::TaskAttributes &task) {
    m_sample.reset();
    ++m_highlight;
    if (!isOn() || !sample || !sample->comparison) {
        m_figures->clear(isOn() ? tr("Loading…")
                                : tr("Compare is off: choose a view in the Compare box (D) to "
                                     "compare this labelset with another"));
        m_side->hide();
        m_canvas->setCompareView(ImageCanvas::CompareView::Off);
        updateBar();
        return false;
    }
    const models::LoadedComparison &c = *sample->comparison;
    // A side without a label: the other is shown alone, and the notice says so.
    const auto shown = c.reference ? c.reference : c.candidate;
    m_canvas->setContent(sample->image, shown, {}, task, true);
    if (c.comparison) {
        m_sample = sample;
        m_canvas->setCandidate(c.candidate);
        m_canvas->setDifference(c.difference);
        m_side->setContent(sample->image, c.candidate, {}, task, true);
        m_legend->setMatrix(c.comparison->matrix());
        m_figures->setComparison(c.comparison->matrix(), sample->labelset, c.candidateLabelset,
                                 c.comparison->referenceUnannotatedPixels(),
                                 c.comparison->candidateUnannotatedPixels());
    } else {
        m_side->clear();
        m_figures->clear(notice(*sample));
    }
    setView(m_view);
    followCanvas();
    return true;
}

QString CompareController::notice(const models::LoadedSample &sample) const {
    if (!sample.comparison)
        return {};
    const models::LoadedComparison &c = *sample.comparison;
    const QString reference = sample.labelset, candidate = c.candidateLabelset;
    const auto why = [](const QString &labelset, bool hasLabel, const QString &error) {
        if (!error.isEmpty())
            return tr("The label in ‘%1’ could not be loaded").arg(labelset);
        if (!hasLabel)
            return tr("No label in ‘%1’ for this sample").arg(labelset);
        return tr("The label in ‘%1’ has nothing to compare (no bitmap)").arg(labelset);
    };
    if (!c.reference && !c.candidate) {
        return tr("No label to compare in ‘%1’ or ‘%2’ for this sample").arg(reference, candidate);
    }
    if (!c.candidate) {
        return tr("%1: showing %2")
            .arg(why(candidate, c.candidateLabel.has_value(), c.candidateLabelError), reference);
    }
    if (!c.reference) {
        return tr("%1: showing %2")
            .arg(why(reference, sample.label.has_value(), sample.labelError), candidate);
    }
    QStringList lines;
    for (const QString &defect : c.comparison->defects())
        lines.append(tr("Comparing with ‘%1’: %2").arg(candidate, defect));
    return lines.join(u'\n');
}

QString CompareController::describe(const QPoint &pixel) const {
    if (!m_sample || pixel.x() < 0)
        return {};
    const models::LoadedSample &sample = *m_sample;
    const models::LoadedComparison &c = *sample.comparison;
    const wire::TaskAttributes &task = c.reference->task();
    QStringList parts{u"x %1, y %2"_s.arg(pixel.x()).arg(pixel.y())};
    if (sample.image.valid(pixel)) {
        const QColor rgb = sample.image.pixelColor(pixel);
        parts.append(u"RGB %1 %2 %3"_s.arg(rgb.red()).arg(rgb.green()).arg(rgb.blue()));
    }
    parts.append(u"%1: %2"_s.arg(sample.labelset,
                                 describeHit(c.reference.get(), pixel.x(), pixel.y(), task)));
    // The candidate where the comparison reads it: nearest-neighbour at the reference's size.
    const QSize from = c.comparison->size(), to = c.candidate->index().size();
    const int cx = int(qint64(pixel.x()) * to.width() / std::max(1, from.width()));
    const int cy = int(qint64(pixel.y()) * to.height() / std::max(1, from.height()));
    QString candidate = describeHit(c.candidate.get(), cx, cy, task);
    if (to != from)
        candidate += tr(" (at %1, %2)").arg(cx).arg(cy);
    parts.append(u"%1: %2"_s.arg(c.candidateLabelset, candidate));
    parts.append(agreementName(c.comparison->agreementAt(pixel.x(), pixel.y())));
    return parts.join(u"  ·  "_s);
}

void CompareController::followCanvas() {
    m_side->setOverlayOptions(m_canvas->overlayOptions());
    m_side->setImageVisible(m_canvas->imageVisible());
    m_side->setLabelsVisible(m_canvas->labelsVisible());
}

void CompareController::clear() {
    m_sample.reset();
    ++m_highlight;
    m_canvas->setCompareView(ImageCanvas::CompareView::Off);
    m_side->clear();
    m_side->hide();
    m_figures->clear(isOn() ? tr("Loading…")
                            : tr("Compare is off: choose a view in the Compare box (D) to compare "
                                 "this labelset with another"));
    updateBar();
}

void CompareController::highlightSlot(int slot) {
    if (!m_sample)
        return;
    const quint64 request = ++m_highlight;
    labels::DifferenceOptions options;
    options.highlightedSlot = slot;
    threading::detailPool()->start(
        [mailbox = m_mailbox, comparison = m_sample->comparison->comparison, options, request] {
            QImage overlay = comparison->differenceOverlay(options);
            mailbox->post([request, overlay](CompareController *controller) {
                if (request != controller->m_highlight)
                    return; // another highlight, or another sample, since
                controller->m_canvas->setDifference(overlay);
                emit controller->differenceRendered();
            });
        });
}

void CompareController::updateBar() {
    const bool compared = m_sample != nullptr;
    m_bar->setVisible(isOn());
    m_legend->setVisible(compared && m_view == View::Difference);
    m_sides->setVisible(!m_legend->isVisible());
    const QString reference = m_reference, candidate = m_candidate;
    QString text;
    if (!compared)
        text = isOn() ? tr("Nothing to compare for this sample") : QString();
    else if (m_view == View::Swipe)
        text =
            tr("Left of the divider ‘%1’, right ‘%2’: drag the divider").arg(reference, candidate);
    else if (m_view == View::Toggle)
        text = tr("Showing ‘%1’ (T: show ‘%2’)")
                   .arg(m_canvas->candidateShown() ? candidate : reference,
                        m_canvas->candidateShown() ? reference : candidate);
    else if (m_view == View::SideBySide)
        text = tr("Left ‘%1’, right ‘%2’: zoom and pan move both").arg(reference, candidate);
    m_sides->setText(text);
}

} // namespace segscope::ui
