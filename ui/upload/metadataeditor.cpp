#include "upload/metadataeditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

enum Column { KeyColumn, TypeColumn, ValueColumn };

using Type = upload::TypedMetadata::Type;

// The type combo box's entries, in this order.
constexpr Type TypeOfIndex[] = {Type::Text, Type::Number, Type::Boolean};

QString cellText(const QTableWidget *table, int row, int column) {
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

MetadataEditor::MetadataEditor(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 3, this)) {
    m_table->setObjectName(u"metadataTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Key"), tr("Type"), tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setMinimumHeight(90);
    auto *add = new QPushButton(tr("Add"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    connect(add, &QPushButton::clicked, this, [this] { addRow(); });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            m_table->removeRow(m_table->currentRow());
    });
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
}

void MetadataEditor::addRow(const QString &key, Type type, const QString &value) {
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    m_table->setItem(r, KeyColumn, new QTableWidgetItem(key));
    auto *types = new QComboBox(m_table);
    types->addItems({tr("text"), tr("number"), tr("boolean")});
    types->setCurrentIndex(int(std::find(std::begin(TypeOfIndex), std::end(TypeOfIndex), type) -
                               std::begin(TypeOfIndex)));
    m_table->setCellWidget(r, TypeColumn, types);
    m_table->setItem(r, ValueColumn, new QTableWidgetItem(value));
}

QJsonObject MetadataEditor::metadata(QString *error) const {
    upload::TypedMetadata typed;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QString key = cellText(m_table, r, KeyColumn);
        const QString value = cellText(m_table, r, ValueColumn);
        if (key.isEmpty() && value.isEmpty())
            continue;
        const int index =
            static_cast<QComboBox *>(m_table->cellWidget(r, TypeColumn))->currentIndex();
        const Type type =
            index >= 0 && index < int(std::size(TypeOfIndex)) ? TypeOfIndex[index] : Type::Text;
        if (const QString problem = typed.add(key, value, type); !problem.isEmpty()) {
            *error = tr("row %1: %2").arg(r + 1).arg(problem);
            break;
        }
    }
    return typed.values();
}

} // namespace segscope::ui
