#include "settings/cachesettings.h"

#include "settings/appsettings.h"
#include "threading.h"

#include <QDesktopServices>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QThreadPool>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

// Every file below `directory`, symbolic links not followed (a link to $HOME is not cache).
template <class F> void forEachFile(const QString &directory, F &&f) {
    QDirIterator it(directory, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        f(it.fileInfo());
    }
}

qint64 sizeOf(const QString &directory) {
    qint64 total = 0;
    forEachFile(directory, [&](const QFileInfo &info) { total += info.size(); });
    return total;
}

QString formatSize(qint64 bytes) {
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

CacheSettings::CacheSettings(QWidget *parent)
    : QWidget(parent)
    , m_mailbox(std::make_shared<Mailbox>(this))
    , m_size(new QLabel(tr("Measuring…"), this))
    , m_max(new QSpinBox(this))
    , m_clear(new QPushButton(tr("Clear Cache…"), this)) {
    m_size->setObjectName(u"cacheSize"_s);
    m_max->setObjectName(u"cacheMaxMegabytes"_s);
    m_clear->setObjectName(u"clearCache"_s);

    auto *location = new QLabel(QDir::toNativeSeparators(directory()), this);
    location->setObjectName(u"cacheLocation"_s);
    location->setTextInteractionFlags(Qt::TextSelectableByMouse);
    location->setWordWrap(true);
    auto *open = new QPushButton(tr("Open Folder"), this);
    open->setObjectName(u"openCacheFolder"_s);
    auto *locationRow = new QHBoxLayout;
    locationRow->addWidget(location, 1);
    locationRow->addWidget(open);

    m_max->setRange(64, 1024 * 1024);
    m_max->setSingleStep(256);
    m_max->setSuffix(tr(" MB"));
    m_max->setValue(maxMegabytes());
    m_max->setToolTip(tr("Downloaded images and thumbnails together"));
    auto *maxNote = new QLabel(tr("Applied at the next connection."), this);
    maxNote->setForegroundRole(QPalette::PlaceholderText);
    auto *maxRow = new QHBoxLayout;
    maxRow->addWidget(m_max);
    maxRow->addWidget(maxNote, 1);

    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_size, 1);
    sizeRow->addWidget(m_clear);

    auto *intro = new QLabel(tr("Images are downloaded once and kept, with the thumbnails made "
                                "from them, so browsing a dataset again is fast and works with a "
                                "slow network. The oldest files go first when the cache is full."),
                             this);
    intro->setWordWrap(true);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Location:"), locationRow);
    form->addRow(tr("On disk:"), sizeRow);
    form->addRow(tr("Maximum size:"), maxRow);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addStretch();

    connect(m_max, &QSpinBox::valueChanged, this,
            [](int megabytes) { settings::CacheMaxMegabytes.set(megabytes); });
    connect(m_clear, &QPushButton::clicked, this, &CacheSettings::askAndClear);
    connect(open, &QPushButton::clicked, this, [] {
        QDir().mkpath(directory());
        QDesktopServices::openUrl(QUrl::fromLocalFile(directory()));
    });
    refresh();
}

CacheSettings::~CacheSettings() {
    m_mailbox->close();
}

int CacheSettings::maxMegabytes() {
    const int value = settings::CacheMaxMegabytes.value();
    return value > 0 ? value : settings::CacheMaxMegabytes.defaultValue();
}

QString CacheSettings::directory() {
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
}

QStringList CacheSettings::clearableDirectories() {
    // Where ApiClient and ThumbnailCache put them by default. Not `pasted/`: images pasted
    // from the clipboard wait there for their upload.
    return {directory() + u"/assets"_s, directory() + u"/thumbnails"_s};
}

CacheUsage CacheSettings::measure(const QString &dir) {
    CacheUsage usage;
    usage.total = sizeOf(dir);
    usage.assets = sizeOf(dir + u"/assets"_s);
    usage.thumbnails = sizeOf(dir + u"/thumbnails"_s);
    return usage;
}

void CacheSettings::refresh() {
    const QString dir = directory();
    threading::backgroundPool()->start([mailbox = m_mailbox, dir] {
        const CacheUsage usage = measure(dir);
        mailbox->post([usage](CacheSettings *self) { self->showUsage(usage); });
    });
}

void CacheSettings::showUsage(const CacheUsage &usage) {
    m_usage = usage;
    if (usage.total == 0) {
        m_size->setText(tr("Empty"));
    } else {
        m_size->setText(tr("%1 (downloaded images %2, thumbnails %3)")
                            .arg(formatSize(usage.total), formatSize(usage.assets),
                                 formatSize(usage.thumbnails)));
    }
    m_clear->setEnabled(usage.assets + usage.thumbnails > 0);
    emit sizeChanged();
}

void CacheSettings::askAndClear() {
    const auto answer = QMessageBox::question(
        this, tr("Clear Cache"),
        tr("Delete the downloaded images and thumbnails (%1)? They are downloaded again when "
           "needed.")
            .arg(formatSize(m_usage.assets + m_usage.thumbnails)),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer == QMessageBox::Yes)
        clear();
}

void CacheSettings::clear() {
    m_clear->setEnabled(false);
    m_size->setText(tr("Clearing…"));
    const QString dir = directory();
    const QStringList parts = clearableDirectories();
    threading::backgroundPool()->start([mailbox = m_mailbox, dir, parts] {
        // Files only: the folders stay, so a running session's caches keep working (they
        // notice a missing file as a miss and fetch it again).
        for (const QString &part : parts)
            forEachFile(part, [](const QFileInfo &info) { QFile::remove(info.filePath()); });
        const CacheUsage usage = measure(dir);
        mailbox->post([usage](CacheSettings *self) {
            self->showUsage(usage);
            emit self->cleared();
        });
    });
}

} // namespace segscope::ui
