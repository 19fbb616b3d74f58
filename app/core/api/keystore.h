#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace segscope::api {

//! API keys in the OS keychain (QtKeychain), one entry per connection profile. There is no
//! plain-text fallback: without a keychain service the operations fail with a message that
//! points at SEGMENTS_API_KEY.
class KeyStore {
public:
    //! (key, error): exactly one is non-empty.
    using KeyCallback = std::function<void(const QString &key, const QString &error)>;
    using DoneCallback = std::function<void(const QString &error)>;

    //! Reads the key stored for `profile`; the callback runs unless `context` is gone.
    static void readKey(const QString &profile, QObject *context, KeyCallback done);
    static void writeKey(const QString &profile, const QString &key, QObject *context,
                         DoneCallback done);
    static void deleteKey(const QString &profile, QObject *context, DoneCallback done);

    //! SEGMENTS_API_KEY when set, else the keychain entry of `profile` (if a profile is given).
    static void resolveKey(const QString &profile, QObject *context, KeyCallback done);

    //! The message shown when no keychain service answers.
    static QString noKeychainMessage();
};

} // namespace segscope::api
