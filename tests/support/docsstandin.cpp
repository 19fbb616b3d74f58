#include "docsstandin.h"

#include "testdata.h"
#include "uploadfiles.h"

#include <QDir>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace segscope::test {

namespace {

QJsonValue fixture(const QString &name) {
    const QJsonDocument doc = QJsonDocument::fromJson(readData(u"api/"_s + name));
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

Fault json(const QJsonValue &v) {
    const QByteArray body = v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                            : v.isNull()
                                ? QByteArray("null")
                                : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    return Fault::json(200, body);
}

Fault notFound() {
    Fault f = Fault::json(404, R"({"detail":"Not found."})");
    f.reason = "Not Found";
    return f;
}

// Replaces every string equal to `from` anywhere in `v`.
QJsonValue replaced(const QJsonValue &v, const QString &from, const QString &to) {
    if (v.isString())
        return v.toString() == from ? QJsonValue(to) : v;
    if (v.isArray()) {
        QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            a.replace(i, replaced(a.at(i), from, to));
        return a;
    }
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = replaced(it.value(), from, to);
        return o;
    }
    return v;
}

QImage testImage(QColor tint) {
    QImage image(64, 48, QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            image.setPixel(x, y, qRgb(tint.red() / 2 + x, tint.green() / 2 + y, tint.blue() / 2));
    }
    return image;
}

} // namespace

DocsStandIn::DocsStandIn() {
    m_user = fixture(u"sdk/user-minimal.json"_s).toObject();
    m_labelset = fixture(u"sdk/labelset-minimal.json"_s).toObject();
    // The SDK's fullest dataset, with the category the documentation's label uses (id 0).
    m_dataset = fixture(u"sdk/dataset-complete.json"_s).toObject();
    QJsonObject task = m_dataset.value("task_attributes"_L1).toObject();
    QJsonArray categories = task.value("categories"_L1).toArray();
    categories.prepend(
        QJsonObject{{"id"_L1, 0}, {"name"_L1, u"flower"_s}, {"color"_L1, QJsonArray{255, 0, 0}}});
    task.insert("categories"_L1, categories);
    m_dataset.insert("task_attributes"_L1, task);

    m_samples.append(fixture(u"docs/get-sample.json"_s));
    m_samples.append(fixture(u"sdk/sample-minimal.json"_s));
    for (const QString &kind : {u"image-sequence"_s, u"pointcloud"_s, u"pointcloud-sequence"_s,
                                u"multisensor"_s, u"text"_s}) {
        QJsonObject s = fixture(u"sdk/sample-"_s + kind + u".json"_s).toObject();
        s.remove("label"_L1); // lists carry no full label; GET /labels/ answers 404 for these
        m_samples.append(s);
    }
    // The SDK's fixture says "3"; the stand-in lists more.
    m_dataset.insert("samples_count"_L1, QString::number(m_samples.size()));
    m_docsLabel = fixture(u"docs/get-label.json"_s).toObject();
    m_sdkLabel = fixture(u"sdk/label-minimal.json"_s).toObject();

    const QRect instance = instanceRect();
    const auto id = [instance](int x, int y) -> quint32 {
        return instance.contains(x, y) ? 1 : 0;
    };
    m_assets.insert(u"image.png"_s, encodeImage(testImage(Qt::darkGreen), "PNG"));
    m_assets.insert(u"rose.jpg"_s, encodeImage(testImage(Qt::darkRed), "JPG", 95));
    m_assets.insert(u"f0.jpg"_s, encodeImage(testImage(Qt::darkBlue), "JPG", 95));
    m_assets.insert(u"f1.jpg"_s, encodeImage(testImage(Qt::darkCyan), "JPG", 95));
    m_assets.insert(u"label.png"_s, idPng(64, 48, id));
    m_server.setResponder([this](const RecordedRequest &r) { return answer(r); });
}

bool DocsStandIn::listen() {
    if (!m_server.listen())
        return false;
    pointAtSelf();
    return true;
}

QString DocsStandIn::asset(const QString &name) const {
    return m_server.url(u"/assets/"_s + name).toString();
}

// The fixtures' URLs (example.com, S3) become this server's, so the images are real files.
void DocsStandIn::pointAtSelf() {
    const QList<std::pair<QString, QString>> urls{
        {u"https://example.com/image.png"_s, asset(u"image.png"_s)},
        {u"https://example.com/rose.jpg"_s, asset(u"rose.jpg"_s)},
        {u"https://example.com/f0.jpg"_s, asset(u"f0.jpg"_s)},
        {u"https://example.com/f1.jpg"_s, asset(u"f1.jpg"_s)},
        {u"https://example.com/rose-label.png"_s, asset(u"label.png"_s)},
        {m_docsLabel.value("attributes"_L1)["segmentation_bitmap"_L1]["url"_L1].toString(),
         asset(u"label.png"_s)}};
    for (const auto &[from, to] : urls) {
        m_samples = replaced(m_samples, from, to).toArray();
        m_docsLabel = replaced(m_docsLabel, from, to).toObject();
        m_sdkLabel = replaced(m_sdkLabel, from, to).toObject();
    }
}

QJsonObject DocsStandIn::sample(const QString &uuid) const {
    for (const QJsonValue &s : m_samples) {
        if (s["uuid"_L1].toString() == uuid)
            return s.toObject();
    }
    return {};
}

QJsonValue DocsStandIn::label(const QString &uuid) const {
    if (uuid == DocsSample)
        return m_docsLabel;
    if (uuid == SdkSample)
        return m_sdkLabel;
    return QJsonValue::Null;
}

std::optional<Fault> DocsStandIn::answer(const RecordedRequest &request) const {
    const QUrl url(QString::fromUtf8(request.target));
    const QUrlQuery query(url);
    QString path = url.path();
    if (!path.endsWith(u'/'))
        path += u'/';
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.value(0) == "assets"_L1) {
        const auto it = m_assets.constFind(parts.value(1));
        if (it == m_assets.constEnd())
            return notFound();
        return Fault::withContentType(
            200, parts.value(1).endsWith(u".png"_s) ? "image/png" : "image/jpeg", *it);
    }
    if (request.header("Authorization").isEmpty()) {
        Fault f = Fault::json(401, R"({"detail":"Authentication credentials were not provided."})");
        f.reason = "Unauthorized";
        return f;
    }
    if (request.method != "GET")
        return Fault::json(405, R"({"detail":"Method not allowed."})");
    const int page = query.queryItemValue(u"page"_s).toInt();
    const auto pageOf = [&](const QJsonArray &all) {
        return json(page <= 1 ? all : QJsonArray());
    };
    if (path == "/api_status/"_L1)
        return json(QJsonObject{});
    if (path == "/user/"_L1 || path == "/users/jane/"_L1)
        return json(m_user);
    if (path == "/user/datasets/"_L1 || path == "/users/jane/datasets/"_L1)
        return pageOf(QJsonArray{m_dataset});
    const QString ds = u"/datasets/"_s + QString(Dataset) + u'/';
    if (path == ds)
        return json(m_dataset);
    if (path == ds + u"labelsets/"_s)
        return json(QJsonArray{m_labelset});
    if (path == ds + u"labelsets/ground-truth/"_s)
        return json(m_labelset);
    if (path == ds + u"samples/"_s)
        return pageOf(m_samples);
    if (parts.value(0) == "samples"_L1 && parts.size() == 2) {
        QJsonObject s = sample(parts.value(1));
        if (s.isEmpty())
            return notFound();
        // As the SDK's get_sample(labelset=...) expects: the full label, or null.
        if (query.hasQueryItem(u"labelset"_s))
            s.insert("label"_L1, label(parts.value(1)));
        return json(s);
    }
    if (parts.value(0) == "labels"_L1 && parts.size() == 3) {
        const QJsonValue l = label(parts.value(1));
        if (l.isNull() || parts.value(2) != "ground-truth"_L1)
            return notFound();
        return json(l);
    }
    return notFound();
}

} // namespace segscope::test
