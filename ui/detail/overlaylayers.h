#pragma once

#include "labels/labeloverlay.h"
#include "labels/overlayoptions.h"
#include "models/mailbox.h"

#include <QImage>
#include <QObject>
#include <QPointF>

#include <array>
#include <memory>

namespace segscope::ui {

//! The overlays an ImageCanvas draws, each coloured with the view's options: the content's
//! label (Reference) and, comparing, the candidate's. Colouring never runs on the GUI thread:
//! on threading::detailPool(), into a reused buffer that is swapped in when done, while the
//! view keeps painting the previous colouring. Changes made meanwhile are coalesced into one
//! more colouring; a result for an overlay no longer shown is dropped. The outlines are
//! painted at the screen's resolution for the view, again only when the view, an overlay or
//! the options changed.
class OverlayLayers : public QObject {
    Q_OBJECT

public:
    enum Which { Reference = 0, Candidate = 1 };

    //! Where the view draws the image: its top-left corner, scale and device pixel ratio.
    struct View {
        QPointF origin;
        double zoom = 0;
        QSize size;
        qreal ratio = 0;
        bool operator==(const View &) const = default;
    };

    explicit OverlayLayers(QObject *parent = nullptr);
    ~OverlayLayers() override;

    //! A new overlay (null: none): its previous colouring is dropped at once, so it never
    //! stands over other content; the new one follows with the options set last.
    void setOverlay(Which which, std::shared_ptr<const labels::LabelOverlay> overlay);
    const std::shared_ptr<const labels::LabelOverlay> &overlay(Which which) const {
        return m_layers[which].overlay;
    }
    //! Colours every overlay again with `options`.
    void setOptions(const labels::OverlayOptions &options);
    //! The colouring on screen (null until the first one is done).
    const QImage &image(Which which) const { return m_layers[which].image; }
    //! The outlines over the whole view (null for none).
    const QImage &outlines(Which which, const View &view);
    //! True while a colouring runs or is due.
    bool pending() const;

signals:
    //! A colouring ended: its image is in, or it was dropped as stale. pending() says whether
    //! another one follows.
    void recoloured();

private:
    using Mailbox = models::Mailbox<OverlayLayers>;
    struct Layer {
        std::shared_ptr<const labels::LabelOverlay> overlay;
        quint64 generation = 0; //!< counts overlays set: a result for an older one is stale
        QImage image;
        QImage spare; //!< the buffer the next colouring paints into
        QImage outlines;
        View outlineView;
        bool outlinesStale = true; //!< options or overlay changed since `outlines`
        bool dirty = false;
        bool recolouring = false;
    };

    //! Marks every overlay out of date and starts colouring on the next turn of the event loop,
    //! so the changes of one turn (new content and its options) colour once.
    void recolourAll();
    void recolour(Layer &layer);
    void start();
    void onRecoloured(int which, quint64 generation, QImage image);

    std::array<Layer, 2> m_layers;
    labels::OverlayOptions m_options;
    bool m_queued = false;
    std::shared_ptr<Mailbox> m_mailbox;
};

} // namespace segscope::ui
