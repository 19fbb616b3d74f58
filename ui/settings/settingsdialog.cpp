#include "settings/settingsdialog.h"

#include "settings/appsettings.h"
#include "settings/cachesettings.h"
#include "settings/connectionsettings.h"
#include "shell/theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

qint64 cacheCapBytes() {
    return qint64(CacheSettings::maxMegabytes()) * 1024 * 1024;
}

} // namespace

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_tabs(new QTabWidget(this))
    , m_connections(new ConnectionSettings(QString(), this))
    , m_cache(new CacheSettings(this)) {
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Segscope Settings"));
    m_tabs->setObjectName(u"settingsTabs"_s);
    m_tabs->addTab(m_connections, tr("Connections"));
    m_tabs->addTab(m_cache, tr("Cache"));
    m_tabs->addTab(buildAppearanceTab(), tr("Appearance"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resize(720, 460);

    connect(m_connections, &ConnectionSettings::profilesChanged, this,
            &SettingsDialog::profilesChanged);
    connect(m_cache, &CacheSettings::cleared, this, &SettingsDialog::cacheCleared);
}

SettingsDialog::~SettingsDialog() = default;

QWidget *SettingsDialog::buildAppearanceTab() {
    auto *tab = new QWidget(this);
    m_theme = new QComboBox(tab);
    m_theme->setObjectName(u"themeBox"_s);
    m_theme->addItem(tr("Follow the system"), QString::fromLatin1(theme::System));
    m_theme->addItem(tr("Light"), QString::fromLatin1(theme::Light));
    m_theme->addItem(tr("Dark"), QString::fromLatin1(theme::Dark));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(storedTheme())));
    auto *note = new QLabel(tr("Light and Dark use Segscope's own colours; “Follow the "
                               "system” uses the desktop's style and colours."),
                            tab);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *themeRow = new QHBoxLayout;
    themeRow->addWidget(m_theme);
    themeRow->addStretch();
    auto *form = new QFormLayout;
    form->addRow(tr("Theme:"), themeRow);
    form->addRow(QString(), note);
    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(form);
    layout->addStretch();

    connect(m_theme, &QComboBox::currentIndexChanged, this, [this] {
        const QString name = m_theme->currentData().toString();
        settings::Theme.set(name);
        applyTheme(name);
        emit themeChanged(name);
    });
    return tab;
}

void SettingsDialog::showTab(Tab tab) {
    m_tabs->setCurrentIndex(int(tab));
}

qint64 SettingsDialog::thumbnailCacheMaxBytes() {
    // A quarter for thumbnails: they are small (a 256 px JPEG is ~15 kB), so that is still
    // thousands of them, and the rest holds the images themselves.
    return std::clamp<qint64>(cacheCapBytes() / 4, 16LL * 1024 * 1024, 256LL * 1024 * 1024);
}

qint64 SettingsDialog::cacheMaxBytes() {
    return cacheCapBytes() - thumbnailCacheMaxBytes();
}

void SettingsDialog::applyTheme(const QString &name) {
    theme::apply(name);
}

QString SettingsDialog::storedTheme() {
    return theme::normalised(settings::Theme.value());
}

void SettingsDialog::applyStoredTheme() {
    const QString name = storedTheme();
    // Nothing to undo at start-up, and touching nothing keeps the platform's exact look.
    if (name != QLatin1StringView(theme::System))
        applyTheme(name);
}

} // namespace segscope::ui
