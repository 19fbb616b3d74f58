#pragma once

#include <QMenu>
#include <QUrl>

namespace segscope::ui {

//! The context menu of a sample in the grid or the table: open it, copy its UUID, open it in
//! the Segments.ai web app (only for samples of the real service). Others (the review actions)
//! add to it before it opens.
class SampleContextMenu : public QMenu {
    Q_OBJECT

public:
    SampleContextMenu(const QString &uuid, QWidget *parent);

    //! The sample's dataset (owner/name) and labelset, where the web app shows it; `enabled`
    //! false (not a sample of the real service) greys the item out.
    void setWebApp(const QString &dataset, const QString &labelset, bool enabled);

signals:
    void openRequested();

private:
    QString m_uuid;
    QAction *m_web;
    QUrl m_webUrl;
};

} // namespace segscope::ui
