#pragma once

#include <QLabel>
#include <QPointer>
#include <QTimer>

namespace segscope::api {
class ApiClient;
}
namespace segscope::models {
class ThumbnailCache;
}

namespace segscope::ui {

//! The status bar's "what is still loading": requests on the wire and thumbnails in the works.
//! Polls a few times a second: cheaper and calmer than a signal per request.
class ActivityIndicator : public QLabel {
    Q_OBJECT

public:
    explicit ActivityIndicator(QWidget *parent = nullptr);
    void watch(api::ApiClient *client, models::ThumbnailCache *thumbnails);

private:
    void refresh();

    api::ApiClient *m_client = nullptr;
    QPointer<models::ThumbnailCache> m_thumbnails;
    QTimer m_poll;
};

} // namespace segscope::ui
