#pragma once

#include "api/connectionprofile.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace segscope::ui {

class ConnectionTest;

//! The Connections tab of the settings: saved profiles (name and base URL in QSettings, the key
//! in the OS keychain only), edited one at a time, and a Test that says what is wrong.
//!
//! The key field never shows a stored key: it stays empty with a placeholder saying one is
//! stored, and whatever is typed goes to KeyStore::writeKey and nowhere else.
class ConnectionSettings : public QWidget {
    Q_OBJECT

public:
    //! `settingsFile` as for ProfileStore (empty: the application's settings).
    explicit ConnectionSettings(const QString &settingsFile = {}, QWidget *parent = nullptr);
    ~ConnectionSettings() override;

    //! Shows the saved profile `name` in the fields (no-op when there is none).
    void selectProfile(const QString &name);

signals:
    void profilesChanged();

private:
    void reload(const QString &select);
    void showProfile(const QString &name);
    void newProfile();
    void removeProfile();
    void saveProfile();
    void testProfile();
    void storeKey(const QString &profile, const QString &key);
    void moveKey(const QString &from, const QString &to);
    void setKeyState(bool stored, const QString &message);
    void setResult(bool ok, const QString &message);
    bool confirm(const QString &question);
    //! The URL in the field, or an invalid one after saying why in the result label.
    QUrl validatedUrl();

    api::ProfileStore m_store;
    QString m_editing; //!< the saved profile in the fields; empty for a new one
    bool m_keyStored = false;
    quint64 m_keyQuery = 0; //!< drops keychain answers for a profile no longer shown
    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_key;
    QLabel *m_keyStatus;
    QLabel *m_resultIcon;
    QLabel *m_result;
    QPushButton *m_remove;
    QPushButton *m_test;
    ConnectionTest *m_tester;
};

} // namespace segscope::ui
