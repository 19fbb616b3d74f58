#include "review/rejectcommentpopup.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

RejectCommentPopup::RejectCommentPopup(const QString &what, QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_title(new QLabel(tr("Reject %1 with a comment").arg(what), this))
    , m_edit(new QLineEdit(this)) {
    setObjectName(u"rejectCommentPopup"_s);
    setAttribute(Qt::WA_DeleteOnClose);
    setFrameShape(QFrame::StyledPanel);
    m_edit->setObjectName(u"rejectCommentEdit"_s);
    m_edit->setPlaceholderText(tr("What is wrong?"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setMinimumWidth(m_edit->fontMetrics().averageCharWidth() * 48);
    auto *hint = new QLabel(tr("Enter rejects · Esc cancels"), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(6);
    layout->addWidget(m_title);
    layout->addWidget(m_edit);
    layout->addWidget(hint);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        const QString comment = m_edit->text().trimmed();
        // Closed first: the decision may move the viewer on, which a popup should not outlive.
        close();
        emit accepted(comment);
    });
}

void RejectCommentPopup::popup(const QPoint &globalCenter) {
    adjustSize();
    QRect frame(QPoint(0, 0), size());
    frame.moveCenter(globalCenter);
    if (const QScreen *screen = QGuiApplication::screenAt(globalCenter)) {
        const QRect available = screen->availableGeometry();
        frame.moveLeft(std::clamp(frame.left(), available.left(),
                                  std::max(available.left(), available.right() - frame.width())));
        frame.moveTop(std::clamp(frame.top(), available.top(),
                                 std::max(available.top(), available.bottom() - frame.height())));
    }
    move(frame.topLeft());
    show();
    m_edit->setFocus(Qt::PopupFocusReason);
}

void RejectCommentPopup::keyPressEvent(QKeyEvent *event) {
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace segscope::ui
