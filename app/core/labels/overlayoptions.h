#pragma once

#include <QColor>
#include <QSet>

namespace segscope::labels {

enum class ColorBy {
    Category, //!< the category's colour (docs/api-contract.md §3 palette when it has none)
    Instance, //!< palette[(id - 1) % 36]
};

enum class DrawMode {
    Fill,           //!< every pixel of an instance at `opacity`
    Outline,        //!< only edge pixels, at `opacity`; interiors transparent
    FillAndOutline, //!< interiors at `opacity`, edges at full colour so instances stay apart
};

//! The pixel format of a rendered overlay.
enum class OverlayFormat {
    //! QImage::Format_ARGB32_Premultiplied: what QPainter draws fastest, for the view.
    Premultiplied,
    //! QImage::Format_ARGB32, straight alpha: colours survive exactly at any alpha, for export.
    Straight,
};

//! How a segmentation overlay is coloured. Background (id 0) is always transparent.
//! The highlighted instance is filled at least at HighlightOpacity and outlined in white in
//! every mode, so it stands out whatever the opacity.
struct OverlayOptions {
    static constexpr double HighlightOpacity = 0.8;

    ColorBy colorBy = ColorBy::Category;
    DrawMode mode = DrawMode::Fill;
    double opacity = 0.5; //!< 0..1, multiplies the colour's own alpha
    QSet<qint64> hiddenCategories;
    quint32 highlightedId = 0; //!< 0: none
    //! Ids with no annotation, and (colouring by category) annotations whose category the
    //! dataset does not define. Transparent by default; the view may set a marker colour.
    QColor unannotatedColor = QColor(0, 0, 0, 0);
    OverlayFormat format = OverlayFormat::Premultiplied;
    //! 0: LabelOverlay::render() paints the bitmap's edge pixels (1 image pixel wide) and vector
    //! outlines are 2 device pixels wide. Above 0: outlines are this many pixels wide and
    //! always opaque; render() then leaves edges out (edge cells get the fill) and the caller
    //! draws them with paintOutlines() at the resolution it wants (the view at the screen's, so
    //! they keep their width at every zoom; an export at the image's).
    int outlineWidth = 0;
    //! Threads painting row bands; 0 picks QThread::idealThreadCount().
    int threads = 0;
};

} // namespace segscope::labels
