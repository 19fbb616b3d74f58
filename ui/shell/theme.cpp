#include "shell/theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

#include <initializer_list>

using namespace Qt::StringLiterals;

namespace segscope::ui::theme {

namespace {

struct RoleColors {
    QPalette::ColorRole role;
    QRgb normal;   //!< Active and Inactive
    QRgb disabled; //!< Disabled
};

QPalette build(std::initializer_list<RoleColors> roles) {
    QPalette p;
    for (const RoleColors &r : roles) {
        p.setColor(QPalette::Active, r.role, QColor::fromRgb(r.normal));
        p.setColor(QPalette::Inactive, r.role, QColor::fromRgb(r.normal));
        p.setColor(QPalette::Disabled, r.role, QColor::fromRgb(r.disabled));
    }
    return p;
}

// What the platform gave us before the first change, so System can go back to it.
struct SystemLook {
    bool captured = false;
    QString styleName;
};

SystemLook &systemLook() {
    static SystemLook look;
    return look;
}

} // namespace

QPalette lightPalette() {
    return build({
        {QPalette::Window, 0xffefefef, 0xffefefef},
        {QPalette::WindowText, 0xff1d1d1f, 0xff9a9a9a},
        {QPalette::Base, 0xffffffff, 0xfff4f4f4},
        {QPalette::AlternateBase, 0xfff6f6f6, 0xfff1f1f1},
        {QPalette::ToolTipBase, 0xfffffbe0, 0xfffffbe0},
        {QPalette::ToolTipText, 0xff1d1d1f, 0xff9a9a9a},
        {QPalette::PlaceholderText, 0xff80808a, 0xffb0b0b0},
        {QPalette::Text, 0xff1d1d1f, 0xff9a9a9a},
        {QPalette::Button, 0xffefefef, 0xffe8e8e8},
        {QPalette::ButtonText, 0xff1d1d1f, 0xff9a9a9a},
        {QPalette::BrightText, 0xffffffff, 0xffffffff},
        {QPalette::Light, 0xffffffff, 0xffffffff},
        {QPalette::Midlight, 0xffe3e3e3, 0xffe3e3e3},
        {QPalette::Mid, 0xffb8b8b8, 0xffc4c4c4},
        {QPalette::Dark, 0xff9f9f9f, 0xffb0b0b0},
        {QPalette::Shadow, 0xff767676, 0xff9a9a9a},
        {QPalette::Highlight, 0xff2f73c9, 0xffc8c8c8},
        {QPalette::HighlightedText, 0xffffffff, 0xff7a7a7a},
        {QPalette::Link, 0xff1a5fb4, 0xff8aa6c8},
        {QPalette::LinkVisited, 0xff7a3fb0, 0xffa990c0},
    });
}

QPalette darkPalette() {
    return build({
        {QPalette::Window, 0xff2b2b2e, 0xff2b2b2e},
        {QPalette::WindowText, 0xffe6e6e6, 0xff7c7c80},
        {QPalette::Base, 0xff1e1e20, 0xff252527},
        {QPalette::AlternateBase, 0xff262629, 0xff2a2a2c},
        {QPalette::ToolTipBase, 0xff3c3c40, 0xff3c3c40},
        {QPalette::ToolTipText, 0xfff0f0f0, 0xff8a8a8e},
        {QPalette::PlaceholderText, 0xff8c8c92, 0xff5e5e62},
        {QPalette::Text, 0xffe6e6e6, 0xff7c7c80},
        {QPalette::Button, 0xff37373b, 0xff303033},
        {QPalette::ButtonText, 0xffe6e6e6, 0xff7c7c80},
        {QPalette::BrightText, 0xffff6b6b, 0xffff6b6b},
        {QPalette::Light, 0xff505055, 0xff434347},
        {QPalette::Midlight, 0xff424246, 0xff3a3a3d},
        {QPalette::Mid, 0xff252528, 0xff252528},
        {QPalette::Dark, 0xff1a1a1c, 0xff1a1a1c},
        {QPalette::Shadow, 0xff0c0c0d, 0xff0c0c0d},
        {QPalette::Highlight, 0xff3d7fd6, 0xff45454a},
        {QPalette::HighlightedText, 0xffffffff, 0xff9a9a9e},
        {QPalette::Link, 0xff74b2ff, 0xff5a7290},
        {QPalette::LinkVisited, 0xffc09cff, 0xff7a6a94},
    });
}

QString normalised(const QString &theme) {
    if (theme.compare(QLatin1StringView(Light), Qt::CaseInsensitive) == 0)
        return QLatin1StringView(Light);
    if (theme.compare(QLatin1StringView(Dark), Qt::CaseInsensitive) == 0)
        return QLatin1StringView(Dark);
    return QLatin1StringView(System);
}

void apply(const QString &theme) {
    SystemLook &look = systemLook();
    if (!look.captured) {
        look.captured = true;
        look.styleName = QApplication::style()->name();
    }
    const QString name = normalised(theme);
    if (name == QLatin1StringView(System)) {
        if (QApplication::style()->name().compare(look.styleName, Qt::CaseInsensitive) != 0)
            QApplication::setStyle(look.styleName);
        // A palette with no role set puts the application back on the style's and the
        // platform's own palette (and lets it follow the platform again).
        QApplication::setPalette(QPalette());
        return;
    }
    if (QApplication::style()->name().compare(u"fusion"_s, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(u"Fusion"_s);
    QApplication::setPalette(name == QLatin1StringView(Dark) ? darkPalette() : lightPalette());
}

} // namespace segscope::ui::theme
