#include "compare/evaluationhistogram.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {
constexpr int kMargin = 6;
}

EvaluationHistogram::EvaluationHistogram(QWidget *parent)
    : QWidget(parent) {
    setObjectName(u"evaluationHistogram"_s);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void EvaluationHistogram::setCounts(const QList<int> &counts) {
    m_counts = counts;
    if (m_selected >= m_counts.size())
        m_selected = -1;
    update();
}

void EvaluationHistogram::clearSelection() {
    m_selected = -1;
    update();
}

QRect EvaluationHistogram::plotArea() const {
    const QFontMetrics fm(font());
    // A line for each bar's count above, and two below: the axis values and its title.
    return rect().adjusted(kMargin, kMargin + fm.height() + 2, -kMargin,
                           -(kMargin + 2 * fm.height() + 4));
}

QRect EvaluationHistogram::binRect(int bin) const {
    if (bin < 0 || bin >= m_counts.size())
        return {};
    const QRect area = plotArea();
    const int n = int(m_counts.size());
    const int left = area.left() + bin * area.width() / n;
    const int right = area.left() + (bin + 1) * area.width() / n;
    return QRect(left, area.top(), right - left, area.height());
}

int EvaluationHistogram::binAt(const QPoint &pos) const {
    for (int i = 0; i < m_counts.size(); ++i) {
        if (binRect(i).contains(pos))
            return i;
    }
    return -1;
}

QString EvaluationHistogram::binRange(int bin) const {
    const int n = int(m_counts.size());
    return u"%1–%2"_s.arg(double(bin) / n, 0, 'f', 1).arg(double(bin + 1) / n, 0, 'f', 1);
}

QSize EvaluationHistogram::sizeHint() const {
    return {360, 200};
}

QSize EvaluationHistogram::minimumSizeHint() const {
    const QFontMetrics fm(font());
    return {fm.horizontalAdvance(u"0.0"_s) * 11, 4 * fm.height() + 60};
}

void EvaluationHistogram::paintEvent(QPaintEvent *) {
    QPainter p(this);
    const QPalette pal = palette();
    const QFontMetrics fm(font());
    const int total = std::accumulate(m_counts.begin(), m_counts.end(), 0);
    if (total == 0) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("The samples' mean IoU appears here once samples are evaluated."));
        return;
    }
    const QRect area = plotArea();
    const int most = *std::max_element(m_counts.begin(), m_counts.end());
    for (int i = 0; i < m_counts.size(); ++i) {
        const QRect bin = binRect(i);
        const int h = m_counts[i] == 0 ? 0 : std::max(2, area.height() * m_counts[i] / most);
        const QRect bar(bin.left() + 2, area.bottom() - h + 1, bin.width() - 4, h);
        p.fillRect(bar, pal.color(QPalette::Highlight));
        if (i == m_selected) {
            p.setPen(QPen(pal.color(QPalette::Text), 2));
            p.drawRect(bar.adjusted(1, 1, -1, -1));
        }
        p.setPen(pal.color(QPalette::WindowText));
        if (m_counts[i] > 0)
            p.drawText(QRect(bin.left(), bar.top() - fm.height() - 2, bin.width(), fm.height()),
                       Qt::AlignCenter, QString::number(m_counts[i]));
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(area.left(), area.bottom() + 1, area.right(), area.bottom() + 1);
    // The axis: 0, 0.5 and 1 (every tenth when there is room).
    p.setPen(pal.color(QPalette::WindowText));
    const int n = int(m_counts.size());
    const bool everyTenth = area.width() / n > fm.horizontalAdvance(u"0.0"_s) + 6;
    for (int i = 0; i <= n; ++i) {
        if (!everyTenth && i != 0 && i != n / 2 && i != n)
            continue;
        const int x = area.left() + i * area.width() / n;
        const QString text = QString::number(double(i) / n, 'g', 2);
        const int w = fm.horizontalAdvance(text);
        const int left = std::clamp(x - w / 2, 0, width() - w);
        p.drawText(QRect(left, area.bottom() + 3, w, fm.height()), Qt::AlignCenter, text);
    }
    p.drawText(QRect(area.left(), area.bottom() + 3 + fm.height(), area.width(), fm.height()),
               Qt::AlignCenter, tr("Mean IoU per sample"));
}

void EvaluationHistogram::mousePressEvent(QMouseEvent *event) {
    const int bin = binAt(event->position().toPoint());
    if (bin < 0 || event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_selected = bin;
    update();
    emit binClicked(bin);
}

bool EvaluationHistogram::event(QEvent *event) {
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto *help = static_cast<QHelpEvent *>(event);
    const int bin = binAt(help->pos());
    if (bin < 0) {
        QToolTip::hideText();
    } else {
        QToolTip::showText(
            help->globalPos(),
            tr("Mean IoU %1: %n sample(s)", nullptr, m_counts[bin]).arg(binRange(bin)), this);
    }
    return true;
}

} // namespace segscope::ui
