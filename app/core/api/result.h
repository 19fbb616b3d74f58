#pragma once

#include "apierror.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace segscope::api {

//! The value of a call that answers nothing but success (DELETE, storage upload, api_status).
struct Done {};

//! A value or the error that prevented it.
template <class T> class Result {
public:
    Result(T value)
        : m_value(std::move(value)) {}
    Result(ApiError error)
        : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    const T *operator->() const { return &*m_value; }
    const T &operator*() const { return *m_value; }
    //! Meaningful only when !ok().
    const ApiError &error() const { return m_error; }

private:
    std::optional<T> m_value;
    ApiError m_error;
};

//! Receives the result of a call, on the thread of the client, unless the call was cancelled or
//! its context object was destroyed first (then it is never invoked).
template <class T> using Callback = std::function<void(Result<T>)>;

//! Something running that can be stopped: a call (with its retries) or a walk over pages.
class Cancellable : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    //! Stops the work. The callback is NOT invoked afterwards: whoever cancels already knows.
    virtual void cancel() = 0;
};

//! A weak handle on a running call. Copyable; harmless after the call finished.
class CallHandle {
public:
    CallHandle() = default;
    explicit CallHandle(Cancellable *work)
        : m_work(work) {}

    //! Aborts the transfer (or the wait before a retry) and drops the callback.
    void cancel() const {
        if (m_work)
            m_work->cancel();
    }
    //! True while the call has not delivered its result or been cancelled.
    bool isActive() const { return !m_work.isNull(); }

private:
    QPointer<Cancellable> m_work;
};

} // namespace segscope::api
