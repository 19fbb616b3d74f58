#include "browse/statustextdelegate.h"

#include "browse/sampledelegate.h"

#include <QPainter>

namespace segscope::ui {

QString StatusTextDelegate::displayText(const QVariant &value, const QLocale &) const {
    const QString status = value.toString();
    return status.isEmpty() ? QString() : SampleDelegate::statusText(status);
}

void StatusTextDelegate::initStyleOption(QStyleOptionViewItem *option,
                                         const QModelIndex &index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    const QString status = index.data().toString();
    if (status.isEmpty())
        return;
    // A dot of the badge's colour before the text: readable on light and dark rows alike.
    QPixmap dot(10, 10);
    dot.fill(Qt::transparent);
    QPainter painter(&dot);
    painter.setRenderHint(QPainter::Antialiasing);
    // On a selected row's highlight the dot gets a ring of the highlighted text's colour.
    if (option->state & QStyle::State_Selected)
        painter.setPen(QPen(option->palette.highlightedText().color(), 1.2));
    else
        painter.setPen(Qt::NoPen);
    painter.setBrush(SampleDelegate::statusColor(status));
    painter.drawEllipse(QRectF(1, 1, 8, 8));
    painter.end();
    option->icon = QIcon(dot);
    option->decorationSize = dot.size();
    option->features |= QStyleOptionViewItem::HasDecoration;
}

} // namespace segscope::ui
