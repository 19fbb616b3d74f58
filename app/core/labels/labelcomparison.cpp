#include "labelcomparison.h"

#include "bufferpool.h"
#include "overlaypainter.h"

#include <QThread>

#include <cmath>
#include <mutex>

using namespace Qt::StringLiterals;

namespace segscope::labels {

// --- CompareClasses ------------------------------------------------------------------------------

CompareClasses::CompareClasses(const wire::TaskAttributes &task) {
    append(CompareClass{BackgroundCategory, u"background"_s, QColor(0, 0, 0), true});
    for (const wire::Category &c : task.categories)
        if (find(c.id) < 0) // a duplicate id keeps its first definition, as the overlay does
            append(CompareClass{c.id, c.name, task.colorOf(c.id), true});
}

int CompareClasses::append(CompareClass c) {
    if (m_classes.size() >= MaxClasses)
        return MaxClasses - 1;
    const int slot = int(m_classes.size());
    m_slots.insert(c.categoryId, slot);
    m_classes.append(std::move(c));
    return slot;
}

int CompareClasses::find(qint64 categoryId) const {
    return m_slots.value(categoryId, -1);
}

int CompareClasses::slotOf(qint64 categoryId) {
    if (m_classes.isEmpty()) // a default-constructed table still has background first
        append(CompareClass{BackgroundCategory, u"background"_s, QColor(0, 0, 0), true});
    const int slot = find(categoryId);
    if (slot >= 0)
        return slot;
    const QList<QColor> &palette = wire::labelPalette();
    return append(CompareClass{categoryId, u"unknown (%1)"_s.arg(categoryId),
                               palette.at(m_classes.size() % palette.size()), false});
}

int CompareClasses::slotOf(const CompareClass &other) {
    if (m_classes.isEmpty())
        append(CompareClass{BackgroundCategory, u"background"_s, QColor(0, 0, 0), true});
    const int slot = find(other.categoryId);
    return slot >= 0 ? slot : append(other);
}

// --- ConfusionMatrix -----------------------------------------------------------------------------

qint64 ConfusionMatrix::at(int referenceSlot, int candidateSlot) const {
    const qsizetype n = classes.count();
    if (referenceSlot < 0 || candidateSlot < 0 || referenceSlot >= n || candidateSlot >= n)
        return 0;
    const size_t i = size_t(referenceSlot * n + candidateSlot);
    return i < counts.size() ? counts[i] : 0;
}

qint64 ConfusionMatrix::total() const {
    qint64 sum = 0;
    for (qint64 c : counts)
        sum += c;
    return sum;
}

void ConfusionMatrix::add(const ConfusionMatrix &other) {
    const int otherCount = other.classes.count();
    std::vector<int> slotMap(static_cast<size_t>(otherCount));
    for (int s = 0; s < otherCount; ++s)
        slotMap[size_t(s)] = classes.slotOf(other.classes.at(s));
    const int n = classes.count();
    if (counts.size() != size_t(n) * size_t(n)) { // grown: re-lay the rows out
        const int old = counts.empty() ? 0 : int(std::lround(std::sqrt(double(counts.size()))));
        std::vector<qint64> grown(size_t(n) * size_t(n), 0);
        for (int r = 0; r < old; ++r)
            for (int k = 0; k < old; ++k)
                grown[size_t(r * n + k)] = counts[size_t(r * old + k)];
        counts = std::move(grown);
    }
    for (int r = 0; r < otherCount; ++r)
        for (int k = 0; k < otherCount; ++k)
            if (const qint64 c = other.at(r, k))
                counts[size_t(slotMap[size_t(r)] * n + slotMap[size_t(k)])] += c;
}

double ConfusionMatrix::pixelAccuracy() const {
    const qint64 all = total();
    if (all == 0)
        return std::nan("");
    qint64 diagonal = 0;
    for (int s = 0; s < classes.count(); ++s)
        diagonal += at(s, s);
    return double(diagonal) / double(all);
}

QList<CategoryFigures> ConfusionMatrix::categoryFigures() const {
    const int n = classes.count();
    std::vector<qint64> rowSums(size_t(n), 0), columnSums(size_t(n), 0);
    for (int r = 0; r < n; ++r)
        for (int k = 0; k < n; ++k) {
            const qint64 c = at(r, k);
            rowSums[size_t(r)] += c;
            columnSums[size_t(k)] += c;
        }
    const auto ratio = [](qint64 a, qint64 b) {
        return b > 0 ? double(a) / double(b) : std::nan("");
    };
    QList<CategoryFigures> figures;
    for (int s = 1; s < n; ++s) {
        CategoryFigures f;
        f.slot = s;
        f.referencePixels = rowSums[size_t(s)];
        f.candidatePixels = columnSums[size_t(s)];
        if (f.referencePixels + f.candidatePixels == 0)
            continue; // in neither label
        f.truePositive = at(s, s);
        f.falsePositive = f.candidatePixels - f.truePositive;
        f.falseNegative = f.referencePixels - f.truePositive;
        f.iou = ratio(f.truePositive, f.truePositive + f.falsePositive + f.falseNegative);
        f.precision = ratio(f.truePositive, f.candidatePixels);
        f.recall = ratio(f.truePositive, f.referencePixels);
        figures.append(f);
    }
    return figures;
}

double ConfusionMatrix::meanIoU() const {
    const QList<CategoryFigures> figures = categoryFigures();
    if (figures.isEmpty())
        return std::nan("");
    double sum = 0;
    for (const CategoryFigures &f : figures)
        sum += f.iou;
    return sum / double(figures.size());
}

std::array<qint64, 5> ConfusionMatrix::agreementCounts() const {
    std::array<qint64, 5> kinds{};
    for (int r = 0; r < classes.count(); ++r)
        for (int k = 0; k < classes.count(); ++k)
            kinds[size_t(LabelComparison::agreementOf(r, k))] += at(r, k);
    return kinds;
}

// --- the pixel pass ------------------------------------------------------------------------------

namespace {

// A pixel's value on one side of a comparison: its class slot, and a flag when its id has no
// annotation. The reference's is shifted into the upper half, so the two sides OR into a pair.
constexpr quint32 CandidateUnannotated = 0x8000;
constexpr quint32 ReferenceUnannotated = CandidateUnannotated << 16;
constexpr quint32 PairMask = ~(CandidateUnannotated | ReferenceUnannotated);

// The slot of each annotation id of a label (the first of duplicate ids wins, as in the overlay).
QHash<quint32, quint32> slotsById(const wire::LabelAttributes &label, CompareClasses &classes) {
    QHash<quint32, quint32> byId;
    for (const wire::Annotation &a : label.annotations)
        if (a.id > 0 && a.id <= 0xFFFFFF && !byId.contains(quint32(a.id)))
            byId.insert(quint32(a.id), quint32(classes.slotOf(a.categoryId)));
    return byId;
}

// A side read from an indexed label: cell = dense index << 1 | edge, one table read a pixel.
struct IndexedSide {
    const quint32 *cells;
    QSize size;
    std::vector<quint32> table; // per dense index
    IndexedSide(const LabelOverlay &label, CompareClasses &classes, int shift)
        : cells(label.index().cells())
        , size(label.index().size()) {
        const InstanceIndex &index = label.index();
        const quint32 unannotated = CandidateUnannotated << shift;
        table.assign(size_t(index.count()), 0);
        for (int i = 0; i < index.count(); ++i) {
            if (index.id(i) == 0)
                continue;
            const wire::Annotation *annotation = label.annotationOf(i);
            table[size_t(i)] =
                annotation ? quint32(classes.slotOf(annotation->categoryId)) << shift : unannotated;
        }
    }
    quint32 at(const quint32 *row, int x) { return table[row[x] >> 1]; }
};

// A side read from a decoded id map: a hash lookup only where the id changes, which in a
// segmentation map is rare.
struct IdSide {
    const quint32 *cells;
    QSize size;
    std::shared_ptr<const QHash<quint32, quint32>> table; // shared by the bands' copies
    quint32 unannotated;
    int shift;
    quint32 lastId = 0;
    quint32 lastValue = 0;
    IdSide(const InstanceBitmap &bitmap, const wire::LabelAttributes &label,
           CompareClasses &classes, int shift)
        : cells(bitmap.ids.data())
        , size(bitmap.size())
        , table(std::make_shared<const QHash<quint32, quint32>>(slotsById(label, classes)))
        , unannotated(CandidateUnannotated << shift)
        , shift(shift) {}
    quint32 at(const quint32 *row, int x) {
        const quint32 id = row[x];
        if (id != lastId) {
            lastId = id;
            const auto it = table->constFind(id);
            lastValue = it != table->cend() ? *it << shift : id ? unannotated : 0;
        }
        return lastValue;
    }
};

// One pass over both sides: the confusion counts, the unannotated pixels, and the pair of every
// pixel when `pairs` is given. Counting adds runs of equal values, so the long runs of a
// segmentation map cost one comparison a pixel instead of a dependent memory increment.
template <class Reference, class Candidate>
ConfusionMatrix comparePixels(const Reference &reference, const Candidate &candidate,
                              CompareClasses classes, int threads, IdBuffer *pairs,
                              std::array<qint64, 2> *unannotated, QStringList *defects) {
    ConfusionMatrix matrix;
    const int n = classes.count();
    matrix.classes = std::move(classes);
    matrix.counts.assign(size_t(n) * size_t(n), 0);
    std::array<qint64, 2> blank{};
    std::array<qint64, 2> &missing = unannotated ? *unannotated : blank;
    missing = {};
    const QSize size = reference.size;
    const QSize candSize = candidate.size;
    if (size.isEmpty() || candSize.isEmpty())
        return matrix;
    const int width = size.width();
    const int height = size.height();
    const bool resized = size != candSize;
    if (resized && defects)
        defects->append(
            u"The candidate's bitmap is %1x%2 and the reference's %3x%4: the "
            "candidate was resized (nearest neighbour) to compare."_s.arg(candSize.width())
                .arg(candSize.height())
                .arg(width)
                .arg(height));
    std::vector<int> columnMap;
    if (resized) {
        columnMap.resize(size_t(width));
        for (int x = 0; x < width; ++x)
            columnMap[size_t(x)] = int(qint64(x) * candSize.width() / width);
    }
    if (pairs)
        pairs->resize(size_t(width) * size_t(height));

    std::mutex merge;
    forEachRowBand(height, threads, [&](int firstRow, int endRow) {
        Reference ref = reference; // per band: an IdSide caches its last id
        Candidate cand = candidate;
        std::vector<qint64> local(size_t(n) * size_t(n), 0);
        std::array<qint64, 2> localMissing{};
        quint32 last = 0;
        qint64 run = 0;
        const auto flush = [&] {
            if (!run)
                return;
            const quint32 pair = last & PairMask;
            local[size_t((pair >> 16) * quint32(n) + (pair & 0xffff))] += run;
            if (last & ReferenceUnannotated)
                localMissing[0] += run;
            if (last & CandidateUnannotated)
                localMissing[1] += run;
        };
        for (int y = firstRow; y < endRow; ++y) {
            const quint32 *r = ref.cells + size_t(y) * size_t(width);
            const quint32 *c = resized
                                   ? cand.cells + size_t(qint64(y) * candSize.height() / height) *
                                                      size_t(candSize.width())
                                   : cand.cells + size_t(y) * size_t(width);
            quint32 *out = pairs ? pairs->data() + size_t(y) * size_t(width) : nullptr;
            for (int x = 0; x < width; ++x) {
                const quint32 value = ref.at(r, x) | cand.at(c, resized ? columnMap[size_t(x)] : x);
                if (out)
                    out[x] = value & PairMask;
                if (value == last) {
                    ++run;
                } else {
                    flush();
                    last = value;
                    run = 1;
                }
            }
        }
        flush();
        const std::lock_guard lock(merge);
        for (size_t i = 0; i < local.size(); ++i)
            matrix.counts[i] += local[i];
        missing[0] += localMissing[0];
        missing[1] += localMissing[1];
    });
    return matrix;
}

CompareClasses withBackground(CompareClasses classes) {
    classes.slotOf(BackgroundCategory); // a default-constructed table gets its slot 0
    return classes;
}

quint32 encode(const QColor &color, double alphaScale, OverlayFormat format) {
    const int alpha = int(std::lround(color.alpha() * std::clamp(alphaScale, 0.0, 1.0)));
    if (alpha == 0)
        return 0;
    const QRgb straight = qRgba(color.red(), color.green(), color.blue(), alpha);
    return format == OverlayFormat::Premultiplied ? qPremultiply(straight) : straight;
}

} // namespace

// --- LabelComparison -----------------------------------------------------------------------------

QColor DifferenceOptions::missedColor() {
    return QColor(0xd5, 0x5e, 0x00); // vermillion
}

QColor DifferenceOptions::agreeColor() {
    return QColor(0x80, 0x80, 0x80); // neutral: greys the image without a hue of its own
}

QColor DifferenceOptions::extraColor() {
    return QColor(0x00, 0x72, 0xb2); // blue
}

QColor DifferenceOptions::confusedColor() {
    // Reddish purple rather than Okabe-Ito's yellow: street scenes draw traffic signs yellow.
    return QColor(0xcc, 0x79, 0xa7);
}

LabelComparison::LabelComparison(const LabelOverlay &reference, const LabelOverlay &candidate,
                                 CompareClasses classes, int threads) {
    if (reference.isNull() || candidate.isNull())
        return;
    classes = withBackground(std::move(classes));
    const IndexedSide ref(reference, classes, 16);
    const IndexedSide cand(candidate, classes, 0);
    m_matrix =
        comparePixels(ref, cand, std::move(classes), threads, &m_pairs, &m_unannotated, &m_defects);
    m_size = ref.size;
}

LabelComparison::LabelComparison(const InstanceBitmap &reference,
                                 const wire::LabelAttributes &referenceLabel,
                                 const InstanceBitmap &candidate,
                                 const wire::LabelAttributes &candidateLabel,
                                 CompareClasses classes, int threads) {
    if (reference.isNull() || candidate.isNull())
        return;
    classes = withBackground(std::move(classes));
    const IdSide ref(reference, referenceLabel, classes, 16);
    const IdSide cand(candidate, candidateLabel, classes, 0);
    m_matrix =
        comparePixels(ref, cand, std::move(classes), threads, &m_pairs, &m_unannotated, &m_defects);
    m_size = ref.size;
}

PixelAgreement LabelComparison::agreementOf(int referenceSlot, int candidateSlot) {
    if (referenceSlot == candidateSlot)
        return referenceSlot == 0 ? PixelAgreement::Background : PixelAgreement::Agree;
    if (candidateSlot == 0)
        return PixelAgreement::Missed;
    if (referenceSlot == 0)
        return PixelAgreement::Extra;
    return PixelAgreement::Confused;
}

std::pair<int, int> LabelComparison::slotsAt(int x, int y) const {
    if (x < 0 || y < 0 || x >= m_size.width() || y >= m_size.height())
        return {-1, -1};
    const quint32 pair = m_pairs[size_t(y) * size_t(m_size.width()) + size_t(x)];
    return {int(pair >> 16), int(pair & 0xffff)};
}

PixelAgreement LabelComparison::agreementAt(int x, int y) const {
    const auto [r, k] = slotsAt(x, y);
    return r < 0 ? PixelAgreement::Background : agreementOf(r, k);
}

QImage LabelComparison::differenceOverlay(const DifferenceOptions &options) const {
    if (isNull())
        return {};
    QImage image = pooledImage(m_size, imageFormat(options.format));
    if (image.isNull())
        return {};
    const quint32 agree =
        encode(DifferenceOptions::agreeColor(), options.agreeOpacity, options.format);
    const std::array<QColor, 3> kindColors{DifferenceOptions::missedColor(),
                                           DifferenceOptions::extraColor(),
                                           DifferenceOptions::confusedColor()};
    std::array<quint32, 3> strong{}, dimmed{};
    for (size_t i = 0; i < 3; ++i) {
        strong[i] = encode(kindColors[i], options.opacity, options.format);
        dimmed[i] = encode(kindColors[i], options.dimmedOpacity, options.format);
    }
    const int h = options.highlightedSlot;
    const auto colorOf = [&](quint32 pair) -> quint32 {
        const int r = int(pair >> 16), k = int(pair & 0xffff);
        const PixelAgreement kind = agreementOf(r, k);
        switch (kind) {
        case PixelAgreement::Background:
            return 0;
        case PixelAgreement::Agree:
            return agree;
        default: {
            const size_t i = size_t(kind) - size_t(PixelAgreement::Missed);
            return h < 0 || r == h || k == h ? strong[i] : dimmed[i];
        }
        }
    };
    const int width = m_size.width();
    forEachRowBand(m_size.height(), options.threads, [&](int firstRow, int endRow) {
        quint32 lastPair = 0, lastColor = 0; // pair 0 is background: transparent
        for (int y = firstRow; y < endRow; ++y) {
            const quint32 *in = m_pairs.data() + size_t(y) * size_t(width);
            auto *out = reinterpret_cast<quint32 *>(image.scanLine(y));
            for (int x = 0; x < width; ++x) {
                if (in[x] != lastPair) {
                    lastPair = in[x];
                    lastColor = colorOf(lastPair);
                }
                out[x] = lastColor;
            }
        }
    });
    return image;
}

ConfusionMatrix compareLabels(const LabelOverlay &reference, const LabelOverlay &candidate,
                              CompareClasses classes, QStringList *defects, int threads,
                              std::array<qint64, 2> *unannotated) {
    classes = withBackground(std::move(classes));
    const IndexedSide ref(reference, classes, 16);
    const IndexedSide cand(candidate, classes, 0);
    return comparePixels(ref, cand, std::move(classes), threads, nullptr, unannotated, defects);
}

ConfusionMatrix compareLabels(const InstanceBitmap &reference,
                              const wire::LabelAttributes &referenceLabel,
                              const InstanceBitmap &candidate,
                              const wire::LabelAttributes &candidateLabel, CompareClasses classes,
                              QStringList *defects, int threads,
                              std::array<qint64, 2> *unannotated) {
    classes = withBackground(std::move(classes));
    const IdSide ref(reference, referenceLabel, classes, 16);
    const IdSide cand(candidate, candidateLabel, classes, 0);
    return comparePixels(ref, cand, std::move(classes), threads, nullptr, unannotated, defects);
}

} // namespace segscope::labels
