#pragma once

#include "detail/overlaylayers.h"
#include "labels/labeloverlay.h"
#include "labels/overlayoptions.h"
#include "wire/label.h"
#include "wire/taskattributes.h"

#include <QAbstractScrollArea>
#include <QImage>

#include <memory>

namespace segscope::ui {

//! The image with its label on top, zoomed and panned. Paints only the part of the image in
//! view at the current scale (never rescales the whole image per frame); the overlay is
//! re-coloured when an option changes, not on every frame, and never on the GUI thread: on
//! threading::detailPool(), into a reused buffer that is swapped in when done, while the view
//! keeps painting the previous colouring. Changes made meanwhile are coalesced into one more
//! re-colouring; a result for content no longer shown is dropped.
//! Wheel zooms about the cursor, drag pans, a click picks the instance under the cursor (not
//! the click that gives the view the focus).
//! Comparing two labels, it also holds the candidate's overlay (coloured with the same options,
//! alongside) and the difference overlay, so switching between the compare views only repaints.
//! Side by side is two canvases whose views follow each other (matchView()).
class ImageCanvas : public QAbstractScrollArea {
    Q_OBJECT

public:
    static constexpr double MinZoom = 1.0 / 64;
    static constexpr double MaxZoom = 64;

    //! What is drawn over the image when comparing.
    enum class CompareView {
        Off,        //!< the content's overlay only
        Difference, //!< the difference overlay (setDifference())
        Swipe,      //!< the reference left of a draggable divider, the candidate right
        Toggle,     //!< the reference or the candidate (setCandidateShown())
    };

    explicit ImageCanvas(QWidget *parent = nullptr);
    ~ImageCanvas() override;

    //! A new sample: image (may be null), segmentation overlay (may be null) and the label's
    //! vector shapes (drawn when it has any). Fits it in view, unless `keepView`: then a view
    //! in the fit state fits the new content, and any other keeps its zoom and its centre at the
    //! same relative position (the same pixel for content of the same size); the hovered pixel
    //! is the one under the cursor in the new content.
    void setContent(const QImage &image, std::shared_ptr<const labels::LabelOverlay> overlay,
                    const wire::LabelAttributes &vector, const wire::TaskAttributes &task,
                    bool keepView = false);
    //! The candidate's overlay when comparing (null: none); setContent() drops it.
    void setCandidate(std::shared_ptr<const labels::LabelOverlay> candidate);
    //! The difference overlay (premultiplied, the content's size); setContent() drops it.
    void setDifference(const QImage &difference);
    const QImage &difference() const { return m_difference; }
    void setCompareView(CompareView view);
    CompareView compareView() const { return m_compareView; }
    //! In the toggle view: the candidate's overlay is drawn in place of the reference's.
    void setCandidateShown(bool shown);
    bool candidateShown() const { return m_candidateShown; }
    //! In the swipe view: the divider's place, as a share of the viewport's width.
    void setSwipePosition(double share);
    double swipePosition() const { return m_swipe; }
    //! True when the candidate's overlay is the one drawn at a viewport point.
    bool candidateShownAt(const QPointF &viewportPoint) const;
    //! Takes `other`'s zoom and centre, or its fitting: views locked together.
    void matchView(const ImageCanvas &other);
    //! The image pixel under the cursor, or (-1, -1).
    QPoint hoverPixel() const { return m_hoverPixel; }
    void clear();
    void setOverlayOptions(const labels::OverlayOptions &options);
    const labels::OverlayOptions &overlayOptions() const { return m_options; }
    void setImageVisible(bool visible);
    void setLabelsVisible(bool visible);
    bool imageVisible() const { return m_showImage; }
    bool labelsVisible() const { return m_showLabels; }
    QSize contentSize() const { return m_contentSize; }

    double zoom() const { return m_zoom; }
    void setZoom(double zoom); //!< about the centre of the view
    void zoomBy(double factor);
    void zoomToFit();
    void zoomToRect(const QRectF &imageRect); //!< e.g. an instance's bounds, with a margin
    bool fitsView() const { return m_fit; }

    //! The image point under a viewport point (may lie outside the image).
    QPointF imagePointAt(const QPointF &viewportPoint) const;
    //! The viewport point where an image point is drawn.
    QPointF viewportPointOf(const QPointF &imagePoint) const;
    //! What the canvas shows, at the image's full resolution: the image (if shown) with the
    //! overlay and shapes (if shown). ARGB32. Outlines are OverlayOptions::outlineWidth image
    //! pixels wide here (on screen, screen pixels).
    QImage renderFullResolution() const;
    //! The overlay buffer as last painted (for tests and benchmarks).
    const QImage &overlayImage() const { return m_layers->image(OverlayLayers::Reference); }
    const QImage &candidateImage() const { return m_layers->image(OverlayLayers::Candidate); }
    //! True while an overlay on screen lags the content or the options: a re-colouring runs
    //! or is due. overlayRecoloured() follows.
    bool overlayPending() const { return m_layers->pending(); }

signals:
    //! The pixel under the cursor, or (-1, -1) when the cursor left the image.
    void hovered(const QPoint &imagePixel);
    void clicked(const QPointF &imagePoint);
    void zoomChanged(double zoom);
    //! The zoom or the scroll position changed.
    void viewMoved();
    //! The user dragged the swipe divider.
    void swipeMoved(double share);
    //! Left/Right, PageUp/PageDown: the pane steps to another sample.
    void stepRequested(int delta);
    //! A re-colouring ended: its overlay is on screen, or it was dropped as stale.
    //! overlayPending() says whether another one follows.
    void overlayRecoloured();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void updateScrollBars();
    //! Where the image's top-left corner lies in the viewport.
    QPointF origin() const;
    void zoomAbout(double zoom, const QPointF &viewportPoint);
    //! Zooms so the image point `anchor` lands at `viewportPoint`.
    void zoomAbout(double zoom, const QPointF &viewportPoint, const QPointF &anchor);
    //! Scrolls so `imagePoint` is at the viewport's centre, at the current zoom.
    void centreOn(const QPointF &imagePoint);
    //! The pixel under the last cursor position again, after the view moved under it: emits
    //! hovered() when it changed, so the readout never describes a pixel no longer there.
    void updateHover();
    void paintShapes(QPainter &painter, double scale) const;
    //! Where the view draws the content now, for the outlines.
    OverlayLayers::View layerView() const;
    //! The swipe divider's x in the viewport.
    double swipeX() const;

    QImage m_image;
    OverlayLayers *m_layers;
    QImage m_difference;
    CompareView m_compareView = CompareView::Off;
    bool m_candidateShown = false;
    double m_swipe = 0.5;
    bool m_swiping = false;
    wire::LabelAttributes m_vector;
    bool m_hasShapes = false;
    wire::TaskAttributes m_task;
    QSize m_contentSize;
    labels::OverlayOptions m_options;
    bool m_showImage = true;
    bool m_showLabels = true;
    double m_zoom = 1;
    bool m_fit = true;
    QPoint m_pressPos;
    QPoint m_lastDragPos;
    bool m_dragging = false;
    bool m_focusedByMouse = false; //!< the focus came with a press not yet delivered
    bool m_focusClick = false;     //!< the press under way is the one that gave the focus
    QPoint m_hoverPixel{-1, -1};
    QPoint m_cursor{-1, -1}; //!< in the viewport, (-1, -1) when outside
    //! The last wheel zoom: where, about which image point, and the view it left, so the next
    //! notch at the same place in the same view keeps that anchor.
    struct WheelRun {
        QPointF position{-1, -1};
        QPointF anchor;
        QPoint scroll;
        double zoom = 0;
    } m_wheel;
};

} // namespace segscope::ui
