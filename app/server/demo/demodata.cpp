#include "demodata.h"

#include "demo/democatalogue.h"
#include "demo/scenepainter.h"
#include "store/stores.h"
#include "store/timestamps.h"
#include "wire/contract.h"
#include "wire/instanceid.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentMap>
#include <QUuid>

Q_LOGGING_CATEGORY(lcDemo, "segscope.server.demo", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

constexpr quint32 kSeedBase = 20261127;
const QString kStreetScenes = u"street-scenes"_s;
const QString kStreetShapes = u"street-shapes"_s;
const QString kStreetSequences = u"street-sequences"_s;
constexpr int kSequences = 3;
constexpr int kSequenceFrames = 12;
constexpr int kPanPerFrame = 24; //!< pixels the camera moves right from frame to frame
constexpr QSize kFrameSize(960, 540);

//! One generated scene, encoded: what the database and asset store need of it.
struct EncodedScene {
    int index = 0;
    QByteArray jpeg;
    QByteArray bitmap;
    QByteArray predictedBitmap;
    QList<SceneInstance> instances;
    QList<SceneInstance> predictedInstances;
    QString weather;
};

QByteArray encode(const QImage &image, const char *format, int quality = -1) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, quality);
    return bytes;
}

EncodedScene makeScene(int index) {
    const GeneratedScene scene = generateScene(kSeedBase + quint32(index));
    EncodedScene e;
    e.index = index;
    e.jpeg = encode(scene.photo, "JPG", 88);
    e.bitmap = encode(scene.idMap, "PNG");
    e.predictedBitmap = encode(scene.predictedIdMap, "PNG");
    e.instances = scene.instances;
    e.predictedInstances = scene.predictedInstances;
    e.weather = scene.weather;
    return e;
}

QString text(const QJsonValue &v) {
    return QString::fromUtf8(v.isArray()
                                 ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

QJsonArray bitmapAnnotations(const QList<SceneInstance> &instances) {
    QJsonArray out;
    for (const SceneInstance &i : instances) {
        QJsonObject a{{"id"_L1, i.id}, {"category_id"_L1, i.categoryId}};
        if (!i.attributes.isEmpty())
            a.insert("attributes"_L1, i.attributes);
        out.append(a);
    }
    return out;
}

QJsonObject bitmapLabel(const QList<SceneInstance> &instances, const QString &bitmapUrl) {
    return QJsonObject{
        {"format_version"_L1, u"0.1"_s},
        {"annotations"_L1, bitmapAnnotations(instances)},
        {"segmentation_bitmap"_L1,
         QJsonObject{{"url"_L1, bitmapUrl.isEmpty() ? QJsonValue() : QJsonValue(bitmapUrl)}}},
        {"image_attributes"_L1, QJsonObject{}}};
}

//! A label status for sample i: a fixed, plausible mix of the workflow's states. Sample 0 (the
//! first listed by name, where the browser opens) is labeled, so the demo opens on a label.
QString statusFor(int i) {
    static const char *const mix[20] = {"LABELED",
                                        "UNLABELED",
                                        "PRELABELED",
                                        "PRELABELED",
                                        "UNLABELED",
                                        "LABELED",
                                        "LABELED",
                                        "LABELED",
                                        "LABELED",
                                        "LABELED",
                                        "REVIEWED",
                                        "REVIEWED",
                                        "REVIEWED",
                                        "REVIEWED",
                                        "REVIEWED",
                                        "REJECTED",
                                        "REJECTED",
                                        "SKIPPED",
                                        "LABELING_IN_PROGRESS",
                                        "VERIFIED"};
    return QString::fromLatin1(mix[(i * 7) % 20]);
}

QJsonObject metadataFor(int i, const QString &weather) {
    static const char *const cities[] = {"Ghent",    "Leuven", "Antwerp",
                                         "Brussels", "Bruges", "Liège"};
    static const char *const times[] = {"morning", "noon", "afternoon", "evening"};
    QRandomGenerator rng(kSeedBase ^ quint32(i * 2654435761u));
    return QJsonObject{{"weather"_L1, weather},
                       {"city"_L1, QString::fromUtf8(cities[rng.bounded(6)])},
                       {"time_of_day"_L1, weather == "dusk"_L1
                                              ? u"evening"_s
                                              : QString::fromLatin1(times[rng.bounded(3)])},
                       {"speed_kmh"_L1, 10 + rng.bounded(60)},
                       {"camera"_L1, i % 3 == 0 ? u"front-wide"_s : u"front-narrow"_s}};
}

//! Inserts rows with one prepared statement each: the demo and scale datasets are written in
//! bulk, far faster than one request-shaped insert at a time.
class BulkWriter {
public:
    explicit BulkWriter(Database &db)
        : m_sample(db.handle())
        , m_label(db.handle()) {
        m_sample.prepare(u"INSERT INTO samples (uuid, dataset_id, name, metadata, attributes, "
                         u"priority, created_at, created_by, gt_updated_at) "
                         u"VALUES (?, ?, ?, ?, ?, ?, ?, 'demo', ?)"_s);
        m_label.prepare(
            u"INSERT INTO labels (sample_id, labelset_id, label_type, status, attributes, "
            u"score, created_at, created_by, updated_at, updated_by, reviewed_at, "
            u"reviewed_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'demo', ?, 'demo', ?, ?)"_s);
    }

    qint64 sample(qint64 datasetId, const QString &name, const QJsonObject &metadata,
                  const QString &attributes, double priority, const QString &createdAt,
                  const QString &gtUpdatedAt) {
        m_sample.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
        m_sample.addBindValue(datasetId);
        m_sample.addBindValue(name);
        m_sample.addBindValue(text(metadata));
        m_sample.addBindValue(attributes);
        m_sample.addBindValue(priority);
        m_sample.addBindValue(createdAt);
        m_sample.addBindValue(gtUpdatedAt.isNull() ? u""_s : gtUpdatedAt);
        check(m_sample);
        return m_sample.lastInsertId().toLongLong();
    }

    void label(qint64 sampleId, qint64 labelsetId, const QString &type, const QString &status,
               const QString &attributes, std::optional<double> score, const QString &time) {
        const bool reviewed =
            status == "REVIEWED"_L1 || status == "REJECTED"_L1 || status == "VERIFIED"_L1;
        m_label.addBindValue(sampleId);
        m_label.addBindValue(labelsetId);
        m_label.addBindValue(type);
        m_label.addBindValue(status);
        m_label.addBindValue(attributes);
        m_label.addBindValue(score ? QVariant(*score) : QVariant());
        m_label.addBindValue(time);
        m_label.addBindValue(time);
        m_label.addBindValue(reviewed ? QVariant(time) : QVariant());
        m_label.addBindValue(reviewed ? QVariant(u"demo"_s) : QVariant());
        check(m_label);
    }

private:
    static void check(QSqlQuery &q) {
        if (!q.exec())
            throw StorageError(q.lastError().text(), false);
    }

    QSqlQuery m_sample;
    QSqlQuery m_label;
};

QString timeAfter(const QDateTime &start, qint64 seconds) {
    return wire::formatTime(start.addSecs(seconds));
}

//! The scenes' assets: encoded once, stored once, shared by every demo dataset.
struct ScenePool {
    QList<EncodedScene> scenes;
    QStringList imageUrls, bitmapUrls, predictedUrls;
};

ScenePool makePool(Stores &stores, const UserRecord &demo, int count) {
    QList<int> indexes(count);
    std::iota(indexes.begin(), indexes.end(), 1);
    ScenePool pool;
    pool.scenes = QtConcurrent::blockingMapped(indexes, makeScene);
    for (const EncodedScene &s : std::as_const(pool.scenes)) {
        const QString stem = u"scene_%1"_s.arg(s.index, 4, 10, QChar(u'0'));
        pool.imageUrls.append(stores.assets.add(demo, stem + u".jpg"_s, s.jpeg));
        pool.bitmapUrls.append(stores.assets.add(demo, stem + u"_label.png"_s, s.bitmap));
        pool.predictedUrls.append(
            stores.assets.add(demo, stem + u"_prediction.png"_s, s.predictedBitmap));
    }
    return pool;
}

DatasetRow createDataset(Stores &stores, const UserRecord &demo, const QString &name,
                         const QString &taskType, const QJsonObject &taskAttributes,
                         const QString &description, const QString &readme) {
    // The demo's own values, stored without a request (and so without a route's checks).
    wire::Dataset d;
    d.name = name;
    d.description = description;
    d.taskType = taskType;
    wire::JsonError error;
    d.taskAttributes = wire::readValue<wire::TaskAttributes>(taskAttributes, &error);
    Q_ASSERT(d.taskAttributes);
    d.category = u"street_scenery"_s;
    d.readme = readme;
    d.isPublic = false;
    return stores.datasets.create(demo, d);
}

void makeStreetScenes(Stores &stores, const UserRecord &demo, const ScenePool &pool) {
    const DatasetRow ds = createDataset(
        stores, demo, kStreetScenes, u"segmentation-bitmap"_s, demoTaskAttributes(),
        u"Drawn street scenes with segmentation bitmaps: the Segscope demo."_s,
        u"# Street scenes\n\nGenerated street scenes with ground-truth segmentation bitmaps and "
        u"a `predictions` labelset of imperfect masks. Every sample is drawn from a seed, so every "
        u"machine gets the same data."_s);
    const LabelsetRow gt = stores.datasets.labelset(ds.id, wire::DefaultLabelset);
    const LabelsetRow predictions = stores.datasets.createLabelset(
        ds.id, wire::Labelset{u"predictions"_s, u"Masks from a (pretend) model"_s, false, {}});
    // The reviewer's notes on the first rejected samples, so the viewer has open issues to show.
    static const char *const rejections[] = {
        "The sidewalk mask bleeds into the road along the kerb.",
        "Two cars share one instance; split them.",
        "The pole on the right is only half masked.",
    };
    qsizetype issuesMade = 0;
    BulkWriter writer(stores.db);
    const QDateTime start = QDateTime(QDate(2026, 11, 2), QTime(8, 0), Qt::UTC);
    for (qsizetype i = 0; i < pool.scenes.size(); ++i) {
        const EncodedScene &scene = pool.scenes.at(i);
        const QString status = statusFor(int(i));
        const QString labelTime =
            status == "UNLABELED"_L1 ? QString() : timeAfter(start, 86400 + i * 431);
        const QJsonObject attrs{{"image"_L1, QJsonObject{{"url"_L1, pool.imageUrls.at(i)}}}};
        const qint64 id =
            writer.sample(ds.id, u"scene_%1.jpg"_s.arg(scene.index, 4, 10, QChar(u'0')),
                          metadataFor(int(i), scene.weather), text(attrs), double((i * 37) % 10),
                          timeAfter(start, i * 60), labelTime);
        if (status != "UNLABELED"_L1) {
            const bool skipped = status == "SKIPPED"_L1;
            writer.label(id, gt.id, ds.value.taskType, status,
                         text(bitmapLabel(skipped ? QList<SceneInstance>() : scene.instances,
                                          skipped ? QString() : pool.bitmapUrls.at(i))),
                         std::nullopt, labelTime);
        }
        if (status == "REJECTED"_L1 && issuesMade < qsizetype(std::size(rejections))) {
            wire::Issue issue;
            issue.description = QString::fromUtf8(rejections[issuesMade++]);
            issue.status = u"OPEN"_s;
            stores.issues.create(StoredSample{id, ds.id, {}}, issue, u"demo"_s,
                                 timeAfter(start, 86400 + i * 431 + 90));
        }
        if (i % 5 != 4) { // predictions on most samples, not all
            writer.label(id, predictions.id, ds.value.taskType, u"PRELABELED"_s,
                         text(bitmapLabel(scene.predictedInstances, pool.predictedUrls.at(i))),
                         0.55 + 0.4 * double((i * 13) % 100) / 100.0,
                         timeAfter(start, 3600 + i * 60));
        }
    }
}

void makeStreetShapes(Stores &stores, const UserRecord &demo, const ScenePool &pool) {
    QJsonObject ta = demoTaskAttributes();
    QJsonArray things;
    for (const QJsonValue &c : ta.value("categories"_L1).toArray()) {
        if (c.toObject().value("has_instances"_L1).toBool())
            things.append(c);
    }
    ta.insert("categories"_L1, things);
    const DatasetRow ds = createDataset(
        stores, demo, kStreetShapes, u"vector"_s, ta,
        u"The same streets with boxes and polygons: vector labels."_s,
        u"# Street shapes\n\nBounding boxes for cars and signs, polygons for people and bicycles."_s);
    const LabelsetRow gt = stores.datasets.labelset(ds.id, wire::DefaultLabelset);
    BulkWriter writer(stores.db);
    const QDateTime start = QDateTime(QDate(2026, 11, 3), QTime(9, 0), Qt::UTC);
    const qsizetype count = std::min<qsizetype>(pool.scenes.size(), 60);
    for (qsizetype i = 0; i < count; ++i) {
        const EncodedScene &scene = pool.scenes.at(i);
        const QJsonObject attrs{{"image"_L1, QJsonObject{{"url"_L1, pool.imageUrls.at(i)}}}};
        const QString time = timeAfter(start, i * 97);
        const qint64 id = writer.sample(
            ds.id, u"shapes_%1.jpg"_s.arg(scene.index, 4, 10, QChar(u'0')),
            metadataFor(int(i), scene.weather), text(attrs), 0, timeAfter(start, i * 60), time);
        if (i % 6 == 5)
            continue; // unlabeled
        QJsonArray annotations;
        for (const SceneInstance &inst : scene.instances) {
            if (inst.categoryId < 5)
                continue;
            QJsonArray points;
            QString type;
            if (inst.categoryId == 6 || inst.categoryId == 7) {
                type = u"polygon"_s;
                for (const QPointF &p : inst.outline)
                    points.append(QJsonArray{p.x(), p.y()});
            } else {
                type = u"bbox"_s;
                const QRect b = inst.boundingBox;
                points = QJsonArray{QJsonArray{b.left(), b.top()},
                                    QJsonArray{b.right() + 1, b.bottom() + 1}};
            }
            QJsonObject a{{"id"_L1, inst.id},
                          {"category_id"_L1, inst.categoryId},
                          {"type"_L1, type},
                          {"points"_L1, points}};
            if (!inst.attributes.isEmpty())
                a.insert("attributes"_L1, inst.attributes);
            annotations.append(a);
        }
        const QJsonObject label{{"format_version"_L1, u"0.1"_s}, {"annotations"_L1, annotations}};
        writer.label(id, gt.id, ds.value.taskType, i % 4 == 0 ? u"REVIEWED"_s : u"LABELED"_s,
                     text(label), std::nullopt, time);
    }
}

void makeScale(Stores &stores, const UserRecord &demo, const ScenePool &pool, int count) {
    const DatasetRow ds = createDataset(
        stores, demo, u"scale-%1"_s.arg(count), u"segmentation-bitmap"_s, demoTaskAttributes(),
        u"%1 samples over a pool of the demo scenes, for scale benchmarks."_s.arg(count),
        QString());
    const LabelsetRow gt = stores.datasets.labelset(ds.id, wire::DefaultLabelset);
    BulkWriter writer(stores.db);
    const QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    QStringList labelTexts, attrTexts;
    for (qsizetype p = 0; p < pool.scenes.size(); ++p) {
        labelTexts.append(text(bitmapLabel(pool.scenes.at(p).instances, pool.bitmapUrls.at(p))));
        attrTexts.append(
            text(QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, pool.imageUrls.at(p)}}}}));
    }
    for (int i = 0; i < count; ++i) {
        const qsizetype p = i % pool.scenes.size();
        const QString status = statusFor(i);
        const QString labelTime = status == "UNLABELED"_L1 ? QString() : timeAfter(start, i + 3600);
        const qint64 id = writer.sample(ds.id, u"frame_%1.jpg"_s.arg(i, 7, 10, QChar(u'0')),
                                        metadataFor(i, pool.scenes.at(p).weather), attrTexts.at(p),
                                        double(i % 10), timeAfter(start, i), labelTime);
        if (status != "UNLABELED"_L1)
            writer.label(id, gt.id, ds.value.taskType, status,
                         status == "SKIPPED"_L1 ? text(bitmapLabel({}, {})) : labelTexts.at(p),
                         std::nullopt, labelTime);
    }
}

//! One frame of a demo sequence, encoded, with the annotations of the instances it shows.
struct EncodedFrame {
    QByteArray jpeg;
    QByteArray bitmap;
    QJsonArray annotations;
};

//! A sequence: a street scene wider than a frame, seen through a window that pans right, so
//! everything in it moves left from frame to frame and leaves at the edge. Each frame's bitmap
//! is the same window of the scene's id map, so an instance keeps its id (its track) throughout.
QList<EncodedFrame> makeSequenceFrames(int sequence) {
    const QSize sceneSize(kFrameSize.width() + (kSequenceFrames - 1) * kPanPerFrame,
                          kFrameSize.height());
    const GeneratedScene scene =
        generateScene(kSeedBase + 7919u * quint32(sequence + 1), sceneSize);
    QList<int> frames(kSequenceFrames);
    std::iota(frames.begin(), frames.end(), 0);
    return QtConcurrent::blockingMapped<QList<EncodedFrame>>(frames, [&scene](int f) {
        const QRect window(f * kPanPerFrame, 0, kFrameSize.width(), kFrameSize.height());
        EncodedFrame e;
        e.jpeg = encode(scene.photo.copy(window), "JPG", 85);
        const QImage ids = scene.idMap.copy(window);
        e.bitmap = encode(ids, "PNG");
        QSet<quint32> shown;
        for (int y = 0; y < ids.height(); ++y) {
            const uchar *px = ids.constScanLine(y); // RGBA8888: R, G, B, A
            for (int x = 0; x < ids.width(); ++x, px += 4)
                shown.insert(wire::instanceIdFromRgb(px[0], px[1], px[2]));
        }
        for (const SceneInstance &i : scene.instances) {
            if (!shown.contains(quint32(i.id)))
                continue;
            QJsonObject a{{"id"_L1, i.id}, {"category_id"_L1, i.categoryId}, {"track_id"_L1, i.id}};
            if (!i.attributes.isEmpty())
                a.insert("attributes"_L1, i.attributes);
            e.annotations.append(a);
        }
        return e;
    });
}

void makeStreetSequences(Stores &stores, const UserRecord &demo) {
    const DatasetRow ds = createDataset(
        stores, demo, kStreetSequences, u"image-segmentation-sequence"_s, demoTaskAttributes(),
        u"Short drives through the street scenes: image sequences with a bitmap per frame."_s,
        u"# Street sequences\n\nThree drives of %1 frames each, the camera panning along a "
        u"street. Every frame has its own segmentation bitmap; an object keeps its id (its "
        u"track) from frame to frame."_s.arg(kSequenceFrames));
    const LabelsetRow gt = stores.datasets.labelset(ds.id, wire::DefaultLabelset);
    BulkWriter writer(stores.db);
    const QDateTime start = QDateTime(QDate(2026, 11, 4), QTime(10, 0), Qt::UTC);
    static const char *const statuses[kSequences] = {"REVIEWED", "LABELED", "PRELABELED"};
    for (int s = 0; s < kSequences; ++s) {
        const QList<EncodedFrame> frames = makeSequenceFrames(s);
        QJsonArray sampleFrames, labelFrames;
        for (int f = 0; f < frames.size(); ++f) {
            const QString stem =
                u"drive_%1_frame_%2"_s.arg(s + 1, 2, 10, QChar(u'0')).arg(f, 2, 10, QChar(u'0'));
            const QString image = stores.assets.add(demo, stem + u".jpg"_s, frames.at(f).jpeg);
            const QString bitmap =
                stores.assets.add(demo, stem + u"_label.png"_s, frames.at(f).bitmap);
            sampleFrames.append(QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, image}}},
                                            {"name"_L1, u"frame_%1"_s.arg(f, 2, 10, QChar(u'0'))},
                                            {"timestamp"_L1, f / 10.0}});
            labelFrames.append(
                QJsonObject{{"format_version"_L1, u"0.1"_s},
                            {"annotations"_L1, frames.at(f).annotations},
                            {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, bitmap}}},
                            {"image_attributes"_L1, QJsonObject{}},
                            {"timestamp"_L1, f / 10.0}});
        }
        const QString time = timeAfter(start, s * 900);
        const qint64 id = writer.sample(
            ds.id, u"drive_%1"_s.arg(s + 1, 2, 10, QChar(u'0')),
            QJsonObject{{"city"_L1, u"Ghent"_s}, {"frames"_L1, kSequenceFrames}},
            text(QJsonObject{{"frames"_L1, sampleFrames}}), 0, timeAfter(start, s * 60), time);
        writer.label(id, gt.id, ds.value.taskType, QString::fromLatin1(statuses[s]),
                     text(QJsonObject{{"format_version"_L1, u"0.1"_s}, {"frames"_L1, labelFrames}}),
                     std::nullopt, time);
    }
}

bool hasDataset(Stores &stores, const UserRecord &owner, const QString &name) {
    QSqlQuery q = stores.db.exec(u"SELECT 1 FROM datasets WHERE owner_id = ? AND name = ?"_s,
                                 {owner.id, name});
    return q.next();
}

} // namespace

void ensureDemoData(Stores &stores, const ServerOptions &options) {
    UserRecord demo = stores.users.find(u"demo"_s);
    if (!demo.isValid())
        demo = stores.users.create(u"demo"_s, u"demo@segscope.invalid"_s);
    const bool needScenes = !hasDataset(stores, demo, kStreetScenes);
    const QString scaleName = u"scale-%1"_s.arg(options.demoSamples);
    const bool needScale = options.demoSamples > 0 && !hasDataset(stores, demo, scaleName);
    const bool needSequences = !hasDataset(stores, demo, kStreetSequences);
    if (!needScenes && !needScale && !needSequences)
        return;
    // The pool is regenerated for a scale dataset added later; its assets are new files with
    // the same bytes, which costs disk, not correctness.
    const int scenes = needScenes || needScale
                           ? (needScenes ? options.demoImages : std::min(options.demoImages, 200))
                           : 0;
    qCInfo(lcDemo, "generating %d demo scenes (once) ...", scenes);
    stores.db.transaction([&] {
        const ScenePool pool = scenes > 0 ? makePool(stores, demo, scenes) : ScenePool{};
        if (needScenes) {
            makeStreetScenes(stores, demo, pool);
            makeStreetShapes(stores, demo, pool);
        }
        if (needScale) {
            qCInfo(lcDemo, "generating demo/%s ...", qPrintable(scaleName));
            makeScale(stores, demo, pool, options.demoSamples);
        }
        if (needSequences)
            makeStreetSequences(stores, demo);
    });
}

} // namespace segscope::server
