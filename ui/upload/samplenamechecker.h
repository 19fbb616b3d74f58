#pragma once

#include "api/result.h"

#include <QObject>
#include <QTimer>

namespace segscope::api {
class ApiClient;
}

namespace segscope::ui {

//! Asks the server whether a dataset already has a sample of a given name, a moment after the
//! person stops typing it, so the form can say so before anything is sent. Only a hint: the
//! upload queue checks again right before it creates the sample.
class SampleNameChecker : public QObject {
    Q_OBJECT

public:
    SampleNameChecker(api::ApiClient &client, QString dataset, QObject *parent = nullptr);
    ~SampleNameChecker() override;

    //! The name changed: the last answer no longer holds; `name` is asked about after a pause
    //! (nothing is asked for an empty name).
    void checkSoon(const QString &name);
    //! True when the server said `name` is taken; false while it is not known.
    bool isTaken(const QString &name) const;

signals:
    //! The server answered for `name`.
    void checked(const QString &name, bool free);

private:
    void check();

    api::ApiClient &m_client;
    QString m_dataset;
    QString m_pending;
    QString m_checkedName;
    bool m_free = true;
    api::CallHandle m_call;
    QTimer m_timer;
};

} // namespace segscope::ui
