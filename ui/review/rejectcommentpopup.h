#pragma once

#include <QFrame>

class QLabel;
class QLineEdit;

namespace segscope::ui {

//! The small popup of "Reject with Comment…": one line for what is wrong. Enter rejects with
//! the comment (accepted), Esc or a click elsewhere cancels. Deletes itself when it closes.
class RejectCommentPopup : public QFrame {
    Q_OBJECT

public:
    //! `what` names the samples rejected ("sample_0003.jpg", "3 samples").
    RejectCommentPopup(const QString &what, QWidget *parent);

    //! Shows the popup centred on `globalCenter`, with the keyboard in its line.
    void popup(const QPoint &globalCenter);

signals:
    void accepted(const QString &comment);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QLabel *m_title;
    QLineEdit *m_edit;
};

} // namespace segscope::ui
