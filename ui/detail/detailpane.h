#pragma once

#include "detail/labelpicker.h"
#include "detail/viewexporter.h"
#include "labels/overlayoptions.h"
#include "models/sampleloader.h"
#include "wire/dataset.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QListWidget;
class QStackedWidget;
class QTabWidget;
class QTimer;

namespace segscope::ui {

class CompareController;
class ElidedLabel;
class FrameSlider;
class ImageCanvas;
class InstancesPanel;
class IssuesPanel;
class LegendPanel;
class NonImageView;
class SampleInfoView;
class SequenceViewer;
class ViewControls;

//! One sample looked at closely: the image with its label overlay (zoom, pan, colouring,
//! opacity, visibility), a hover readout, and side tabs with the sample's facts, the legend,
//! the label's instances and its defects. Layout and wiring only: the loading and the label's
//! facts are the SampleLoader's, picking under the cursor the LabelPicker's, exporting the
//! ViewExporter's, the option controls and the keys (which work wherever the focus is in the
//! pane) the ViewControls'. The view (zoom, centre, or fitting) stays when the sample or the
//! labelset changes; a sample without a label in the labelset says so over the view.
//! Comparing the labelset shown with another is the CompareController's: the pane loads the
//! pair when compare is on and hands it over.
class DetailPane : public QWidget {
    Q_OBJECT

public:
    explicit DetailPane(QWidget *parent = nullptr);
    ~DetailPane() override;

    void setClient(api::ApiClient *client);
    void setDataset(const wire::Dataset &dataset);
    //! Shows `uuid` (empty: nothing) in the current labelset.
    void showSample(const QString &uuid);
    QString currentUuid() const { return m_uuid; }
    QString labelset() const { return m_labelset; }
    void setLabelset(const QString &labelset);
    //! Gives the uuid `delta` samples away from the current one (empty when unknown), so the
    //! next sample is prefetched while this one is looked at.
    void setNeighbourLookup(std::function<QString(int delta)> lookup) {
        m_neighbour = std::move(lookup);
    }

    ImageCanvas *canvas() const { return m_canvas; }
    //! Comparing two labelsets: the views, the candidate, the figures.
    CompareController *compare() const { return m_compare; }
    //! What loads the samples (and prefetches the next).
    models::SampleLoader *loader() const { return m_loader; }
    //! The frames of an image sequence (none for other samples).
    SequenceViewer *sequenceViewer() const { return m_sequence; }
    //! The shown sample's issues (the Issues tab and the header's chip); its onIssueChanged()
    //! takes the issues the review decisions open.
    IssuesPanel *issuesPanel() const { return m_issues; }
    //! Gives the keyboard to the view. The pane's keys (ViewControls) work wherever the focus
    //! is in the pane.
    void focusView();
    //! The sample on screen, null until one has loaded; for an image sequence, the frame shown.
    std::shared_ptr<const models::LoadedSample> loadedSample() const { return m_sample; }
    //! Highlights an instance or shape (0: none), as a click on it does.
    void highlight(qint64 id);
    //! Shows `status` in the badge when `uuid` in `labelset` is the sample shown (a review
    //! decision on its way, or put back).
    void showLabelStatus(const QString &uuid, const QString &labelset, const QString &status);
    //! A decision landed: the Info tab shows the server's status, reviewer and times.
    void showLandedLabel(const QString &uuid, const wire::Label &label);
    //! Says `text` over the view when `uuid` is the sample shown (a refused decision); the next
    //! sample's own notice replaces it.
    void showNotice(const QString &uuid, const QString &text);

    //! Exports what the view shows at full resolution; false with `error` set on failure.
    bool exportTo(const QString &path, QString *error) const {
        return m_exporter.exportTo(path, error);
    }
    void copyToClipboard() const { m_exporter.copyToClipboard(); }

signals:
    //! The user asked for the previous (-1) or next (+1) sample.
    void stepRequested(int delta);
    //! A sample finished loading and is on screen.
    void sampleShown(const QString &uuid);
    //! The user chose another labelset in the pane (its box or the S key); not emitted for
    //! setLabelset(), so linking it to another labelset choice makes no loop.
    void labelsetChanged(const QString &labelset);

private:
    //! setLabelset() for a choice of the user: tells labelsetChanged().
    void chooseLabelset(const QString &labelset);
    void cycleLabelset();
    void exportView();
    void applyOptions();
    void onLoaded(std::shared_ptr<const models::LoadedSample> sample);
    //! Draws `sample` (a sample, or a `frame` of the sequence shown) with its label's panels,
    //! keeping the view (ImageCanvas::setContent); a frame keeps the highlighted object too.
    void showContent(std::shared_ptr<const models::LoadedSample> sample, bool frame);
    //! The legend's and instances' swatches in the colours the canvas uses now.
    void showPanels();
    //! Says over the view when the labelset has no label for the sample, or it failed.
    void showLabelNotice(const models::LoadedSample &sample);
    void onHover(const QPoint &pixel);
    void onClick(const QPointF &point);
    void zoomToInstance(qint64 id);
    void showDefects(const QStringList &defects);
    //! The Defects tab's text when its list is empty: no defects, loading, or why it failed.
    void setDefectsPlaceholder(const QString &text);
    void setStatus(const QString &text);
    void setStatusBadge(const QString &status);
    //! Loads the sample shown again (another labelset, or compare turned on or off).
    void reload();

    models::SampleLoader *m_loader;
    wire::Dataset m_dataset;
    QString m_uuid;
    QString m_labelset;
    std::shared_ptr<const models::LoadedSample> m_sample;
    std::function<QString(int)> m_neighbour;
    QSet<qint64> m_hidden;
    labels::ColorBy m_panelsColorBy = labels::ColorBy::Category; //!< of the panels' swatches
    QTimer *m_loadTimer; //!< a short pause before loading, so a run of arrow keys loads once

    ElidedLabel *m_title;
    QComboBox *m_labelsetBox;
    QLabel *m_status;
    QLabel *m_statusBadge;   //!< the label's status, as it came
    QLabel *m_notice;        //!< no label in this labelset, or it failed to load
    QStackedWidget *m_views; //!< the canvas (with the frame slider), or the NonImageView
    ImageCanvas *m_canvas;
    ViewControls *m_controls;
    CompareController *m_compare;
    QLabel *m_labelsetLabel;
    FrameSlider *m_frameSlider;
    NonImageView *m_nonImage;
    SequenceViewer *m_sequence;
    QTabWidget *m_tabs;
    SampleInfoView *m_info;
    LegendPanel *m_legend;
    InstancesPanel *m_instances;
    QListWidget *m_defects;
    QLabel *m_defectsPlaceholder;
    IssuesPanel *m_issues;
    QLabel *m_readout;
    LabelPicker m_picker;
    ViewExporter m_exporter; //!< after m_canvas, which it exports
};

} // namespace segscope::ui
