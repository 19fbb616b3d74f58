#include "uploadcommand.h"

#include "upload/annotationfile.h"
#include "upload/typedmetadata.h"
#include "upload/uploadqueue.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;
using segscope::upload::UploadItem;
using segscope::upload::UploadQueue;
using segscope::upload::UploadSummary;

namespace segscope::cli {

namespace {

void note(const QString &message) {
    printError(u"warning: "_s + message);
}

// `photo_label.png` -> `photo_label.json`
QString annotationsPathFor(const QString &bitmapPath) {
    if (bitmapPath.endsWith(".png"_L1, Qt::CaseInsensitive))
        return bitmapPath.chopped(4) + u".json"_s;
    return bitmapPath + u".json"_s;
}

} // namespace

UploadCommand::UploadCommand(QObject *parent)
    : Command(parent) {}

UploadCommand::~UploadCommand() = default;

QString UploadCommand::summary() const {
    return u"Add image files to a dataset as samples, with optional labels"_s;
}

void UploadCommand::addOptions(QCommandLineParser &parser) {
    parser.addPositionalArgument(u"OWNER/NAME"_s, u"The dataset."_s);
    parser.addPositionalArgument(u"FILE"_s,
                                 u"JPEG, PNG or BMP images; each becomes a sample "
                                 u"named after its file."_s,
                                 u"FILE..."_s);
    parser.addOption({u"metadata"_s,
                      u"Metadata of every sample (repeatable). Numbers and true/false are "
                      u"typed, anything else is a string."_s,
                      u"K=V"_s});
    parser.addOption(
        {u"labelset"_s, u"Put a label in this labelset (needs --bitmap-suffix)."_s, u"NAME"_s});
    parser.addOption({u"bitmap-suffix"_s,
                      u"For photo.jpg, the bitmap is photo<SUFFIX> and its annotations the same "
                      u"name ending in .json (e.g. _label.png: photo_label.png, "
                      u"photo_label.json). Without the JSON no label is put."_s,
                      u"SUFFIX"_s});
    parser.addOption({u"concurrency"_s, u"Files uploaded at once (default 3)."_s, u"N"_s});
}

QJsonValue UploadCommand::typedValue(const QString &text) {
    return upload::TypedMetadata::inferValue(text);
}

QString UploadCommand::readOptions(const QCommandLineParser &parser) {
    QStringList args = parser.positionalArguments();
    if (args.size() < 2)
        return u"upload takes a dataset OWNER/NAME and at least one FILE"_s;
    m_dataset = args.takeFirst();
    const QStringList parts = m_dataset.split(u'/');
    if (parts.size() != 2 || parts.at(0).isEmpty() || parts.at(1).isEmpty())
        return u"expected a dataset as OWNER/NAME, got \"%1\""_s.arg(m_dataset);
    const QStringList metadata = parser.values(u"metadata"_s);
    upload::TypedMetadata typed;
    for (const QString &kv : metadata) {
        const qsizetype eq = kv.indexOf(u'=');
        if (eq <= 0)
            return u"a metadata value is KEY=VALUE, got \"%1\""_s.arg(kv);
        if (const QString error = typed.add(kv.left(eq), kv.mid(eq + 1)); !error.isEmpty())
            return u"--metadata %1: %2"_s.arg(kv, error);
    }
    m_metadata = typed.values();
    m_labelset = parser.value(u"labelset"_s);
    m_bitmapSuffix = parser.value(u"bitmap-suffix"_s);
    if (parser.isSet(u"labelset"_s) != parser.isSet(u"bitmap-suffix"_s))
        return u"--labelset and --bitmap-suffix go together"_s;
    if (parser.isSet(u"labelset"_s) && (m_labelset.isEmpty() || m_bitmapSuffix.isEmpty()))
        return u"--labelset and --bitmap-suffix need a value"_s;
    if (parser.isSet(u"concurrency"_s)) {
        bool ok = false;
        m_concurrency = parser.value(u"concurrency"_s).toInt(&ok);
        if (!ok || m_concurrency < 1 || m_concurrency > 16)
            return u"--concurrency needs a number from 1 to 16, got \"%1\""_s.arg(
                parser.value(u"concurrency"_s));
    }
    const QString jsonSuffix = annotationsPathFor(m_bitmapSuffix);
    for (const QString &arg : std::as_const(args)) {
        // The bitmaps and annotations of other files, when a glob named them too.
        if (!m_bitmapSuffix.isEmpty() && (arg.endsWith(m_bitmapSuffix) || arg.endsWith(jsonSuffix)))
            continue;
        FileArgument file;
        file.argument = arg;
        file.path = QFileInfo(arg).absoluteFilePath();
        m_files.append(file);
    }
    if (m_files.isEmpty())
        return u"no image among the files (all are label files of --bitmap-suffix)"_s;
    return {};
}

QString UploadCommand::stateFilePath() {
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
           u"/upload-queue-cli.json"_s;
}

void UploadCommand::findLabel(FileArgument &file) const {
    const QFileInfo info(file.path);
    const QString bitmap = info.dir().filePath(info.completeBaseName() + m_bitmapSuffix);
    if (!QFileInfo::exists(bitmap)) {
        note(u"%1: no %2, uploaded without a label"_s.arg(file.argument,
                                                          QFileInfo(bitmap).fileName()));
        return;
    }
    const QString json = annotationsPathFor(bitmap);
    if (!QFileInfo::exists(json)) {
        note(u"%1: no %2 for %3, uploaded without a label"_s.arg(
            file.argument, QFileInfo(json).fileName(), QFileInfo(bitmap).fileName()));
        return;
    }
    if (const auto annotations = upload::AnnotationFile::read(json, &file.labelError)) {
        file.labelAttributes = annotations->labelAttributes();
        file.bitmapPath = bitmap;
    }
}

void UploadCommand::start(api::ApiClient &client) {
    const QString stateFile = stateFilePath();
    QDir().mkpath(QFileInfo(stateFile).absolutePath());
    m_lock = std::make_unique<QLockFile>(stateFile + u".lock"_s);
    if (!m_lock->tryLock(0))
        return fail(u"another segscope upload is running (lock file %1)"_s.arg(m_lock->fileName()));
    m_queue = std::make_unique<UploadQueue>(client, stateFile);
    m_queue->setConcurrency(m_concurrency);
    connect(m_queue.get(), &UploadQueue::itemChanged, this, [this](const QString &id) {
        if (const auto item = m_queue->item(id); item && item->isFinished())
            printFinished(*item);
    });
    connect(m_queue.get(), &UploadQueue::idle, this, &UploadCommand::onIdle);
    resumeOrEnqueue();
    m_queue->start();
}

// The state file holds the previous run when it was killed: its items for the files named again
// resume (or report how they ended), the others are forgotten.
void UploadCommand::resumeOrEnqueue() {
    QSet<QString> reused;
    const QList<UploadItem> previous = m_queue->items();
    int forgotten = 0;
    for (const UploadItem &item : previous) {
        auto it = std::find_if(m_files.begin(), m_files.end(), [&](const FileArgument &f) {
            return f.id.isEmpty() && f.path == item.filePath && item.dataset == m_dataset;
        });
        if (it == m_files.end()) {
            forgotten += item.isFinished() ? 0 : 1;
            m_queue->remove(item.id);
            continue;
        }
        it->id = item.id;
        m_argumentOf.insert(item.id, it->argument);
    }
    if (forgotten > 0)
        note(u"forgot %1 unfinished uploads of an interrupted run that named other files"_s.arg(
            forgotten));
    for (FileArgument &file : m_files) {
        if (!file.id.isEmpty()) {
            if (const auto item = m_queue->item(file.id); item && item->isFinished())
                printFinished(*item);
            continue;
        }
        if (!m_labelset.isEmpty())
            findLabel(file);
        if (!file.labelError.isEmpty()) {
            ++m_failedBeforeStart;
            out().write(u"failed %1: %2\n"_s.arg(file.argument, file.labelError).toUtf8());
            out().flush();
            continue;
        }
        UploadItem item;
        item.dataset = m_dataset;
        item.filePath = file.path;
        item.metadata = m_metadata;
        if (!file.bitmapPath.isEmpty()) {
            item.labelset = m_labelset;
            item.bitmapPath = file.bitmapPath;
            item.labelAttributes = file.labelAttributes;
        }
        file.id = m_queue->enqueue(item);
        m_argumentOf.insert(file.id, file.argument);
    }
}

void UploadCommand::printFinished(const UploadItem &item) {
    if (m_printed.contains(item.id))
        return;
    m_printed.insert(item.id);
    const QString name = m_argumentOf.value(item.id, item.sampleName);
    QString line;
    switch (item.state) {
    case UploadItem::State::Done:
        line = u"added %1 %2"_s.arg(name, item.sampleUuid);
        break;
    case UploadItem::State::Skipped:
        line = u"skipped %1: %2"_s.arg(name, item.error);
        break;
    case UploadItem::State::Failed:
        line = u"failed %1: %2"_s.arg(name, item.error);
        break;
    default:
        line = u"cancelled %1"_s.arg(name);
        break;
    }
    out().write((line + u'\n').toUtf8());
    out().flush();
}

void UploadCommand::onIdle(const UploadSummary &summary) {
    const int failed = summary.failed + m_failedBeforeStart;
    QString line =
        u"%1 added, %2 skipped, %3 failed"_s.arg(summary.added).arg(summary.skipped).arg(failed);
    if (summary.cancelled > 0)
        line += u", %1 cancelled"_s.arg(summary.cancelled);
    out().write((line + u'\n').toUtf8());
    out().flush();
    // The run ended: nothing to resume. Out of the queue's signal before it is destroyed.
    QTimer::singleShot(0, this, [this, code = failed > 0 ? ExitFailure : ExitOk] {
        const QString stateFile = m_queue->stateFile();
        m_queue.reset();
        QFile::remove(stateFile);
        m_lock->unlock();
        emit finished(code);
    });
}

} // namespace segscope::cli
