#pragma once

#include "labels/labelfacts.h"

#include <QHash>
#include <QSet>
#include <QTreeWidget>

namespace segscope::ui {

//! The categories of the dataset with this sample's instance count and area share, each with a
//! check box that shows or hides it in the view. Displays LabelFacts::legend.
class LegendPanel : public QTreeWidget {
    Q_OBJECT

public:
    explicit LegendPanel(QWidget *parent = nullptr);
    //! `instanceColors`: when the view colours by instance, the colours of each category's
    //! instances, shown in its swatch in place of the category's colour (which is then on
    //! screen nowhere); empty when it colours by category.
    void setRows(const QList<labels::LegendFact> &rows, const QSet<qint64> &hidden,
                 const QHash<qint64, QList<QColor>> &instanceColors = {});
    QSet<qint64> hiddenCategories() const;

signals:
    void hiddenCategoriesChanged(const QSet<qint64> &hidden);

private:
    bool m_filling = false;
};

//! The objects of the label: id, category, area and bounds, defects marked. Selecting one
//! highlights it; double-click or Enter zooms to it. Displays LabelFacts::instances.
class InstancesPanel : public QTreeWidget {
    Q_OBJECT

public:
    explicit InstancesPanel(QWidget *parent = nullptr);
    void setRows(const QList<labels::InstanceFact> &rows);
    //! Selects the row of `id` (0: none) without emitting instanceSelected.
    void selectInstance(qint64 id);
    //! The bounds of an instance, empty when unknown.
    QRectF boundsOf(qint64 id) const;

signals:
    void instanceSelected(qint64 id);
    void instanceActivated(qint64 id);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QList<labels::InstanceFact> m_rows;
    bool m_selecting = false;
};

//! A filled square of `color`, for legends and lists.
QIcon swatch(const QColor &color);
//! A square in stripes of up to four of `colors` (an empty frame for none): a category whose
//! instances each have their own colour.
QIcon swatch(const QList<QColor> &colors);

} // namespace segscope::ui
