#include "shell/helpdialogs.h"

#include "application.h"
#include "settings/appsettings.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QScreen>
#include <QSysInfo>
#include <QTableWidget>
#include <QVBoxLayout>

#include <variant>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

//! One line of the sheet: keys (or a mouse gesture, as words) and what they do.
struct Shortcut {
    QString keys;
    QString action;
};

struct Group {
    QString title;
    QList<Shortcut> shortcuts;
};

QString keys(std::initializer_list<std::variant<QKeySequence::StandardKey, const char *>> list) {
    QStringList out;
    for (const auto &k : list) {
        const QKeySequence seq = std::holds_alternative<const char *>(k)
                                     ? QKeySequence(QString::fromLatin1(std::get<const char *>(k)))
                                     : QKeySequence(std::get<QKeySequence::StandardKey>(k));
        if (!seq.isEmpty())
            out.append(seq.toString(QKeySequence::NativeText));
    }
    return out.join(u" / "_s);
}

// Kept in step with the code by hand: MainWindow's menus, SampleBrowser's event filter,
// SampleGridView::moveCursor, DetailPane's actions, ImageCanvas's key and mouse handlers and
// InstancesPanel. A shortcut added there belongs here too.
QList<Group> shortcutGroups() {
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("Shortcuts", text);
    };
    return {
        {tr("Window"),
         {
             {keys({"Ctrl+K"}), tr("Find a dataset (filter the dataset list)")},
             {keys({QKeySequence::Find}), tr("Search the samples")},
             {keys({"Ctrl+Return"}), tr("Focus mode: the viewer over a filmstrip, or back")},
             {keys({"Esc"}), tr("Leave focus mode")},
             {keys({QKeySequence::New}), tr("Add a sample")},
             {keys({QKeySequence::Paste}), tr("Paste an image from the clipboard as a sample")},
             {keys({"Ctrl+Shift+E"}), tr("Evaluate two labelsets over the listed samples")},
             {tr("Drop files"), tr("Add the dropped images as samples")},
             {keys({"Ctrl+,"}), tr("Settings")},
             {keys({QKeySequence::HelpContents}), tr("This list of shortcuts")},
             {keys({QKeySequence::Quit}), tr("Quit")},
         }},
        {tr("Sample grid and table"),
         {
             {tr("Arrow keys"), tr("Move to the neighbouring sample")},
             {keys({"PgUp", "PgDown"}), tr("Move a page up or down")},
             {keys({"Home", "End"}), tr("First or last sample")},
             {keys({"Return", "Enter"}), tr("Open the sample in focus mode")},
             {tr("Double-click"), tr("Open the sample in focus mode")},
             {keys({"Ctrl+=", "Ctrl+-"}), tr("Larger or smaller thumbnails")},
             {keys({QKeySequence::Copy}), tr("Copy the sample's UUID")},
             {tr("Ctrl/Shift+click"), tr("Select several samples (Shift+arrows too)")},
             {keys({QKeySequence::SelectAll}), tr("Select all the listed samples")},
             {tr("Right-click"), tr("Menu: open, copy the UUID, web app, review")},
         }},
        {tr("Review"),
         {
             {keys({"A"}), tr("Accept: the label becomes REVIEWED")},
             {keys({"R"}), tr("Reject: the label becomes REJECTED")},
             {keys({"Shift+R"}), tr("Reject with a comment (an issue on the sample)")},
             {keys({"M"}), tr("Set any status from a menu")},
             {keys({QKeySequence::Undo}), tr("Undo the last review decision")},
             {keys({"Ctrl+Shift+R"}), tr("Review the listed samples (Right skips, Esc stops)")},
             {tr("Acting on"), tr("The viewer's sample when it has the focus, else the selection")},
         }},
        {tr("Detail view"),
         {
             {tr("Wheel"), tr("Zoom about the pointer")},
             {keys({"+", "="}), tr("Zoom in")},
             {keys({"-"}), tr("Zoom out")},
             {keys({"1"}), tr("Actual size (100 %)")},
             {keys({"F", "0"}), tr("Fit the image to the view, and keep fitting")},
             {keys({"I"}), tr("Show or hide the image")},
             {keys({"L"}), tr("Show or hide the labels")},
             {keys({"S"}), tr("Next labelset")},
             {keys({"C"}), tr("Colour by category or by instance")},
             {keys({"O"}), tr("Fill, outline, or fill + outline")},
             {keys({"[", "]"}), tr("Label opacity down or up by 10 %")},
             {keys({"Left", "PgUp"}), tr("Previous sample")},
             {keys({"Right", "PgDown"}), tr("Next sample")},
             {keys({",", "Alt+Left"}), tr("Image sequence: previous frame")},
             {keys({".", "Alt+Right"}), tr("Image sequence: next frame")},
             {keys({"Home", "End"}), tr("Image sequence: first or last frame")},
             {keys({"Ctrl+E"}), tr("Export the image with its labels")},
             {keys({"Ctrl+Shift+C"}), tr("Copy the image with its labels")},
             {tr("Drag"), tr("Pan")},
             {tr("Click"), tr("Select the instance under the pointer")},
             {tr("Hover"), tr("Read the pixel's value, instance and category")},
         }},
        {tr("Instances list"),
         {
             {keys({"Return", "Enter"}), tr("Zoom to the instance")},
             {tr("Double-click"), tr("Zoom to the instance")},
         }},
        {tr("Compare views"),
         {
             {keys({"D"}), tr("Next view: off, difference, swipe, toggle, side by side")},
             {keys({"T"}), tr("Toggle view: show the other labelset")},
             {tr("Drag"), tr("Swipe view, on the divider: move it")},
         }},
    };
}

//! The child of `parent` named `name`, raised, if one is open.
bool raiseExisting(QWidget *parent, const QString &name) {
    if (!parent)
        return false;
    auto *existing = parent->findChild<QDialog *>(name, Qt::FindDirectChildrenOnly);
    if (!existing)
        return false;
    existing->show();
    existing->raise();
    existing->activateWindow();
    return true;
}

QDialog *newWindow(QWidget *parent, const QString &name, const QString &title) {
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(name);
    dialog->setWindowTitle(title);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setModal(false);
    return dialog;
}

QTableWidget *shortcutTable(const QList<Group> &groups, QWidget *parent) {
    auto *table = new QTableWidget(parent);
    table->setObjectName(u"shortcutsTable"_s);
    table->setColumnCount(2);
    table->horizontalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->setFrameShape(QFrame::NoFrame);
    table->setBackgroundRole(QPalette::Window);
    table->viewport()->setBackgroundRole(QPalette::Window);

    const int rowHeight = table->fontMetrics().height() + 8;
    QFont heading = table->font();
    heading.setBold(true);
    for (const Group &group : groups) {
        const int headingRow = table->rowCount();
        table->insertRow(headingRow);
        auto *title = new QTableWidgetItem(group.title);
        title->setFont(heading);
        title->setFlags(Qt::ItemIsEnabled);
        title->setTextAlignment(Qt::AlignLeft | Qt::AlignBottom);
        table->setItem(headingRow, 0, title);
        table->setSpan(headingRow, 0, 1, 2);
        table->setRowHeight(headingRow, rowHeight + (headingRow == 0 ? 0 : 12));
        for (const Shortcut &s : group.shortcuts) {
            const int row = table->rowCount();
            table->insertRow(row);
            auto *key = new QTableWidgetItem(s.keys);
            key->setFlags(Qt::ItemIsEnabled);
            auto *action = new QTableWidgetItem(s.action);
            action->setFlags(Qt::ItemIsEnabled);
            table->setItem(row, 0, key);
            table->setItem(row, 1, action);
            table->setRowHeight(row, rowHeight);
        }
    }
    table->resizeColumnToContents(0);
    table->setColumnWidth(0, table->columnWidth(0) + 16);
    return table;
}

} // namespace

void showShortcutsSheet(QWidget *parent) {
    if (raiseExisting(parent, u"shortcutsSheet"_s))
        return;
    QDialog *dialog = newWindow(parent, u"shortcutsSheet"_s,
                                QCoreApplication::translate("Shortcuts", "Keyboard Shortcuts"));
    // Two columns, so the whole sheet fits on a laptop screen without scrolling: the window,
    // the sample list and the review keys on the left, the detail view on the right.
    const QList<Group> groups = shortcutGroups();
    auto *tables = new QHBoxLayout;
    tables->setSpacing(24);
    QTableWidget *left = shortcutTable(groups.mid(0, 3), dialog);
    QTableWidget *right = shortcutTable(groups.mid(3), dialog);
    tables->addWidget(left);
    tables->addWidget(right);
    int rowsHeight = 0;
    for (const QTableWidget *table : {left, right}) {
        int height = 0;
        for (int r = 0; r < table->rowCount(); ++r)
            height += table->rowHeight(r);
        rowsHeight = std::max(rowsHeight, height);
    }

    auto *note = new QLabel(QCoreApplication::translate(
                                "Shortcuts", "The detail view's keys work wherever the focus is "
                                             "in the detail view (the image, its tabs and lists); "
                                             "Up and Down stay the lists'. A click that only "
                                             "gives the image the focus selects nothing. The "
                                             "zoom stays from sample to sample until F. The "
                                             "outline width is set in the view's tool bar. "
                                             "Comparing, a click on a category in the Compare "
                                             "tab highlights only its disagreement."),
                            dialog);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addLayout(tables, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    // Tall enough for the longer column without scrolling where the screen has the room;
    // within a 768 px screen the columns scroll.
    const QScreen *screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    const int room = screen ? screen->availableGeometry().height() - 60 : 700;
    dialog->resize(960, std::clamp(rowsHeight + 150, 700, std::max(700, room)));
    dialog->show();
}

void showAbout(QWidget *parent) {
    if (raiseExisting(parent, u"aboutDialog"_s))
        return;
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("About", text);
    };
    QDialog *dialog = newWindow(parent, u"aboutDialog"_s, tr("About Segscope"));

    auto *icon = new QLabel(dialog);
    QIcon appIcon = QApplication::windowIcon();
    if (appIcon.isNull())
        appIcon = QIcon::fromTheme(applicationId());
    if (!appIcon.isNull())
        icon->setPixmap(appIcon.pixmap(QSize(64, 64), dialog->devicePixelRatioF()));
    else
        icon->hide();
    icon->setAlignment(Qt::AlignTop);

    auto *title = new QLabel(u"<h2 style='margin:0'>Segscope %1</h2>"_s.arg(
                                 QCoreApplication::applicationVersion().toHtmlEscaped()),
                             dialog);
    auto *description = new QLabel(
        tr("A desktop browser for Segments.ai datasets: scroll a dataset's samples as "
           "thumbnails, filter and sort them, and inspect each image with its labels pixel by "
           "pixel. It talks to api.segments.ai with your API key, or to any server that speaks "
           "the same API, such as the segscope-server that comes with it."),
        dialog);
    description->setWordWrap(true);

    auto *versions = new QLabel(dialog);
    versions->setObjectName(u"aboutVersions"_s);
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    versions->setText(u"<table cellspacing='3'>"
                      "<tr><td>%1</td><td>%2</td></tr>"
                      "<tr><td>%3</td><td>%4</td></tr>"
                      "<tr><td>%5</td><td>%6</td></tr></table>"_s.arg(
                          tr("Version:"), QCoreApplication::applicationVersion().toHtmlEscaped(),
                          tr("Qt:"),
                          tr("%1 (built with %2)")
                              .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
                          tr("System:"), QSysInfo::prettyProductName().toHtmlEscaped()));
    auto *licence = new QLabel(tr("Copyright © 2026 The Segscope developers. Free software under "
                                  "the MIT licence: use, copy, modify and share it, with the "
                                  "copyright notice; it comes with no warranty."),
                               dialog);
    licence->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *text = new QVBoxLayout;
    text->setSpacing(10);
    text->addWidget(title);
    text->addWidget(description);
    text->addWidget(versions);
    text->addWidget(licence);
    auto *grid = new QGridLayout(dialog);
    grid->setHorizontalSpacing(16);
    grid->addWidget(icon, 0, 0);
    grid->addLayout(text, 0, 1);
    grid->addWidget(buttons, 1, 0, 1, 2);
    grid->setColumnStretch(1, 1);
    // The wrapped paragraphs need the height they take at this width, not at the width the
    // plain size hint assumes (which clipped them at the top and bottom).
    constexpr int Width = 540;
    dialog->resize(Width, std::max(dialog->sizeHint().height(), grid->totalHeightForWidth(Width)));
    dialog->setMinimumHeight(dialog->height());
    dialog->show();
}

QString demoFirstRunHint() {
    return QCoreApplication::translate(
        "Hints", "<b>Welcome to the Segscope demo.</b> Some things to try:"
                 "<ul style='margin-left:12px; -qt-list-indent:0'>"
                 "<li>Click a sample to open it in the viewer; <b>Enter</b> gives the viewer "
                 "the whole window (<b>Esc</b> returns).</li>"
                 "<li>Hover the image to read each pixel's value, instance and category.</li>"
                 "<li>Press <b>L</b> to hide the labels (and <b>I</b> the image).</li>"
                 "<li>Untick categories in the <b>Legend</b> tab to hide them.</li>"
                 "<li>Press <b>A</b> to accept a label and <b>R</b> to reject it; "
                 "<b>Ctrl+Shift+R</b> reviews the listed samples one after another.</li>"
                 "<li>Drop images on the window to add them as samples.</li>"
                 "</ul>"
                 "Press <b>F1</b> for every keyboard shortcut.");
}

bool takeFirstRunHint() {
    if (settings::DemoHintShown.value())
        return false;
    settings::DemoHintShown.set(true);
    return true;
}

} // namespace segscope::ui
