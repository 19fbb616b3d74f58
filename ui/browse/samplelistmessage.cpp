#include "browse/samplelistmessage.h"

#include <QEvent>

using namespace Qt::StringLiterals;

namespace segscope::ui {

SampleListMessage::SampleListMessage(QWidget *over)
    : QLabel(over) {
    setObjectName(u"sampleListMessage"_s);
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    setContentsMargins(24, 24, 24, 24);
    hide();
    over->installEventFilter(this);
    connect(this, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == "clear"_L1)
            emit clearFiltersRequested();
        else if (link == "retry"_L1)
            emit retryRequested();
    });
}

void SampleListMessage::showState(State state, const QString &reason, bool filtered) {
    m_state = state;
    QString text;
    switch (state) {
    case State::Hidden:
        break;
    case State::Loading:
        text = tr("Loading…");
        break;
    case State::NoMatches:
        text = tr("No samples match these filters — <a href=\"clear\">Clear filters</a>");
        break;
    case State::NoSamples:
        text = tr("This dataset has no samples yet — add one with Ctrl+N or drop images here");
        break;
    case State::Failed:
        text = tr("Could not list the samples: %1").arg(reason.toHtmlEscaped()) + u"<br>"_s +
               (filtered ? tr("<a href=\"clear\">Clear filters</a>")
                         : tr("<a href=\"retry\">Try again</a>"));
        break;
    }
    setText(text);
    setGeometry(parentWidget()->rect());
    setVisible(state != State::Hidden);
    // Over whichever view the stack shows now.
    raise();
}

bool SampleListMessage::eventFilter(QObject *watched, QEvent *event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    return QLabel::eventFilter(watched, event);
}

} // namespace segscope::ui
