#pragma once

#include <QString>

class QWidget;

//! The Help menu's windows and the demo's first-run hint.
namespace segscope::ui {

//! Opens (or raises) the non-modal sheet of every keyboard shortcut, grouped by area
//! (object name `shortcutsSheet`; two tables named `shortcutsTable`, rows of keys | action).
void showShortcutsSheet(QWidget *parent);
//! Opens (or raises) the non-modal About Segscope window (object name `aboutDialog`): versions
//! of the app, of Qt at run time and at build time, the OS, and the licence.
void showAbout(QWidget *parent);

//! The short rich-text hint shown once in the demo: what to try first.
QString demoFirstRunHint();
//! True only the first time it is called for this user (settings::DemoHintShown).
bool takeFirstRunHint();

} // namespace segscope::ui
