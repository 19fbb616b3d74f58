#include "compare/comparefigurespanel.h"

#include "detail/labelpanels.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

constexpr int SlotRole = Qt::UserRole + 1;

enum Column {
    CategoryColumn,
    IouColumn,
    PrecisionColumn,
    RecallColumn,
    ReferenceColumn,
    CandidateColumn,
    ColumnCount
};

//! Sorts by the number in UserRole (NaN, a ratio with no denominator, sorts first).
class FigureItem : public QTreeWidgetItem {
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem &other) const override {
        const int column = treeWidget() ? treeWidget()->sortColumn() : 0;
        if (column == CategoryColumn)
            return QTreeWidgetItem::operator<(other);
        const double a = data(column, Qt::UserRole).toDouble();
        const double b = other.data(column, Qt::UserRole).toDouble();
        if (std::isnan(a) || std::isnan(b))
            return std::isnan(a) && !std::isnan(b);
        return a < b;
    }
};

QString percent(double ratio) {
    return std::isnan(ratio) ? u"–"_s : QLocale().toString(100 * ratio, 'f', 1) + u" %"_s;
}

//! In the table, where the header says "%": narrow columns, so a side pane shows the ratios.
QString percentValue(double ratio) {
    return std::isnan(ratio) ? u"–"_s : QLocale().toString(100 * ratio, 'f', 1);
}

} // namespace

CompareFiguresPanel::CompareFiguresPanel(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_placeholder(new QLabel(this))
    , m_table(new QTreeWidget(this)) {
    setObjectName(u"compareFigures"_s);
    m_summary->setObjectName(u"compareSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_placeholder->setObjectName(u"comparePlaceholder"_s);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_table->setObjectName(u"compareTable"_s);
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setSortingEnabled(true);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setHeaderLabels({tr("Category"), tr("IoU"), tr("Prec."), tr("Rec."),
                              tr("Reference px"), tr("Candidate px")});
    m_table->headerItem()->setToolTip(
        IouColumn, tr("Intersection over union, in %: pixels both call this category, over "
                      "pixels either does"));
    m_table->headerItem()->setToolTip(
        PrecisionColumn, tr("Precision, in %: of the candidate's pixels of this category, the "
                            "share the reference agrees with"));
    m_table->headerItem()->setToolTip(
        RecallColumn, tr("Recall, in %: of the reference's pixels of this category, the share "
                         "the candidate finds"));
    // Every column as wide as its contents: the ratios come first, the pixel counts after
    // them may scroll out of a narrow pane.
    m_table->header()->setStretchLastSection(false);
    for (int c = CategoryColumn; c < ColumnCount; ++c)
        m_table->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_table->sortByColumn(IouColumn, Qt::AscendingOrder); // the worst first
    connect(m_table, &QTreeWidget::itemSelectionChanged, this, [this] {
        const QList<QTreeWidgetItem *> selected = m_table->selectedItems();
        emit slotSelected(selected.isEmpty() ? -1 : selected.first()->data(0, SlotRole).toInt());
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_placeholder, 1);
    clear(tr("Compare is off: choose a view in the Compare box (D) to compare this labelset "
             "with another"));
}

void CompareFiguresPanel::setComparison(const labels::ConfusionMatrix &matrix,
                                        const QString &reference, const QString &candidate,
                                        qint64 referenceUnannotated, qint64 candidateUnannotated) {
    const QLocale locale;
    const QList<labels::CategoryFigures> figures = matrix.categoryFigures();
    QString text = tr("<b>%1</b> against <b>%2</b><br>Pixel accuracy <b>%3</b> · mean IoU "
                      "<b>%4</b> over %n categories",
                      nullptr, int(figures.size()))
                       .arg(candidate.toHtmlEscaped(), reference.toHtmlEscaped(),
                            percent(matrix.pixelAccuracy()), percent(matrix.meanIoU()));
    if (referenceUnannotated > 0 || candidateUnannotated > 0) {
        text += u"<br>"_s + tr("Ids without an annotation, counted as background: %1 px in "
                               "the reference, %2 px in the candidate")
                                .arg(locale.toString(referenceUnannotated),
                                     locale.toString(candidateUnannotated));
    }
    m_summary->setText(text);
    const QSignalBlocker blocker(m_table);
    m_table->setSortingEnabled(false);
    m_table->clear();
    for (const labels::CategoryFigures &f : figures) {
        const labels::CompareClass &c = matrix.classes.at(f.slot);
        auto *item = new FigureItem(m_table);
        item->setToolTip(CategoryColumn,
                         tr("%1: IoU %2, precision %3, recall %4; %5 px in the reference, %6 px "
                            "in the candidate")
                             .arg(c.name, percent(f.iou), percent(f.precision), percent(f.recall),
                                  locale.toString(f.referencePixels),
                                  locale.toString(f.candidatePixels)));
        item->setText(CategoryColumn, c.name);
        item->setIcon(CategoryColumn, swatch(c.color));
        item->setData(0, SlotRole, f.slot);
        const std::array<double, 5> values{f.iou, f.precision, f.recall, double(f.referencePixels),
                                           double(f.candidatePixels)};
        for (int col = IouColumn; col < ColumnCount; ++col) {
            const double v = values[size_t(col - IouColumn)];
            item->setData(col, Qt::UserRole, v);
            item->setText(col,
                          col < ReferenceColumn ? percentValue(v) : locale.toString(qint64(v)));
            item->setTextAlignment(col, Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    m_table->setSortingEnabled(true);
    m_summary->show();
    m_table->show();
    m_placeholder->hide();
    emit slotSelected(-1);
}

void CompareFiguresPanel::clear(const QString &why) {
    {
        const QSignalBlocker blocker(m_table);
        m_table->clear();
    }
    m_summary->clear();
    m_summary->hide();
    m_table->hide();
    m_placeholder->setText(why);
    m_placeholder->show();
}

QString CompareFiguresPanel::summary() const {
    return m_summary->text();
}

void CompareFiguresPanel::selectSlot(int slot) {
    m_table->clearSelection();
    for (int i = 0; i < m_table->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_table->topLevelItem(i);
        if (item->data(0, SlotRole).toInt() == slot)
            item->setSelected(true);
    }
}

} // namespace segscope::ui
