#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace segscope::ui {

//! The review queue's line over the viewer: which labelset is reviewed, how many samples were
//! decided and how many are left, the keys as hints, and a Stop button.
class ReviewQueueBar : public QFrame {
    Q_OBJECT

public:
    explicit ReviewQueueBar(QWidget *parent = nullptr);

    //! "Reviewing ground-truth · 12 decided · 38 left"; `more` (a filtered list not yet listed
    //! to its end) says "38+ left".
    void setProgress(const QString &labelset, int decided, int left, bool more);
    QString progressText() const;

signals:
    void stopRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateColours();

    QLabel *m_progress;
    QLabel *m_hints;
    QPushButton *m_stop;
};

} // namespace segscope::ui
