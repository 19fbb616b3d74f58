#include "compare/evaluationioubars.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {
constexpr int kMargin = 6;
constexpr int kMaxLabel = 150;
} // namespace

EvaluationIoUBars::EvaluationIoUBars(QWidget *parent)
    : QWidget(parent) {
    setObjectName(u"evaluationIoUBars"_s);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void EvaluationIoUBars::setMatrix(const labels::ConfusionMatrix &matrix) {
    m_bars.clear();
    for (const labels::CategoryFigures &f : matrix.categoryFigures()) {
        const labels::CompareClass &c = matrix.classes.at(f.slot);
        m_bars.append({f.slot, c.name, c.color, f.iou, f});
    }
    std::stable_sort(m_bars.begin(), m_bars.end(),
                     [](const Bar &a, const Bar &b) { return a.iou < b.iou; });
    updateGeometry();
    update();
}

int EvaluationIoUBars::rowHeight() const {
    return QFontMetrics(font()).height() + 8;
}

QSize EvaluationIoUBars::sizeHint() const {
    return {360, kMargin * 2 + std::max<int>(3, int(m_bars.size())) * rowHeight()};
}

QSize EvaluationIoUBars::minimumSizeHint() const {
    return {200, kMargin * 2 + std::max<int>(1, int(m_bars.size())) * rowHeight()};
}

int EvaluationIoUBars::barAt(const QPoint &pos) const {
    if (pos.y() < kMargin || pos.x() < 0 || pos.x() >= width())
        return -1;
    const int i = (pos.y() - kMargin) / rowHeight();
    return i < m_bars.size() ? i : -1;
}

bool EvaluationIoUBars::event(QEvent *event) {
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto *help = static_cast<QHelpEvent *>(event);
    const int i = barAt(help->pos());
    if (i < 0) {
        QToolTip::hideText();
        return true;
    }
    const QLocale locale;
    const labels::CategoryFigures &f = m_bars[i].figures;
    const auto ratio = [](double v) {
        return std::isfinite(v) ? QString::number(v, 'f', 3) : u"—"_s;
    };
    QToolTip::showText(help->globalPos(),
                       tr("%1\nIoU %2 · precision %3 · recall %4\n%5 pixels in the reference, "
                          "%6 in the candidate, %7 in both")
                           .arg(m_bars[i].name, ratio(f.iou), ratio(f.precision), ratio(f.recall),
                                locale.toString(f.referencePixels),
                                locale.toString(f.candidatePixels),
                                locale.toString(f.truePositive)),
                       this);
    return true;
}

void EvaluationIoUBars::paintEvent(QPaintEvent *) {
    QPainter p(this);
    const QPalette pal = palette();
    const QFontMetrics fm(font());
    if (m_bars.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Each category's IoU appears here once samples are evaluated."));
        return;
    }
    int widest = 0;
    for (const Bar &b : m_bars)
        widest = std::max(widest, fm.horizontalAdvance(b.name));
    const int labelWidth = std::min(widest, kMaxLabel) + 2; // + rounding: no needless elision
    const int valueWidth = fm.horizontalAdvance(u"0.000"_s) + kMargin;
    const int barLeft = kMargin + labelWidth + kMargin;
    const int barSpan = std::max(10, width() - barLeft - valueWidth - kMargin);
    const int h = rowHeight();
    // The 0.5 and 1.0 marks, faint, so lengths can be read against them.
    p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
    const int bottom = kMargin + int(m_bars.size()) * h;
    for (double mark : {0.5, 1.0}) {
        const int x = barLeft + int(mark * barSpan);
        p.drawLine(x, kMargin, x, bottom);
    }
    for (int i = 0; i < m_bars.size(); ++i) {
        const Bar &b = m_bars[i];
        const int top = kMargin + i * h;
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(kMargin, top, labelWidth, h), Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(b.name, Qt::ElideRight, labelWidth));
        const int length = std::max(1, int(std::lround(std::clamp(b.iou, 0.0, 1.0) * barSpan)));
        const QRect bar(barLeft, top + 3, length, h - 6);
        p.fillRect(bar, b.color);
        p.setPen(pal.color(QPalette::Mid));
        p.drawRect(bar.adjusted(0, 0, -1, -1));
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(bar.right() + 4, top, valueWidth, h), Qt::AlignLeft | Qt::AlignVCenter,
                   QString::number(b.iou, 'f', 3));
    }
}

} // namespace segscope::ui
