#include "browse/samplefilterbar.h"

#include "wire/vocabulary.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

SampleFilterBar::SampleFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_status(new QToolButton(this))
    , m_labelset(new QComboBox(this))
    , m_metadata(new QLineEdit(this))
    , m_sort(new QComboBox(this))
    , m_direction(new QToolButton(this))
    , m_tableMode(new QToolButton(this))
    , m_labelOverlay(new QToolButton(this))
    , m_thumbnailSize(new QSlider(Qt::Horizontal, this)) {
    setObjectName(u"sampleFilterBar"_s);
    m_search->setObjectName(u"sampleSearch"_s);
    m_search->setPlaceholderText(tr("Search names (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(m_search, &QLineEdit::textEdited, this, [this] { m_debounce.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_debounce.stop();
        changed();
    });
    connect(&m_debounce, &QTimer::timeout, this, &SampleFilterBar::changed);

    m_status->setObjectName(u"statusFilter"_s);
    m_status->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_status);
    for (const QString &s : wire::labelStatuses()) {
        QAction *a = menu->addAction(s.toLower().replace(u'_', u' '));
        a->setCheckable(true);
        a->setData(s);
        connect(a, &QAction::toggled, this, [this] {
            updateStatusButton();
            changed();
        });
    }
    m_status->setMenu(menu);
    updateStatusButton();

    m_labelset->setObjectName(u"labelsetChooser"_s);
    m_labelset->setToolTip(tr("The labelset whose statuses are shown and filtered"));
    m_labelset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_labelset, &QComboBox::currentTextChanged, this, &SampleFilterBar::changed);
    // activated: a pick by the user only, after the filter changed with it.
    connect(m_labelset, &QComboBox::activated, this,
            [this] { emit labelsetPicked(m_labelset->currentText()); });

    m_metadata->setObjectName(u"metadataFilter"_s);
    m_metadata->setPlaceholderText(tr("metadata, e.g. %1").arg(metadataExample()));
    m_metadata->setClearButtonEnabled(true);
    connect(m_metadata, &QLineEdit::editingFinished, this, &SampleFilterBar::changed);

    m_sort->setObjectName(u"sortField"_s);
    m_sort->addItem(tr("Name"), u"name"_s);
    m_sort->addItem(tr("Created"), u"created_at"_s);
    m_sort->addItem(tr("Priority"), u"priority"_s);
    m_sort->addItem(tr("Label updated"), u"gt_label__updated_at"_s);
    connect(m_sort, &QComboBox::currentIndexChanged, this, &SampleFilterBar::changed);
    m_direction->setObjectName(u"sortDirection"_s);
    m_direction->setCheckable(true);
    m_direction->setText(u"↑"_s);
    m_direction->setToolTip(tr("Sort direction"));
    connect(m_direction, &QToolButton::toggled, this, [this](bool descending) {
        m_direction->setText(descending ? u"↓"_s : u"↑"_s);
        changed();
    });

    m_tableMode->setObjectName(u"tableMode"_s);
    m_tableMode->setCheckable(true);
    m_tableMode->setText(tr("Table"));
    m_tableMode->setToolTip(tr("Switch between the thumbnail grid and the table"));
    connect(m_tableMode, &QToolButton::toggled, this, [this](bool table) {
        m_thumbnailSize->setEnabled(!table);
        emit tableModeToggled(table);
    });

    m_labelOverlay->setObjectName(u"labelOverlay"_s);
    m_labelOverlay->setCheckable(true);
    m_labelOverlay->setText(tr("Labels"));
    m_labelOverlay->setToolTip(tr("Labels on thumbnails: draw each thumbnail with its "
                                  "segmentation label from the chosen labelset"));
    connect(m_labelOverlay, &QToolButton::toggled, this, &SampleFilterBar::labelOverlayToggled);
    applyButtonStyle();

    m_thumbnailSize->setObjectName(u"thumbnailSize"_s);
    m_thumbnailSize->setToolTip(tr("Thumbnail size (Ctrl+= and Ctrl+-)"));
    m_thumbnailSize->setPageStep(1);
    m_thumbnailSize->setTickPosition(QSlider::NoTicks);
    m_thumbnailSize->setFixedWidth(64);
    connect(m_thumbnailSize, &QSlider::valueChanged, this, [this](int step) {
        if (!m_updating)
            emit thumbnailStepChanged(step);
    });

    // Two rows, so the text fields keep a usable width in a narrow column: what to look for
    // and how to show it on top (the fields stretch, so the toggles there cost no width),
    // which statuses and in what order below.
    auto *text = new QHBoxLayout;
    text->addWidget(m_search, 3);
    text->addWidget(m_metadata, 2);
    text->addWidget(m_thumbnailSize);
    text->addWidget(m_labelOverlay);
    text->addWidget(m_tableMode);
    auto *shape = new QHBoxLayout;
    shape->addWidget(m_status);
    shape->addWidget(m_labelset);
    shape->addStretch(1);
    shape->addWidget(new QLabel(tr("Sort"), this));
    shape->addWidget(m_sort);
    shape->addWidget(m_direction);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    layout->addLayout(text);
    layout->addLayout(shape);
}

void SampleFilterBar::applyButtonStyle() {
    // On and off must read at a glance in both themes: a checked toggle is filled with the
    // palette's highlight, an unchecked one is an outline. The style's menu arrow sits over
    // the status button's text, so its arrow is in the text. palette() in a style sheet is
    // read when it is set: set again when the theme changes.
    // The outline: a third of the way from the window's colour to the text's, visible in a
    // light and a dark palette alike (Mid is darker than a dark window).
    const QColor window = palette().color(QPalette::Window);
    const QColor text = palette().color(QPalette::WindowText);
    const QColor outline = QColor::fromRgbF(window.redF() + (text.redF() - window.redF()) / 3,
                                            window.greenF() + (text.greenF() - window.greenF()) / 3,
                                            window.blueF() + (text.blueF() - window.blueF()) / 3);
    const QString button =
        u"QToolButton { border: 1px solid %1; border-radius: 4px; padding: 2px 6px;"
        u" color: palette(button-text); }"
        u"QToolButton:hover { border-color: palette(highlight); }"_s.arg(outline.name());
    m_status->setStyleSheet(button + u"QToolButton::menu-indicator { image: none; width: 0px; }"_s);
    for (QToolButton *toggle : {m_labelOverlay, m_tableMode}) {
        toggle->setStyleSheet(button + u"QToolButton:checked { background: palette(highlight);"
                                       u" color: palette(highlighted-text);"
                                       u" border-color: palette(highlight); }"_s);
    }
}

void SampleFilterBar::changeEvent(QEvent *event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_restyling) {
        m_restyling = true;
        applyButtonStyle();
        m_restyling = false;
    }
}

void SampleFilterBar::updateStatusButton() {
    QStringList chosen;
    for (QAction *a : m_status->menu()->actions()) {
        if (a->isChecked())
            chosen.append(a->text());
    }
    m_status->setText(
        (chosen.isEmpty() ? tr("Any status")
                          : (chosen.size() == 1 ? chosen.first()
                                                : tr("%n statuses", nullptr, int(chosen.size())))) +
        u" ▾"_s);
    m_status->setToolTip(chosen.isEmpty() ? tr("Show samples of these label statuses only")
                                          : chosen.join(u", "_s));
}

void SampleFilterBar::changed() {
    if (!m_updating)
        emit filterChanged(filter());
}

models::SampleFilter SampleFilterBar::filter() const {
    models::SampleFilter f;
    f.nameContains = m_search->text().trimmed();
    for (QAction *a : m_status->menu()->actions()) {
        if (a->isChecked())
            f.labelStatuses.append(a->data().toString());
    }
    if (!m_labelset->currentText().isEmpty())
        f.labelset = m_labelset->currentText();
    for (const QString &term : m_metadata->text().split(u',', Qt::SkipEmptyParts)) {
        if (term.contains(u':'))
            f.metadataTerms.append(term.trimmed());
    }
    f.sortField = m_sort->currentData().toString();
    f.sortDescending = m_direction->isChecked();
    return f;
}

void SampleFilterBar::setFilter(const models::SampleFilter &f) {
    m_updating = true;
    m_search->setText(f.nameContains);
    for (QAction *a : m_status->menu()->actions())
        a->setChecked(f.labelStatuses.contains(a->data().toString()));
    updateStatusButton();
    const int ls = m_labelset->findText(f.labelset);
    if (ls >= 0)
        m_labelset->setCurrentIndex(ls);
    m_metadata->setText(f.metadataTerms.join(u", "_s));
    const int sort = m_sort->findData(f.sortField);
    m_sort->setCurrentIndex(sort >= 0 ? sort : 0);
    m_direction->setChecked(f.sortDescending);
    m_updating = false;
}

void SampleFilterBar::setLabelsets(const QStringList &names) {
    m_updating = true;
    const QString current = m_labelset->currentText();
    m_labelset->clear();
    m_labelset->addItems(names);
    const int i = m_labelset->findText(current);
    m_labelset->setCurrentIndex(i >= 0 ? i : 0);
    m_labelset->setVisible(names.size() > 1);
    m_updating = false;
}

QByteArray SampleFilterBar::filterToSetting(const models::SampleFilter &f) {
    const QJsonObject o{
        {"name"_L1, f.nameContains}, {"statuses"_L1, QJsonArray::fromStringList(f.labelStatuses)},
        {"labelset"_L1, f.labelset}, {"metadata"_L1, QJsonArray::fromStringList(f.metadataTerms)},
        {"sort"_L1, f.sortField},    {"descending"_L1, f.sortDescending}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

models::SampleFilter SampleFilterBar::filterFromSetting(const QByteArray &json) {
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    models::SampleFilter f;
    auto strings = [](const QJsonValue &v) {
        QStringList out;
        for (const QJsonValue &s : v.toArray())
            out.append(s.toString());
        return out;
    };
    f.nameContains = o.value("name"_L1).toString();
    f.labelStatuses = strings(o.value("statuses"_L1));
    f.labelset = o.value("labelset"_L1).toString(f.labelset);
    f.metadataTerms = strings(o.value("metadata"_L1));
    f.sortField = o.value("sort"_L1).toString(f.sortField);
    f.sortDescending = o.value("descending"_L1).toBool();
    return f;
}

void SampleFilterBar::focusSearch() {
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void SampleFilterBar::setTableMode(bool table) {
    const QSignalBlocker blocker(m_tableMode);
    m_tableMode->setChecked(table);
    // The table's rows have one height: the size is the grid's.
    m_thumbnailSize->setEnabled(!table);
}

void SampleFilterBar::setThumbnailStep(int step, int steps) {
    m_updating = true;
    m_thumbnailSize->setRange(0, steps - 1);
    m_thumbnailSize->setValue(step);
    m_updating = false;
}

QString SampleFilterBar::metadataExample() {
    // The demo's samples have weather day, dusk or overcast and speed_kmh 10..69.
    return u"weather:dusk, speed_kmh:>30"_s;
}

void SampleFilterBar::setLabelOverlay(bool on) {
    const QSignalBlocker blocker(m_labelOverlay);
    m_labelOverlay->setChecked(on);
}

} // namespace segscope::ui
