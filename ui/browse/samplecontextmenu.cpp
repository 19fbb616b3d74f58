#include "browse/samplecontextmenu.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>

using namespace Qt::StringLiterals;

namespace segscope::ui {

SampleContextMenu::SampleContextMenu(const QString &uuid, QWidget *parent)
    : QMenu(parent)
    , m_uuid(uuid) {
    setObjectName(u"sampleContextMenu"_s);
    addAction(tr("Open"), this, &SampleContextMenu::openRequested);
    addAction(tr("Copy UUID"), this, [uuid] { QGuiApplication::clipboard()->setText(uuid); });
    m_web = addAction(tr("Open in the Segments.ai web app"), this,
                      [this] { QDesktopServices::openUrl(m_webUrl); });
    m_web->setEnabled(false);
}

void SampleContextMenu::setWebApp(const QString &dataset, const QString &labelset, bool enabled) {
    m_webUrl =
        QUrl(u"https://segments.ai/"_s + dataset + u"/samples/"_s + m_uuid + u'/' + labelset);
    m_web->setEnabled(enabled);
}

} // namespace segscope::ui
