#include "compare/evaluationheatmap.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

constexpr int kMargin = 6;
constexpr int kMaxLabel = 150; //!< names longer than this are elided (the tooltip has them)
constexpr int kMinCell = 10;
constexpr int kMaxCell = 72;

QColor mix(const QColor &a, const QColor &b, double t) {
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

EvaluationHeatMap::EvaluationHeatMap(QWidget *parent)
    : QWidget(parent) {
    setObjectName(u"evaluationHeatMap"_s);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void EvaluationHeatMap::setMatrix(const labels::ConfusionMatrix &matrix) {
    m_matrix = matrix;
    const int n = m_matrix.classes.count();
    m_rowTotals.assign(n, 0);
    std::vector<qint64> columnTotals(n, 0);
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            m_rowTotals[r] += m_matrix.at(r, c);
            columnTotals[c] += m_matrix.at(r, c);
        }
    }
    m_slots.clear();
    for (int s = 0; s < n; ++s) {
        // Background always; a category only when either label has it.
        if (s == 0 || m_rowTotals[s] > 0 || columnTotals[s] > 0)
            m_slots.append(s);
    }
    if (!m_slots.contains(m_selected.first) || !m_slots.contains(m_selected.second))
        m_selected = {-1, -1};
    updateGeometry();
    update();
}

void EvaluationHeatMap::clearSelection() {
    m_selected = {-1, -1};
    update();
}

QString EvaluationHeatMap::className(int slot) const {
    const labels::CompareClass &c = m_matrix.classes.at(slot);
    return c.isBackground() ? tr("background") : c.name;
}

int EvaluationHeatMap::swatchSize() const {
    return QFontMetrics(font()).height() - 4;
}

EvaluationHeatMap::Geometry EvaluationHeatMap::geometry() const {
    Geometry g;
    const QFontMetrics fm(font());
    int widest = 0;
    for (int s : m_slots)
        widest = std::max(widest, fm.horizontalAdvance(className(s)));
    // The name, a gap, the category's swatch and the margin (a pixel spare, so a name that
    // fits is not elided by rounding).
    const int label = std::min(widest, kMaxLabel) + 2 + swatchSize() + 4 + kMargin;
    g.labelWidth = label;
    g.labelHeight = label;
    // The axis titles take a line each: "Candidate" above the columns, "Reference" left of
    // the rows (rotated).
    const int title = fm.height() + kMargin;
    g.left = title + g.labelWidth;
    g.top = title + g.labelHeight;
    const int n = std::max(1, int(m_slots.size()));
    const int fit = std::min((width() - g.left - kMargin) / n, (height() - g.top - kMargin) / n);
    g.cell = std::clamp(fit, kMinCell, kMaxCell);
    return g;
}

std::pair<int, int> EvaluationHeatMap::cellAt(const QPoint &pos) const {
    const Geometry g = geometry();
    const int n = int(m_slots.size());
    if (n == 0 || pos.x() < g.left || pos.y() < g.top)
        return {-1, -1};
    const int column = (pos.x() - g.left) / g.cell;
    const int row = (pos.y() - g.top) / g.cell;
    if (row >= n || column >= n)
        return {-1, -1};
    return {m_slots[row], m_slots[column]};
}

QRect EvaluationHeatMap::cellRect(int referenceSlot, int candidateSlot) const {
    const int row = int(m_slots.indexOf(referenceSlot));
    const int column = int(m_slots.indexOf(candidateSlot));
    if (row < 0 || column < 0)
        return {};
    const Geometry g = geometry();
    return QRect(g.left + column * g.cell, g.top + row * g.cell, g.cell, g.cell);
}

double EvaluationHeatMap::rowShare(int referenceSlot, int candidateSlot) const {
    if (referenceSlot < 0 || referenceSlot >= int(m_rowTotals.size()) ||
        m_rowTotals[referenceSlot] == 0)
        return 0;
    return double(m_matrix.at(referenceSlot, candidateSlot)) / double(m_rowTotals[referenceSlot]);
}

int EvaluationHeatMap::labelAt(const QPoint &pos, bool *column) const {
    const Geometry g = geometry();
    const int n = int(m_slots.size());
    const int title = g.left - g.labelWidth;
    if (pos.x() >= title && pos.x() < g.left && pos.y() >= g.top && pos.y() < g.top + n * g.cell) {
        *column = false;
        return m_slots[(pos.y() - g.top) / g.cell];
    }
    if (pos.y() >= g.top - g.labelHeight && pos.y() < g.top && pos.x() >= g.left &&
        pos.x() < g.left + n * g.cell) {
        *column = true;
        return m_slots[(pos.x() - g.left) / g.cell];
    }
    return -1;
}

QSize EvaluationHeatMap::sizeHint() const {
    // The names' margins as drawn, and cells roomy enough for their figures.
    const Geometry g = geometry();
    const int n = std::max(1, int(m_slots.size()));
    return {g.left + n * 36 + kMargin, g.top + n * 36 + kMargin};
}

QSize EvaluationHeatMap::minimumSizeHint() const {
    // Never smaller than the smallest cells: beyond that the scroll area scrolls.
    const Geometry g = geometry();
    const int n = std::max(1, int(m_slots.size()));
    return {g.left + n * kMinCell + kMargin, g.top + n * kMinCell + kMargin};
}

void EvaluationHeatMap::paintEvent(QPaintEvent *) {
    QPainter p(this);
    const QPalette pal = palette();
    const Geometry g = geometry();
    const QFontMetrics fm(font());
    const int n = int(m_slots.size());
    if (n == 0 || m_matrix.total() == 0) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("The confusion matrix appears here once samples are evaluated."));
        return;
    }
    // Row-normalised: empty is the base colour, a whole row the highlight, both from the
    // palette so the dark theme reads as well as the light one.
    const QColor empty = pal.color(QPalette::Base);
    const QColor full = pal.color(QPalette::Highlight);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.78);
    const QFontMetrics smallFm(small);
    const bool showValues = g.cell >= smallFm.horizontalAdvance(u"100%"_s) + 2;
    for (int row = 0; row < n; ++row) {
        for (int column = 0; column < n; ++column) {
            const int r = m_slots[row];
            const int c = m_slots[column];
            const QRect cell(g.left + column * g.cell, g.top + row * g.cell, g.cell, g.cell);
            const double share = rowShare(r, c);
            // A non-empty cell shows at least a tint, however small its share.
            const double t = m_matrix.at(r, c) > 0 ? 0.15 + 0.85 * share : 0;
            const QColor fill = mix(empty, full, t);
            p.fillRect(cell, fill);
            if (showValues && m_matrix.at(r, c) > 0) {
                p.setFont(small);
                p.setPen(t > 0.55 ? pal.color(QPalette::HighlightedText)
                                  : pal.color(QPalette::Text));
                const int percent = int(std::lround(share * 100));
                p.drawText(cell, Qt::AlignCenter,
                           percent == 0 ? u"<1%"_s : QString::number(percent) + u'%');
            }
        }
    }
    // The grid lines and the diagonal (agreement) framed.
    p.setPen(pal.color(QPalette::Mid));
    p.setBrush(Qt::NoBrush);
    for (int i = 0; i <= n; ++i) {
        p.drawLine(g.left, g.top + i * g.cell, g.left + n * g.cell, g.top + i * g.cell);
        p.drawLine(g.left + i * g.cell, g.top, g.left + i * g.cell, g.top + n * g.cell);
    }
    if (m_selected.first >= 0) {
        QPen pen(pal.color(QPalette::Text), 2);
        p.setPen(pen);
        p.drawRect(cellRect(m_selected.first, m_selected.second).adjusted(1, 1, -1, -1));
    }

    // Names: rows right-aligned left of the cells, columns rotated above them, each with a
    // swatch of the category's colour.
    p.setFont(font());
    const int swatch = std::min(g.cell - 4, swatchSize());
    for (int i = 0; i < n; ++i) {
        const int s = m_slots[i];
        const QString name =
            fm.elidedText(className(s), Qt::ElideRight, g.labelWidth - kMargin - swatch - 4);
        const QColor color = m_matrix.classes.at(s).isBackground()
                                 ? pal.color(QPalette::PlaceholderText)
                                 : m_matrix.classes.at(s).color;
        const QRect rowLabel(g.left - g.labelWidth, g.top + i * g.cell, g.labelWidth - kMargin,
                             g.cell);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(rowLabel.adjusted(0, 0, -swatch - 4, 0), Qt::AlignRight | Qt::AlignVCenter,
                   name);
        p.fillRect(QRect(rowLabel.right() - swatch + 1, rowLabel.center().y() - swatch / 2, swatch,
                         swatch),
                   color);
        p.save();
        // Rotated a quarter turn: read bottom to top, the swatch nearest the cells.
        p.translate(g.left + i * g.cell + g.cell / 2, g.top - kMargin);
        p.rotate(-90);
        const QRect columnLabel(0, -g.cell / 2, g.labelHeight - kMargin, g.cell);
        p.fillRect(QRect(0, -swatch / 2, swatch, swatch), color);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(columnLabel.adjusted(swatch + 4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   name);
        p.restore();
    }
    // Axis titles.
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::WindowText));
    const int title = fm.height() + kMargin;
    p.drawText(QRect(g.left, 0, n * g.cell, title), Qt::AlignLeft | Qt::AlignVCenter,
               tr("Candidate →"));
    p.save();
    p.translate(0, g.top + n * g.cell);
    p.rotate(-90);
    p.drawText(QRect(0, 0, n * g.cell, title), Qt::AlignLeft | Qt::AlignVCenter, tr("Reference →"));
    p.restore();
}

void EvaluationHeatMap::mousePressEvent(QMouseEvent *event) {
    const auto [r, c] = cellAt(event->position().toPoint());
    if (r < 0 || event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_selected = {r, c};
    update();
    emit cellClicked(r, c);
}

bool EvaluationHeatMap::event(QEvent *event) {
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto *help = static_cast<QHelpEvent *>(event);
    const QLocale locale;
    const auto [r, c] = cellAt(help->pos());
    QString tip;
    if (r >= 0) {
        const qint64 pixels = m_matrix.at(r, c);
        tip = tr("Reference: %1\nCandidate: %2\n%3 pixels, %4% of the reference's %1")
                  .arg(className(r), className(c), locale.toString(pixels),
                       locale.toString(rowShare(r, c) * 100, 'f', 2));
        if (pixels > 0)
            tip += u"\n"_s + tr("Click to list the samples");
    } else {
        bool column = false;
        if (const int s = labelAt(help->pos(), &column); s >= 0) {
            tip = (column ? tr("Candidate: %1") : tr("Reference: %1")).arg(className(s));
            if (!m_matrix.classes.at(s).known)
                tip += u"\n"_s + tr("A category id the dataset does not define");
        }
    }
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), tip, this);
    return true;
}

} // namespace segscope::ui
