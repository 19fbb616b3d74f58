#pragma once

#include "models/loadedsample.h"
#include "models/mailbox.h"
#include "wire/taskattributes.h"

#include <QObject>
#include <QPoint>

#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QWidget;

namespace segscope::ui {

class CompareFiguresPanel;
class DifferenceLegend;
class ImageCanvas;

//! Comparing the labelset shown (the reference) with a candidate labelset in the detail pane:
//! the view box (Off, Difference, Swipe, Toggle, Side by side; D cycles), the candidate box,
//! the bar under the tool bar (the difference legend, or which overlay is where), the Compare
//! tab's figures and the second canvas of side by side, whose view follows the pane's canvas
//! and back. Everything it shows was computed with the sample (LoadedComparison); the one
//! thing it computes, the difference overlay with a category highlighted, runs on
//! threading::detailPool(). Builds its widgets; the pane lays them out.
class CompareController : public QObject {
    Q_OBJECT

public:
    enum class View { Off, Difference, Swipe, Toggle, SideBySide };

    CompareController(ImageCanvas *canvas, QWidget *pane);
    ~CompareController() override;

    QComboBox *viewBox() const { return m_viewBox; }
    QLabel *candidateLabel() const { return m_candidateLabel; }
    QComboBox *candidateBox() const { return m_candidateBox; }
    //! The legend or the sides, under the tool bar; hidden while compare is off.
    QWidget *bar() const { return m_bar; }
    CompareFiguresPanel *figures() const { return m_figures; }
    //! The candidate's canvas, beside the pane's in side by side.
    ImageCanvas *sideCanvas() const { return m_side; }
    DifferenceLegend *legend() const { return m_legend; }

    View view() const { return m_view; }
    void setView(View view);
    bool isOn() const { return m_view != View::Off; }
    //! The labelset to compare with, empty while compare is off.
    QString candidate() const;

    //! A dataset's labelsets; `reference` is the one shown.
    void setLabelsets(const QString &dataset, const QStringList &labelsets,
                      const QString &reference);
    //! The pane shows another labelset: the candidate moves off it if it was the same.
    void setReference(const QString &reference);
    //! Shows `sample` when it comes compared (and compare is on): the canvases, the legend and
    //! the figures. False when the pane should show it as usual.
    bool showSample(const std::shared_ptr<const models::LoadedSample> &sample,
                    const wire::TaskAttributes &task);
    //! What the pane says over the view about the pair (a label missing, a resized candidate),
    //! empty when all is well.
    QString notice(const models::LoadedSample &sample) const;
    //! The readout at a pixel: both labels' instance and category, and how they agree.
    QString describe(const QPoint &pixel) const;
    //! The options and toggles of the pane's canvas, on the side canvas too.
    void followCanvas();
    void clear();

signals:
    //! Compare was turned on or off, or the candidate changed: the sample must load again.
    void reloadWanted();
    //! Turning compare on while another labelset than ground-truth is shown: ground-truth
    //! becomes the reference (the one shown turns candidate).
    void referenceWanted(const QString &labelset);
    //! The view changed (the readout may describe something else).
    void viewChanged();
    //! A highlighted difference overlay is on the canvas.
    void differenceRendered();

private:
    using Mailbox = models::Mailbox<CompareController>;

    void onViewBox(int index);
    void chooseCandidate(const QString &labelset);
    void highlightSlot(int slot);
    void updateBar();
    //! Views locked: `to` takes `from`'s zoom and centre.
    void syncView(ImageCanvas *from, ImageCanvas *to);

    ImageCanvas *m_canvas;
    QWidget *m_pane;
    QComboBox *m_viewBox;
    QLabel *m_candidateLabel;
    QComboBox *m_candidateBox;
    QWidget *m_bar;
    DifferenceLegend *m_legend;
    QLabel *m_sides;
    CompareFiguresPanel *m_figures;
    ImageCanvas *m_side;
    View m_view = View::Off;
    QString m_dataset;
    QString m_reference;
    QString m_candidate;
    std::shared_ptr<const models::LoadedSample> m_sample; //!< shown compared; null otherwise
    quint64 m_highlight = 0; //!< counts highlight requests: an older rendering is dropped
    bool m_syncing = false;
    std::shared_ptr<Mailbox> m_mailbox;
};

} // namespace segscope::ui
