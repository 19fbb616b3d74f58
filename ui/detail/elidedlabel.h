#pragma once

#include <QLabel>

namespace segscope::ui {

//! A one-line label that never widens its layout: text() stays the whole text, the label paints
//! it elided at the right when it does not fit, and then shows the whole text as its tool tip
//! (unless a tool tip was set on purpose).
class ElidedLabel : public QLabel {
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    //! A tool tip shown whether or not the text is cut (e.g. more than the text).
    void setFixedToolTip(const QString &toolTip);
    //! True when the last paint cut the text.
    bool isElided() const;

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QString m_fixedToolTip;
};

} // namespace segscope::ui
