#include "detail/labelpanels.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

//! Items that sort by a number kept in UserRole rather than by their text.
class NumericItem : public QTreeWidgetItem {
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem &other) const override {
        const int column = treeWidget() ? treeWidget()->sortColumn() : 0;
        const QVariant a = data(column, Qt::UserRole), b = other.data(column, Qt::UserRole);
        if (a.isValid() && b.isValid())
            return a.toDouble() < b.toDouble();
        return QTreeWidgetItem::operator<(other);
    }
};

constexpr int IdRole = Qt::UserRole + 1;

} // namespace

QIcon swatch(const QColor &color) {
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setPen(QColor(0, 0, 0, 120));
    p.setBrush(color);
    p.drawRect(0, 0, 13, 13);
    return QIcon(pixmap);
}

QIcon swatch(const QList<QColor> &colors) {
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    const int n = int(std::min<qsizetype>(colors.size(), 4));
    for (int i = 0; i < n; ++i) {
        const int x0 = 1 + i * 12 / n, x1 = 1 + (i + 1) * 12 / n;
        p.fillRect(x0, 1, x1 - x0, 12, colors.at(i));
    }
    p.setPen(QColor(0, 0, 0, 120));
    p.setBrush(Qt::NoBrush);
    p.drawRect(0, 0, 13, 13);
    return QIcon(pixmap);
}

LegendPanel::LegendPanel(QWidget *parent)
    : QTreeWidget(parent) {
    setObjectName(u"legendPanel"_s);
    setRootIsDecorated(false);
    setHeaderLabels({tr("Category"), tr("Instances"), tr("Area")});
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setStretchLastSection(false);
    setUniformRowHeights(true);
    connect(this, &QTreeWidget::itemChanged, this, [this] {
        if (!m_filling)
            emit hiddenCategoriesChanged(hiddenCategories());
    });
}

void LegendPanel::setRows(const QList<labels::LegendFact> &rows, const QSet<qint64> &hidden,
                          const QHash<qint64, QList<QColor>> &instanceColors) {
    m_filling = true;
    clear();
    const bool byInstance = !instanceColors.isEmpty();
    headerItem()->setText(0, byInstance ? tr("Category · instance colours") : tr("Category"));
    headerItem()->setToolTip(0, byInstance ? tr("Coloured by instance: each category's swatch "
                                                "shows some of its instances' colours")
                                           : QString());
    for (const labels::LegendFact &r : rows) {
        auto *item = new QTreeWidgetItem(this);
        item->setData(0, IdRole, r.categoryId);
        item->setText(0, r.name);
        if (byInstance) {
            // Distinct colours, in the order the instances come, as many as the swatch shows.
            QList<QColor> colors;
            for (const QColor &c : instanceColors.value(r.categoryId)) {
                if (!colors.contains(c))
                    colors.append(c);
            }
            item->setIcon(0, swatch(colors));
            item->setToolTip(
                0, tr("Coloured by instance: %n instance colour(s)", nullptr, int(colors.size())));
        } else {
            item->setIcon(0, swatch(r.color));
        }
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, hidden.contains(r.categoryId) ? Qt::Unchecked : Qt::Checked);
        QString count = QString::number(r.instances);
        if (r.emptyInstances > 0)
            count += tr(" (+%1 empty)").arg(r.emptyInstances);
        item->setText(1, count);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        if (r.areaShare >= 0) {
            item->setText(2, QLocale().toString(r.areaShare * 100, 'f',
                                                r.areaShare < 0.001 && r.areaShare > 0 ? 3 : 1) +
                                 u" %"_s);
            item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        }
        if (!r.known) {
            item->setForeground(0, QColor(0xc0, 0x39, 0x2b));
            item->setToolTip(0, tr("Annotations use category %1, which the dataset does not define")
                                    .arg(r.categoryId));
        } else if (r.instances == 0) {
            item->setForeground(0, palette().color(QPalette::Disabled, QPalette::Text));
        }
    }
    for (int c = 1; c < columnCount(); ++c)
        resizeColumnToContents(c);
    m_filling = false;
}

QSet<qint64> LegendPanel::hiddenCategories() const {
    QSet<qint64> hidden;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = topLevelItem(i);
        if (item->checkState(0) == Qt::Unchecked)
            hidden.insert(item->data(0, IdRole).toLongLong());
    }
    return hidden;
}

InstancesPanel::InstancesPanel(QWidget *parent)
    : QTreeWidget(parent) {
    setObjectName(u"instancesPanel"_s);
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setHeaderLabels({tr("Id"), tr("Category"), tr("Area"), tr("Bounds"), tr("Problem")});
    setSortingEnabled(true);
    sortByColumn(0, Qt::AscendingOrder);
    setSelectionMode(QAbstractItemView::SingleSelection);
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *current) {
        if (!m_selecting)
            emit instanceSelected(current ? current->data(0, IdRole).toLongLong() : 0);
    });
    connect(this, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        emit instanceActivated(item->data(0, IdRole).toLongLong());
    });
}

void InstancesPanel::setRows(const QList<labels::InstanceFact> &rows) {
    m_selecting = true;
    m_rows = rows;
    setSortingEnabled(false);
    clear();
    QList<QTreeWidgetItem *> items;
    items.reserve(rows.size());
    for (const labels::InstanceFact &r : rows) {
        auto *item = new NumericItem();
        item->setData(0, IdRole, r.id);
        item->setData(0, Qt::UserRole, r.id);
        item->setText(0, QString::number(r.id));
        item->setText(1, r.type == labels::LabelFacts::MaskType ? r.category
                                                                : r.category + u" · "_s + r.type);
        item->setIcon(1, swatch(r.color));
        if (r.area >= 0) {
            item->setData(2, Qt::UserRole, r.area);
            item->setText(2, QLocale().toString(r.area));
            item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        }
        if (!r.bounds.isEmpty()) {
            const QRect b = r.bounds.toAlignedRect();
            item->setText(3,
                          u"%1, %2  %3×%4"_s.arg(b.x()).arg(b.y()).arg(b.width()).arg(b.height()));
            // The panel is narrow: the columns may be cut, the tool tips never are.
            item->setToolTip(3, tr("x %1, y %2, %3 × %4 pixels")
                                    .arg(b.x())
                                    .arg(b.y())
                                    .arg(b.width())
                                    .arg(b.height()));
        }
        item->setToolTip(1, item->text(1));
        if (!r.defect.isEmpty()) {
            item->setText(4, r.defect);
            item->setToolTip(4, r.defect);
            for (int c = 0; c < 5; ++c)
                item->setForeground(c, QColor(0xc0, 0x39, 0x2b));
        }
        items.append(item);
    }
    addTopLevelItems(items);
    setSortingEnabled(true);
    for (int c = 0; c < columnCount(); ++c)
        resizeColumnToContents(c);
    m_selecting = false;
}

void InstancesPanel::selectInstance(qint64 id) {
    m_selecting = true;
    QTreeWidgetItem *found = nullptr;
    for (int i = 0; id != 0 && i < topLevelItemCount(); ++i) {
        if (topLevelItem(i)->data(0, IdRole).toLongLong() == id) {
            found = topLevelItem(i);
            break;
        }
    }
    setCurrentItem(found);
    if (!found)
        clearSelection();
    else
        scrollToItem(found);
    m_selecting = false;
}

QRectF InstancesPanel::boundsOf(qint64 id) const {
    for (const labels::InstanceFact &r : m_rows) {
        if (r.id == id)
            return r.bounds;
    }
    return {};
}

void InstancesPanel::keyPressEvent(QKeyEvent *event) {
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentItem()) {
        emit instanceActivated(currentItem()->data(0, IdRole).toLongLong());
        return;
    }
    QTreeWidget::keyPressEvent(event);
}

} // namespace segscope::ui
