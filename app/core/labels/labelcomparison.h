#pragma once

#include "labeloverlay.h"
#include "vectorshapes.h" // rasterizeVectorLabel(): vector labels compare as bitmaps

#include <QColor>
#include <QHash>
#include <QImage>
#include <QList>
#include <QSize>
#include <QStringList>

#include <array>
#include <limits>
#include <memory>
#include <vector>

//! Comparing two labels of one sample pixel by pixel: a reference (usually ground truth) and a
//! candidate (usually predictions). Both are reduced to a class per pixel: background, or the
//! category of the pixel's annotation. An id with no annotation counts as background (and is
//! counted apart in unannotatedPixels, since it is a defect of the label); a category the
//! dataset lacks is a class of its own ("unknown (7)"). Vector labels are rasterised at the
//! image size first (rasterizeVectorLabel), so bitmaps and shapes compare alike.
namespace segscope::labels {

//! The category id that stands for background in confusion entries keyed by category.
inline constexpr qint64 BackgroundCategory = std::numeric_limits<qint64>::min();

//! What a pixel is, comparing the candidate with the reference.
enum class PixelAgreement : quint8 {
    Background, //!< both background
    Agree,      //!< both the same category
    Missed,     //!< the reference has a category, the candidate background
    Extra,      //!< the candidate has a category, the reference background
    Confused,   //!< both labelled, different categories
};

//! One class of a comparison: background (slot 0) or a category.
struct CompareClass {
    qint64 categoryId = BackgroundCategory;
    QString name;
    QColor color;
    bool known = true; //!< false: a category id the dataset does not define
    bool isBackground() const { return categoryId == BackgroundCategory; }
};

//! The classes of a comparison in a fixed order: background, the dataset's categories in its
//! order, then unknown category ids in order of first use.
class CompareClasses {
public:
    //! Slots are 15-bit: categories past this many share the last slot.
    static constexpr int MaxClasses = 32767;
    CompareClasses() = default;
    explicit CompareClasses(const wire::TaskAttributes &task);
    int count() const { return int(m_classes.size()); }
    const CompareClass &at(int slot) const { return m_classes[slot]; }
    const QList<CompareClass> &all() const { return m_classes; }
    //! The slot of a category id (BackgroundCategory gives 0), adding an unknown one.
    int slotOf(qint64 categoryId);
    //! The slot of another table's class, adding it (name and colour kept) when missing.
    int slotOf(const CompareClass &other);
    //! The slot, or -1 when the category is not in the table.
    int find(qint64 categoryId) const;

private:
    QList<CompareClass> m_classes;
    QHash<qint64, int> m_slots;
    int append(CompareClass c);
};

//! Per-category figures derived from a confusion matrix. Undefined ratios are NaN (e.g.
//! precision of a category the candidate never predicts).
struct CategoryFigures {
    int slot = 0; //!< in the comparison's classes
    qint64 truePositive = 0;
    qint64 falsePositive = 0; //!< candidate says this category, reference something else
    qint64 falseNegative = 0; //!< reference says this category, candidate something else
    qint64 referencePixels = 0;
    qint64 candidatePixels = 0;
    double iou = 0;
    double precision = 0;
    double recall = 0;
};

//! A confusion matrix over a class table, with the figures everything else is derived from.
//! Rows are the reference, columns the candidate, slot 0 background.
struct ConfusionMatrix {
    CompareClasses classes;
    std::vector<qint64> counts; //!< classes.count()^2, row-major

    qint64 at(int referenceSlot, int candidateSlot) const;
    qint64 total() const;
    //! Adds another matrix, matching classes by category id (new ones are appended).
    void add(const ConfusionMatrix &other);
    //! Pixel accuracy: the diagonal over the total, background included; NaN when empty.
    double pixelAccuracy() const;
    //! The figures of every non-background class present in either label (in slot order).
    QList<CategoryFigures> categoryFigures() const;
    //! The mean IoU over the categories present in either label (background excluded); NaN when
    //! neither has a category.
    double meanIoU() const;
    //! The pixels of each kind (indexed by PixelAgreement).
    std::array<qint64, 5> agreementCounts() const;
};

//! How the difference overlay is painted.
struct DifferenceOptions {
    //! Agreeing pixels are greyed (agreeColor() at this opacity) rather than drawn in their
    //! category's colour: a palette of 36 colours always has one close to a disagreement
    //! colour, and the point of the view is that disagreement is the only colour in it.
    double agreeOpacity = 0.45;
    double opacity = 0.85; //!< missed, extra and confused pixels
    //! Disagreement outside the highlighted category.
    double dimmedOpacity = 0.2;
    //! A class slot: only disagreement involving it is drawn at `opacity`, all else dimmed. -1:
    //! all disagreement.
    int highlightedSlot = -1;
    OverlayFormat format = OverlayFormat::Premultiplied;
    int threads = 0; //!< 0: QThread::idealThreadCount()
    //! The fixed colours of the three disagreement kinds (colour-blind safe, Okabe-Ito).
    static QColor missedColor();
    static QColor extraColor();
    static QColor confusedColor();
    static QColor agreeColor();
};

//! The comparison of two labels of one sample: the class pair of every pixel, kept so the
//! difference overlay can be repainted (another highlight) without a second pass over the
//! labels, and the confusion matrix. Immutable once built: build it on a worker thread.
class LabelComparison {
public:
    LabelComparison() = default;
    //! Compares at the reference's size. A candidate of another size is read nearest-neighbour
    //! at the reference's size and a defect says so. `classes` is extended with unknown
    //! categories met on the way.
    LabelComparison(const LabelOverlay &reference, const LabelOverlay &candidate,
                    CompareClasses classes, int threads = 0);
    //! The same from two decoded id maps and their labels, without indexing them first.
    LabelComparison(const InstanceBitmap &reference, const wire::LabelAttributes &referenceLabel,
                    const InstanceBitmap &candidate, const wire::LabelAttributes &candidateLabel,
                    CompareClasses classes, int threads = 0);

    bool isNull() const { return m_size.isEmpty(); }
    QSize size() const { return m_size; }
    const ConfusionMatrix &matrix() const { return m_matrix; }
    //! Pixels whose id has no annotation, in each label (counted as background).
    qint64 referenceUnannotatedPixels() const { return m_unannotated[0]; }
    qint64 candidateUnannotatedPixels() const { return m_unannotated[1]; }
    //! What was adjusted to compare (a resized candidate), one line each.
    const QStringList &defects() const { return m_defects; }
    //! The classes at a pixel (-1, -1 outside).
    std::pair<int, int> slotsAt(int x, int y) const;
    PixelAgreement agreementAt(int x, int y) const;
    //! The difference overlay, the reference's size.
    QImage differenceOverlay(const DifferenceOptions &options) const;
    //! The kind of a class pair.
    static PixelAgreement agreementOf(int referenceSlot, int candidateSlot);

private:
    QSize m_size;
    ConfusionMatrix m_matrix;
    IdBuffer m_pairs; //!< per pixel: referenceSlot << 16 | candidateSlot
    std::array<qint64, 2> m_unannotated{};
    QStringList m_defects;
};

//! Only the confusion matrix (no per-pixel pairs kept). Same rules as LabelComparison;
//! `defects` gets the same lines, `unannotated` the reference's and candidate's unannotated
//! pixels.
ConfusionMatrix compareLabels(const LabelOverlay &reference, const LabelOverlay &candidate,
                              CompareClasses classes, QStringList *defects = nullptr,
                              int threads = 0, std::array<qint64, 2> *unannotated = nullptr);
//! The same from two decoded id maps and their labels: what a dataset evaluation needs, since it
//! skips indexing the bitmaps (about 4x faster than building two LabelOverlays first). A vector
//! label comes in as rasterizeVectorLabel()'s id map.
ConfusionMatrix compareLabels(const InstanceBitmap &reference,
                              const wire::LabelAttributes &referenceLabel,
                              const InstanceBitmap &candidate,
                              const wire::LabelAttributes &candidateLabel, CompareClasses classes,
                              QStringList *defects = nullptr, int threads = 0,
                              std::array<qint64, 2> *unannotated = nullptr);

} // namespace segscope::labels
