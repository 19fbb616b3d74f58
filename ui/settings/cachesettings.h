#pragma once

#include "models/mailbox.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QSpinBox;

namespace segscope::ui {

//! What the cache folder holds, in bytes.
struct CacheUsage {
    qint64 assets = 0;     //!< downloaded images (the client's disk cache)
    qint64 thumbnails = 0; //!< generated thumbnails
    qint64 total = 0;      //!< everything under the folder, the two above included
};

//! The Cache tab of the settings: where the cache lives and how big it is (measured on the
//! thread pool), its cap (applied at the next connection), and a Clear button.
class CacheSettings : public QWidget {
    Q_OBJECT

public:
    explicit CacheSettings(QWidget *parent = nullptr);
    ~CacheSettings() override;

    //! Measures the folder again; sizeChanged() follows.
    void refresh();
    //! Deletes the downloaded images and thumbnails (no question asked); cleared() follows.
    void clear();
    const CacheUsage &usage() const { return m_usage; }

    //! settings::CacheMaxMegabytes: the cap on the whole cache, in MB (its default when the
    //! stored value is not a positive number).
    static int maxMegabytes();

    //! The user cache folder (QStandardPaths::CacheLocation) and the two parts Clear empties.
    static QString directory();
    static QStringList clearableDirectories();
    //! Sums the files under `directory` (blocking: call it from the thread pool).
    static CacheUsage measure(const QString &directory);

signals:
    void sizeChanged();
    void cleared();

private:
    void showUsage(const CacheUsage &usage);
    void askAndClear();

    using Mailbox = models::Mailbox<CacheSettings>;
    std::shared_ptr<Mailbox> m_mailbox;
    CacheUsage m_usage;
    QLabel *m_size;
    QSpinBox *m_max;
    QPushButton *m_clear;
};

} // namespace segscope::ui
