#include "shell/activityindicator.h"

#include "api/apiclient.h"
#include "models/thumbnailcache.h"

namespace segscope::ui {

ActivityIndicator::ActivityIndicator(QWidget *parent)
    : QLabel(parent) {
    setObjectName(QStringLiteral("activityIndicator"));
    m_poll.setInterval(250);
    connect(&m_poll, &QTimer::timeout, this, &ActivityIndicator::refresh);
}

void ActivityIndicator::watch(api::ApiClient *client, models::ThumbnailCache *thumbnails) {
    m_client = client;
    m_thumbnails = thumbnails;
    if (client)
        m_poll.start();
    else
        m_poll.stop();
    refresh();
}

void ActivityIndicator::refresh() {
    const int requests = m_client ? m_client->runningCount() + m_client->queuedCount() : 0;
    const int thumbs =
        m_thumbnails ? m_thumbnails->inFlightCount() + m_thumbnails->queuedCount() : 0;
    QStringList parts;
    if (requests > 0)
        parts.append(tr("%n request(s)", nullptr, requests));
    if (thumbs > 0)
        parts.append(tr("%n thumbnail(s)", nullptr, thumbs));
    setText(parts.isEmpty() ? QString() : tr("Loading: %1").arg(parts.join(QStringLiteral(", "))));
}

} // namespace segscope::ui
