#pragma once

#include <QMetaObject>
#include <QMutex>

#include <functional>

namespace segscope::models {

//! How work on a thread pool hands its result back to a QObject on the GUI thread, while that
//! object exists. The owner holds the mailbox in a shared_ptr, gives copies to its pool tasks
//! and calls close() first thing in its destructor, under the mutex; ~QObject then discards
//! calls already posted, so a late result is simply dropped instead of reaching a dead object.
template <class T> class Mailbox {
public:
    explicit Mailbox(T *owner)
        : m_owner(owner) {}

    void post(std::function<void(T *)> call) {
        QMutexLocker lock(&m_mutex);
        if (!m_owner)
            return;
        QMetaObject::invokeMethod(
            m_owner, [owner = m_owner, call = std::move(call)] { call(owner); },
            Qt::QueuedConnection);
    }
    void close() {
        QMutexLocker lock(&m_mutex);
        m_owner = nullptr;
    }

private:
    QMutex m_mutex;
    T *m_owner;
};

} // namespace segscope::models
