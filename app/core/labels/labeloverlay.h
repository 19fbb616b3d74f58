#pragma once

#include "instanceindex.h"
#include "overlayoptions.h"

#include "wire/label.h"
#include "wire/taskattributes.h"

#include <QImage>

#include <vector>

namespace segscope::labels {

//! What lies under a point of the bitmap.
struct OverlayHit {
    bool inside = false; //!< false outside the bitmap; the rest is then empty
    quint32 id = 0;      //!< 0: background
    const wire::Annotation *annotation = nullptr; //!< null for background and unannotated ids
    const wire::Category *category = nullptr;     //!< null when the dataset lacks the category
};

//! A segmentation label ready to draw: its bitmap indexed once (InstanceIndex), joined to the
//! label's annotations and the dataset's categories. Build it on a worker thread when a bitmap
//! arrives; every const member is then thread-safe, and a repaint after an option change only
//! rebuilds a colour table of two entries per distinct id before one pass over the pixels.
class LabelOverlay {
public:
    LabelOverlay() = default;
    LabelOverlay(const InstanceBitmap &bitmap, wire::LabelAttributes label,
                 wire::TaskAttributes task);
    //! Same, taking over the bitmap's memory for the index (the usual case after decoding).
    LabelOverlay(InstanceBitmap &&bitmap, wire::LabelAttributes label, wire::TaskAttributes task);

    bool isNull() const { return m_index.isNull(); }
    const InstanceIndex &index() const { return m_index; }
    const wire::LabelAttributes &label() const { return m_label; }
    const wire::TaskAttributes &task() const { return m_task; }

    //! The annotation of a dense index, or null (background or unannotated id).
    const wire::Annotation *annotationOf(int index) const;
    //! The category of a dense index's annotation, or null.
    const wire::Category *categoryOf(int index) const;
    //! Constant time: two array reads.
    OverlayHit hitTest(int x, int y) const;

    //! The colour of a dense index's pixels before opacity: its instance's, its category's or
    //! the unannotated marker (see OverlayOptions).
    QColor colorOf(int index, const OverlayOptions &options) const;
    //! Two colours per dense index (fill, edge) in the requested format; see OverlayOptions.
    //! With an outlineWidth the edge is the fill: outlines are outlineTable()'s.
    std::vector<quint32> colorTable(const OverlayOptions &options) const;
    //! For paintOutlines(): one colour per dense index, opaque, in the requested format; 0 (no
    //! outline) for background and hidden categories, and for all but the highlighted
    //! instance (white) in DrawMode::Fill.
    std::vector<quint32> outlineTable(const OverlayOptions &options) const;
    //! The overlay, the bitmap's size, in the options' format.
    QImage render(const OverlayOptions &options) const;
    //! Same, painting into `target` and reusing its memory when size and format match.
    void render(const OverlayOptions &options, QImage *target) const;

private:
    InstanceIndex m_index;
    wire::LabelAttributes m_label;
    wire::TaskAttributes m_task;
    std::vector<int> m_annotationPos; // per dense index; -1: none
    std::vector<int> m_categoryPos;   // per dense index; -1: none or unknown category

    void joinAnnotations();
};

} // namespace segscope::labels
