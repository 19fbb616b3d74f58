#pragma once

#include <QStyledItemDelegate>

namespace segscope::ui {

//! The table's status column: the short status the grid's badges show ("labeling", not
//! "LABELING_IN_PROGRESS"), in the badge's colour; the raw value stays in the tooltip.
class StatusTextDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QString displayText(const QVariant &value, const QLocale &locale) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace segscope::ui
