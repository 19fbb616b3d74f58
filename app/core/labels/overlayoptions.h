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
    //! Threads painting row bands; 0 picks QThread::idealThreadCount().
    int threads = 0;
};

} // namespace segscope::labels
