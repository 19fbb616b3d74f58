#include "settings/connectionsettings.h"

#include "api/keystore.h"
#include "settings/connectiontest.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

const QString DefaultUrl = u"https://api.segments.ai"_s;

QString storedPlaceholder() {
    return QObject::tr("•••• stored in the keychain");
}

QString emptyPlaceholder() {
    return QObject::tr("Paste the key (Segments.ai → Account → API keys)");
}

bool usesEnvironmentKey() {
    return !qEnvironmentVariable("SEGMENTS_API_KEY").isEmpty();
}

} // namespace

ConnectionSettings::ConnectionSettings(const QString &settingsFile, QWidget *parent)
    : QWidget(parent)
    , m_store(settingsFile)
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_key(new QLineEdit(this))
    , m_keyStatus(new QLabel(this))
    , m_resultIcon(new QLabel(this))
    , m_result(new QLabel(this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_test(new QPushButton(tr("Test"), this))
    , m_tester(new ConnectionTest(this)) {
    m_list->setObjectName(u"profileList"_s);
    m_name->setObjectName(u"profileName"_s);
    m_url->setObjectName(u"profileUrl"_s);
    m_key->setObjectName(u"profileKey"_s);
    m_keyStatus->setObjectName(u"keyStatus"_s);
    m_result->setObjectName(u"testResult"_s);
    m_remove->setObjectName(u"removeProfile"_s);
    m_test->setObjectName(u"testProfile"_s);
    auto *add = new QPushButton(tr("Add"), this);
    add->setObjectName(u"addProfile"_s);
    auto *save = new QPushButton(tr("Save"), this);
    save->setObjectName(u"saveProfile"_s);

    m_list->setMinimumWidth(170);
    m_url->setPlaceholderText(DefaultUrl);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(emptyPlaceholder());
    m_keyStatus->setWordWrap(true);
    m_keyStatus->setForegroundRole(QPalette::PlaceholderText);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resultIcon->setFixedSize(20, 20);
    m_resultIcon->setAlignment(Qt::AlignTop);

    auto *intro = new QLabel(
        tr("Servers that speak the Segments API: Segments.ai itself or a segscope-server. "
           "Keys are kept in the system keychain, never in a file; when SEGMENTS_API_KEY is "
           "set, it is used instead."),
        this);
    intro->setWordWrap(true);

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(m_remove);
    listButtons->addStretch();
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Base URL:"), m_url);
    form->addRow(tr("API key:"), m_key);
    form->addRow(QString(), m_keyStatus);
    auto *actions = new QHBoxLayout;
    actions->addStretch();
    actions->addWidget(m_test);
    actions->addWidget(save);
    auto *result = new QHBoxLayout;
    result->addWidget(m_resultIcon, 0, Qt::AlignTop);
    result->addWidget(m_result, 1);
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addLayout(actions);
    right->addLayout(result);
    right->addStretch();

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addLayout(right, 5);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(columns, 1);

    connect(m_list, &QListWidget::currentTextChanged, this, &ConnectionSettings::showProfile);
    connect(add, &QPushButton::clicked, this, &ConnectionSettings::newProfile);
    connect(m_remove, &QPushButton::clicked, this, &ConnectionSettings::removeProfile);
    connect(save, &QPushButton::clicked, this, &ConnectionSettings::saveProfile);
    connect(m_test, &QPushButton::clicked, this, &ConnectionSettings::testProfile);
    connect(m_tester, &ConnectionTest::finished, this, [this](bool ok, const QString &message) {
        m_test->setEnabled(true);
        setResult(ok, ok && m_key->text().isEmpty() && usesEnvironmentKey()
                          ? tr("%1 (with the key in SEGMENTS_API_KEY)").arg(message)
                          : message);
    });

    reload(QString());
}

ConnectionSettings::~ConnectionSettings() = default;

void ConnectionSettings::selectProfile(const QString &name) {
    const QList<QListWidgetItem *> found = m_list->findItems(name, Qt::MatchExactly);
    if (!found.isEmpty())
        m_list->setCurrentItem(found.first());
}

void ConnectionSettings::reload(const QString &select) {
    const QList<api::ConnectionProfile> profiles = m_store.profiles();
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const api::ConnectionProfile &p : profiles)
            m_list->addItem(p.name);
    }
    if (profiles.isEmpty())
        return newProfile();
    const QSignalBlocker blocker(m_list);
    if (select.isEmpty()) {
        m_list->setCurrentRow(0);
        return showProfile(m_list->item(0)->text());
    }
    // Only marks the row: the fields already hold this profile (and maybe a typed key).
    selectProfile(select);
}

void ConnectionSettings::showProfile(const QString &name) {
    const std::optional<api::ConnectionProfile> profile = m_store.find(name);
    if (!profile)
        return;
    m_tester->cancel();
    m_test->setEnabled(true);
    setResult(true, QString());
    m_editing = profile->name;
    m_name->setText(profile->name);
    m_url->setText(profile->baseUrl.toString());
    m_key->clear();
    m_remove->setEnabled(true);
    setKeyState(false, tr("Looking in the keychain…"));
    const quint64 query = ++m_keyQuery;
    // Only whether a key exists is kept; the key itself is dropped here.
    api::KeyStore::readKey(name, this, [this, query](const QString &key, const QString &error) {
        if (query != m_keyQuery)
            return;
        setKeyState(!key.isEmpty(), key.isEmpty() ? error : QString());
    });
}

void ConnectionSettings::newProfile() {
    m_tester->cancel();
    m_test->setEnabled(true);
    setResult(true, QString());
    {
        const QSignalBlocker blocker(m_list);
        m_list->clearSelection();
        m_list->setCurrentRow(-1);
    }
    ++m_keyQuery;
    m_editing.clear();
    QString name = tr("New profile");
    for (int i = 2; m_store.find(name); ++i)
        name = tr("New profile %1").arg(i);
    m_name->setText(name);
    m_url->setText(DefaultUrl);
    m_key->clear();
    m_remove->setEnabled(false);
    setKeyState(false, QString());
    m_name->setFocus();
    m_name->selectAll();
}

void ConnectionSettings::removeProfile() {
    const QString name = m_editing;
    if (name.isEmpty())
        return;
    if (!confirm(tr("Remove the profile “%1” and its key from the keychain?").arg(name)))
        return;
    const bool hadKey = m_keyStored;
    m_store.remove(name);
    api::KeyStore::deleteKey(name, this, [this, name, hadKey](const QString &error) {
        // Without a stored key the keychain has nothing to delete, and says so: not news.
        if (hadKey && !error.isEmpty())
            setResult(
                false,
                tr("The key of “%1” could not be removed from the keychain: %2").arg(name, error));
    });
    reload(QString());
    emit profilesChanged();
}

void ConnectionSettings::saveProfile() {
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        setResult(false, tr("Give the profile a name."));
        return;
    }
    const QUrl url = validatedUrl();
    if (!url.isValid())
        return;
    if (name != m_editing && m_store.find(name)) {
        setResult(false, tr("There is already a profile named “%1”.").arg(name));
        return;
    }
    const QString previous = m_editing;
    const QString typed = m_key->text();
    m_store.save({name, url});
    if (!previous.isEmpty() && previous != name)
        m_store.remove(previous);
    m_editing = name;
    m_name->setText(name);
    m_url->setText(url.toString());
    m_remove->setEnabled(true);
    reload(name);
    setResult(true, tr("Profile “%1” saved.").arg(name));
    if (!typed.isEmpty())
        storeKey(name, typed);
    else if (!previous.isEmpty() && previous != name && m_keyStored)
        moveKey(previous, name);
    emit profilesChanged();
}

void ConnectionSettings::storeKey(const QString &profile, const QString &key) {
    const quint64 query = ++m_keyQuery;
    setKeyState(m_keyStored, tr("Storing the key in the keychain…"));
    api::KeyStore::writeKey(profile, key, this, [this, profile, query](const QString &error) {
        if (query != m_keyQuery)
            return;
        if (!error.isEmpty()) {
            // The typed key stays in the field (memory only), so Test still works with it.
            setKeyState(m_keyStored, error);
            setResult(false, tr("Profile “%1” saved, but not its key: %2").arg(profile, error));
            return;
        }
        m_key->clear();
        setKeyState(true, tr("The key is stored in the keychain."));
    });
}

void ConnectionSettings::moveKey(const QString &from, const QString &to) {
    const quint64 query = ++m_keyQuery;
    api::KeyStore::readKey(
        from, this, [this, from, to, query](const QString &key, const QString &error) {
            if (key.isEmpty()) {
                if (query == m_keyQuery)
                    setKeyState(false, error);
                return;
            }
            api::KeyStore::writeKey(to, key, this, [this, from, query](const QString &e) {
                if (e.isEmpty())
                    api::KeyStore::deleteKey(from, this, [](const QString &) {});
                if (query == m_keyQuery)
                    setKeyState(e.isEmpty(), e);
            });
        });
}

void ConnectionSettings::testProfile() {
    const QUrl url = validatedUrl();
    if (!url.isValid())
        return;
    m_test->setEnabled(false);
    m_resultIcon->clear();
    m_result->setText(tr("Testing %1…").arg(ConnectionTest::hostOf(url)));
    const QString typed = m_key->text();
    if (!typed.isEmpty())
        return m_tester->start(url, typed);
    // What a session would use: SEGMENTS_API_KEY, else the profile's keychain entry.
    const QString profile = m_editing;
    api::KeyStore::resolveKey(profile, m_tester,
                              [this, url, profile](const QString &key, const QString &error) {
                                  if (m_test->isEnabled())
                                      return; // another profile was shown meanwhile
                                  const QString note = profile.isEmpty() || error.isEmpty()
                                                           ? tr("none was typed and none is stored")
                                                           : error;
                                  m_tester->start(url, key, note);
                              });
}

QUrl ConnectionSettings::validatedUrl() {
    QString text = m_url->text().trimmed();
    if (text.isEmpty())
        text = DefaultUrl;
    if (!text.contains(u"://"_s))
        text.prepend(u"https://"_s);
    QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != "https"_L1 && scheme != "http"_L1)) {
        setResult(false, tr("“%1” is not a server address: type one such as %2.")
                             .arg(m_url->text().trimmed(), DefaultUrl));
        return {};
    }
    // The SDK joins absolute paths to the origin, so the API always lives at the root.
    if (!url.path().isEmpty() && url.path() != "/"_L1) {
        setResult(false, tr("The Segments API is served at the root of its server: remove "
                            "“%1” from the base URL.")
                             .arg(url.path()));
        return {};
    }
    url.setPath(QString());
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void ConnectionSettings::setKeyState(bool stored, const QString &message) {
    m_keyStored = stored;
    m_key->setPlaceholderText(stored ? storedPlaceholder() : emptyPlaceholder());
    m_keyStatus->setText(message);
    m_keyStatus->setVisible(!message.isEmpty());
}

void ConnectionSettings::setResult(bool ok, const QString &message) {
    m_result->setText(message);
    if (message.isEmpty()) {
        m_resultIcon->clear();
        return;
    }
    const QIcon icon =
        style()->standardIcon(ok ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxWarning);
    m_resultIcon->setPixmap(icon.pixmap(QSize(18, 18), devicePixelRatioF()));
}

bool ConnectionSettings::confirm(const QString &question) {
    return QMessageBox::question(this, tr("Remove Profile"), question,
                                 QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No) == QMessageBox::Yes;
}

} // namespace segscope::ui
