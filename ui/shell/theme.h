#pragma once

#include <QPalette>
#include <QString>

//! Light and dark themes for Qt 6.4, which has no QStyleHints::colorScheme to ask the platform
//! for one: Light and Dark are the Fusion style with a full palette of our own, System is the
//! platform's style and palette as they were before the first change.
namespace segscope::ui::theme {

//! The values of settings::Theme (`appearance/theme`).
inline constexpr auto System = "System";
inline constexpr auto Light = "Light";
inline constexpr auto Dark = "Dark";

//! Every role of every group, Disabled included.
QPalette lightPalette();
QPalette darkPalette();

//! "System", "Light" or "Dark" (case-insensitive; anything else counts as System) on qApp.
void apply(const QString &theme);
//! The normalised name of `theme` ("dark" -> "Dark", "" -> "System").
QString normalised(const QString &theme);

} // namespace segscope::ui::theme
