#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

namespace segscope::settings {

//! One setting of the application: its QSettings key and its default, declared once (in
//! appsettings.h) and used by name everywhere else, after Tiled's `SessionOption<T>`. Reads and
//! writes go straight to QSettings (nothing is cached), so every window sees a change at once.
//! The overloads taking a QSettings serve a settings file other than the application's, or an
//! open group or array.
template <class T> class Setting {
public:
    Setting(QString key, T defaultValue)
        : m_key(std::move(key))
        , m_default(std::move(defaultValue)) {}

    const QString &key() const { return m_key; }
    const T &defaultValue() const { return m_default; }

    //! The stored value; the default when nothing is stored or what is stored is not a T (a
    //! settings file edited by hand).
    T value() const { return value(QSettings()); }
    T value(const QSettings &settings) const {
        QVariant stored = settings.value(m_key);
        if (!stored.isValid() || !stored.convert(QMetaType::fromType<T>()))
            return m_default;
        return stored.value<T>();
    }

    void set(const T &value) const {
        QSettings settings;
        set(settings, value);
    }
    void set(QSettings &settings, const T &value) const {
        settings.setValue(m_key, QVariant::fromValue(value));
    }

    //! True when a value is stored (even one equal to the default).
    bool isSet() const { return QSettings().contains(m_key); }
    //! Forgets the stored value: value() is the default again.
    void reset() const { QSettings().remove(m_key); }

private:
    QString m_key;
    T m_default;
};

} // namespace segscope::settings
