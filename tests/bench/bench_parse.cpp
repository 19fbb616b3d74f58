// Parse a 1000-sample page (with label summaries) into values: QJsonDocument + readList<Sample>.
// Prints the median over 50 runs. Target: under 5 ms. Run a release build:
//   cmake --preset release && cmake --build --preset release --target bench_parse
//   ./build/release/bin/bench_parse
#include "wire/sample.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace segscope::wire;

namespace {

constexpr int Samples = 1000;
constexpr int Runs = 50;

// A page as the real service sends it with `labelset=ground-truth`.
QByteArray buildPage() {
    static const char *statuses[] = {"LABELED", "REVIEWED", "PRELABELED", "LABELING_IN_PROGRESS"};
    QJsonArray page;
    for (int i = 0; i < Samples; ++i) {
        const QString uuid = u"0b2b1c44-0c2f-4a38-9f2b-%1"_s.arg(i, 12, 10, QChar(u'0'));
        page.append(QJsonObject{
            {"uuid"_L1, uuid},
            {"name"_L1, u"street_scene_%1.jpg"_s.arg(i, 6, 10, QChar(u'0'))},
            {"metadata"_L1, QJsonObject{{"weather"_L1, i % 3 ? u"sun"_s : u"rain"_s},
                                        {"speed"_L1, 12.5 + i},
                                        {"camera"_L1, u"front-left"_s}}},
            {"created_at"_L1, u"2026-11-27T10:20:30.123456Z"_s},
            {"created_by"_L1, u"demo"_s},
            {"priority"_L1, double(i % 10)},
            {"attributes"_L1,
             QJsonObject{
                 {"image"_L1,
                  QJsonObject{{"url"_L1, u"https://segmentsai-prod.s3.eu-west-2."
                                         u"amazonaws.com/assets/demo/%1.jpg"_s.arg(uuid)}}}}},
            {"readme"_L1, u""_s},
            {"assigned_labeler"_L1, QJsonValue()},
            {"assigned_reviewer"_L1, i % 2 ? QJsonValue(u"ann"_s) : QJsonValue()},
            {"label"_L1, QJsonObject{{"label_status"_L1, QLatin1StringView(statuses[i % 4])},
                                     {"score"_L1, 0.5 + (i % 50) / 100.0},
                                     {"updated_at"_L1, u"2026-11-27T11:00:00.000Z"_s},
                                     {"created_by"_L1, u"demo"_s},
                                     {"reviewed_by"_L1, QJsonValue()}}}});
    }
    return QJsonDocument(page).toJson(QJsonDocument::Compact);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

} // namespace

int main() {
    const QByteArray json = buildPage();
    std::vector<double> parseMs, readMs, totalMs;
    for (int run = 0; run < Runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const QJsonDocument doc = QJsonDocument::fromJson(json);
        const qint64 parsed = timer.nsecsElapsed();
        JsonError error;
        const QList<Sample> samples = readList<Sample>(doc.array(), &error);
        const qint64 read = timer.nsecsElapsed();
        if (error.isSet() || samples.size() != Samples || !samples.last().label) {
            std::fprintf(stderr, "bench_parse: bad page: %s\n", qPrintable(error.toString()));
            return 1;
        }
        parseMs.push_back(parsed / 1e6);
        readMs.push_back((read - parsed) / 1e6);
        totalMs.push_back(read / 1e6);
    }
    std::printf("bench_parse: %d samples, %.0f KiB of JSON, median of %d runs\n", Samples,
                json.size() / 1024.0, Runs);
    std::printf("  QJsonDocument::fromJson   %7.3f ms\n", median(parseMs));
    std::printf("  readList<Sample>          %7.3f ms\n", median(readMs));
    std::printf("  total                     %7.3f ms  (target < 5 ms)\n", median(totalMs));
    return 0;
}
