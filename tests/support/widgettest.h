#pragma once

// Helpers for the widget tests (header-only: only programs that link Qt Widgets include it).

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QWidget>

namespace segscope::test {

//! The child of `parent` named `name`; a warning names it when there is none.
template <class T> T *child(QWidget *parent, const QString &name) {
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("no child %s", qPrintable(name));
    return found;
}

//! Clicks `button` of the next message box that opens (they are modal: exec() runs inside the
//! click that opens them, so the answer has to come from a timer).
inline void answerNextMessageBox(QMessageBox::StandardButton button) {
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        timer->stop();
        timer->deleteLater();
        box->button(button)->click();
    });
    timer->start();
}

} // namespace segscope::test
