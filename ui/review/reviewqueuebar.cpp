#include "review/reviewqueuebar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace segscope::ui {

ReviewQueueBar::ReviewQueueBar(QWidget *parent)
    : QFrame(parent)
    , m_progress(new QLabel(this))
    , m_hints(new QLabel(this))
    , m_stop(new QPushButton(tr("Stop"), this)) {
    setObjectName(u"reviewQueueBar"_s);
    m_progress->setObjectName(u"reviewQueueProgress"_s);
    m_hints->setObjectName(u"reviewQueueHints"_s);
    m_stop->setObjectName(u"reviewQueueStop"_s);
    m_stop->setToolTip(tr("Stop reviewing (Esc)"));
    // Set apart from the viewer under it in both themes: the palette's highlight, not a colour
    // of its own.
    setAutoFillBackground(true);
    setFrameShape(QFrame::NoFrame);
    QFont bold = m_progress->font();
    bold.setBold(true);
    m_progress->setFont(bold);
    const QString native = QKeySequence(u"Ctrl+Z"_s).toString(QKeySequence::NativeText);
    m_hints->setText(tr("A accept · R reject · Shift+R comment · → skip · %1 undo").arg(native));
    m_hints->setTextInteractionFlags(Qt::NoTextInteraction);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 4, 6, 4);
    layout->setSpacing(16);
    layout->addWidget(m_progress);
    layout->addWidget(m_hints, 1);
    layout->addWidget(m_stop);
    connect(m_stop, &QPushButton::clicked, this, &ReviewQueueBar::stopRequested);
    // The bar never takes the keyboard from the viewer: the keys it hints at are the viewer's.
    m_stop->setFocusPolicy(Qt::NoFocus);
    updateColours();
}

void ReviewQueueBar::setProgress(const QString &labelset, int decided, int left, bool more) {
    const QString leftText = more ? tr("%1+ left").arg(left) : tr("%1 left").arg(left);
    m_progress->setText(
        tr("Reviewing %1 · %2 decided · %3").arg(labelset).arg(decided).arg(leftText));
}

QString ReviewQueueBar::progressText() const {
    return m_progress->text();
}

void ReviewQueueBar::changeEvent(QEvent *event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColours();
}

void ReviewQueueBar::updateColours() {
    // The highlight and its text from the application's palette (the theme's), so a theme
    // change recolours the bar; the hints a little quieter than the progress.
    const QPalette app = parentWidget() ? parentWidget()->palette() : palette();
    QPalette p = palette();
    p.setColor(QPalette::Window, app.color(QPalette::Highlight));
    p.setColor(QPalette::WindowText, app.color(QPalette::HighlightedText));
    if (p != palette()) {
        // (setPalette sends a PaletteChange: only when something changed, or it never ends.)
        setPalette(p);
    }
}

} // namespace segscope::ui
