#pragma once

#include <QDialog>

class QComboBox;
class QTabWidget;

namespace segscope::ui {

class CacheSettings;
class ConnectionSettings;

//! Settings: connection profiles (keys in the keychain), the cache, the theme. Changes apply
//! as they are made; there is nothing to confirm on closing.
class SettingsDialog : public QDialog {
    Q_OBJECT

public:
    enum Tab { ConnectionsTab, CacheTab, AppearanceTab };

    explicit SettingsDialog(QWidget *parent = nullptr);
    ~SettingsDialog() override;

    void showTab(Tab tab);
    ConnectionSettings *connections() const { return m_connections; }
    CacheSettings *cache() const { return m_cache; }

    //! For ClientOptions::cacheMaxBytes: the downloaded images' share of the cache cap
    //! (settings::CacheMaxMegabytes).
    static qint64 cacheMaxBytes();
    //! For ThumbnailCacheOptions::diskMaxBytes: the thumbnails' share. The two add up to the cap.
    static qint64 thumbnailCacheMaxBytes();

    //! Applies "System", "Light" or "Dark" to the whole application at once. Light and Dark
    //! are the Fusion style with a full palette; System goes back to the platform's style and
    //! palette as they were before the first call.
    static void applyTheme(const QString &theme);
    //! settings::Theme (`appearance/theme`, "System" when unset).
    static QString storedTheme();
    //! applyTheme(storedTheme()), for start-up. Leaves the platform alone when it is "System".
    static void applyStoredTheme();

signals:
    void profilesChanged();
    void themeChanged(const QString &theme);
    //! The downloaded images and thumbnails were deleted from disk.
    void cacheCleared();

private:
    QWidget *buildAppearanceTab();

    QTabWidget *m_tabs;
    ConnectionSettings *m_connections;
    CacheSettings *m_cache;
    QComboBox *m_theme = nullptr;
};

} // namespace segscope::ui
