#pragma once

#include "setting.h"

namespace segscope::settings {

//! How a name goes into the key of a SettingFamily's member.
enum class NameInKey {
    AsIs,    //!< slashes kept: "owner/name" makes two levels of the key
    OneLevel //!< slashes as '|': "owner/name" makes one level, "owner|name"
};

//! Settings of one kind kept per name, such as per dataset: `datasets/owner|name/filter` is the
//! filter of dataset owner/name. Declared once like a Setting, with the parts of the key around
//! the name and the default every member shares.
template <class T> class SettingFamily {
public:
    SettingFamily(QString prefix, QString suffix, T defaultValue, NameInKey nameInKey)
        : m_prefix(std::move(prefix))
        , m_suffix(std::move(suffix))
        , m_default(std::move(defaultValue))
        , m_nameInKey(nameInKey) {}

    //! The setting of `name`.
    Setting<T> operator()(const QString &name) const {
        const QString part =
            m_nameInKey == NameInKey::OneLevel ? QString(name).replace(u'/', u'|') : name;
        return Setting<T>(m_prefix + part + m_suffix, m_default);
    }

private:
    QString m_prefix;
    QString m_suffix;
    T m_default;
    NameInKey m_nameInKey;
};

} // namespace segscope::settings
