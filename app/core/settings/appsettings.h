#pragma once

#include "setting.h"
#include "settingfamily.h"

#include <QByteArray>

//! Every setting of the application, each with its key and its default, in one place. The keys
//! are those earlier versions stored, so a user keeps their settings across versions: change a
//! key only with a migration. API keys are never settings: they live in the OS keychain.
namespace segscope::settings {

// The main window.
inline const Setting<QByteArray> WindowGeometry{QStringLiteral("window/geometry"), {}};
//! The workspace's splitters (ui::Workspace): the left column against the viewer, the dataset
//! list against the samples, and the viewer against the filmstrip in focus mode. New keys since
//! the layout changed from three panes side by side (`window/splitter3`, no longer read): an
//! old state restored into the new splitters would size the wrong panes.
inline const Setting<QByteArray> WorkspaceSplitter{QStringLiteral("window/workspace"), {}};
inline const Setting<QByteArray> WorkspaceLeftSplitter{QStringLiteral("window/workspaceLeft"), {}};
inline const Setting<QByteArray> WorkspaceFocusSplitter{QStringLiteral("window/workspaceFocus"),
                                                        {}};
//! The window was in focus mode (the viewer over a filmstrip) when it closed.
inline const Setting<bool> WorkspaceFocusMode{QStringLiteral("window/focusMode"), false};
//! owner/name of the dataset open when the window closed: opened again at the next start.
inline const Setting<QString> LastDataset{QStringLiteral("window/lastDataset"), {}};
//! The first-run hint of the demo was shown.
inline const Setting<bool> DemoHintShown{QStringLiteral("hints/demoShown"), false};

// The settings dialog.
//! "System", "Light" or "Dark" (ui::theme).
inline const Setting<QString> Theme{QStringLiteral("appearance/theme"), QStringLiteral("System")};
//! The cap on the whole disk cache, in MB.
inline const Setting<int> CacheMaxMegabytes{QStringLiteral("cache/maxMegabytes"), 1024};
//! Connection profiles (api::ProfileStore): an array of `name` and `baseUrl`, never the key.
inline const QString ProfilesArray = QStringLiteral("profiles");
inline const QString ProfileName = QStringLiteral("name");
inline const QString ProfileBaseUrl = QStringLiteral("baseUrl");

// The detail view's overlay options: indexes into its combo boxes, the opacity in percent.
inline const Setting<int> DetailColorBy{QStringLiteral("detail/colorBy"), 0};
inline const Setting<int> DetailMode{QStringLiteral("detail/mode"), 0};
inline const Setting<int> DetailOpacity{QStringLiteral("detail/opacity"), 50};
//! Outlines' width in screen pixels (1..8), at every zoom; an export uses it in image pixels.
inline const Setting<int> DetailOutlineWidth{QStringLiteral("detail/outlineWidth"), 2};
//! The detail pane's split between the image and its facts tabs (QSplitter::saveState).
inline const Setting<QByteArray> DetailSplitter{QStringLiteral("detail/splitter"), {}};
//! The labelset last shown per dataset; "" lets the pane choose.
inline const SettingFamily<QString> DetailLabelset{QStringLiteral("detail/labelset/"), QString(),
                                                   QString(), NameInKey::AsIs};
//! The candidate labelset last compared per dataset; "" lets the pane choose.
inline const SettingFamily<QString> DetailCandidate{QStringLiteral("detail/candidate/"), QString(),
                                                    QString(), NameInKey::AsIs};

// The sample browser.
//! The grid's cell width in px, one of SampleBrowser::thumbnailSizes().
inline const Setting<int> BrowserThumbnailSize{QStringLiteral("browser/thumbnailSize"), 176};

// The sample browser, per dataset.
//! The filter bar's filter, as compact JSON.
inline const SettingFamily<QByteArray> DatasetFilter{
    QStringLiteral("datasets/"), QStringLiteral("/filter"), {}, NameInKey::OneLevel};
//! Listed as a table (else a grid of thumbnails).
inline const SettingFamily<bool> DatasetTableMode{
    QStringLiteral("datasets/"), QStringLiteral("/table"), false, NameInKey::OneLevel};
//! Thumbnails with their label drawn over them.
inline const SettingFamily<bool> DatasetLabelOverlay{
    QStringLiteral("datasets/"), QStringLiteral("/labels"), false, NameInKey::OneLevel};

} // namespace segscope::settings
