#pragma once

#include "models/samplelistmodel.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QSlider;
class QToolButton;

namespace segscope::ui {

//! Edits a SampleFilter: a debounced name search, label statuses (for a chosen labelset),
//! metadata key:value terms, the sort field and direction, and the grid/table switch and
//! the labels-on-thumbnails toggle.
class SampleFilterBar : public QWidget {
    Q_OBJECT

public:
    explicit SampleFilterBar(QWidget *parent = nullptr);

    //! Shows `filter` without emitting filterChanged.
    void setFilter(const models::SampleFilter &filter);
    models::SampleFilter filter() const;
    void setLabelsets(const QStringList &names);
    void focusSearch();
    void setTableMode(bool table);
    //! Shows the "labels on thumbnails" state without emitting labelOverlayToggled.
    void setLabelOverlay(bool on);
    //! Shows the thumbnail size step (0 .. steps - 1) without emitting thumbnailStepChanged.
    void setThumbnailStep(int step, int steps);
    //! The example the metadata field's placeholder gives ("weather:dusk, ..."): terms the
    //! demo dataset has, so trying it finds samples.
    static QString metadataExample();
    //! A filter as the per-dataset setting keeps it (compact JSON), and back; what the JSON
    //! lacks keeps SampleFilter's default.
    static QByteArray filterToSetting(const models::SampleFilter &filter);
    static models::SampleFilter filterFromSetting(const QByteArray &json);

signals:
    void filterChanged(const models::SampleFilter &filter);
    //! The user picked a labelset (not emitted for setFilter/setLabelsets).
    void labelsetPicked(const QString &labelset);
    void thumbnailStepChanged(int step);
    void tableModeToggled(bool table);
    void labelOverlayToggled(bool on);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyButtonStyle();
    void changed();
    void updateStatusButton();

    QLineEdit *m_search;
    QTimer m_debounce;
    QToolButton *m_status;
    QComboBox *m_labelset;
    QLineEdit *m_metadata;
    QComboBox *m_sort;
    QToolButton *m_direction;
    QToolButton *m_tableMode;
    QToolButton *m_labelOverlay;
    QSlider *m_thumbnailSize;
    bool m_updating = false;
    bool m_restyling = false;
};

} // namespace segscope::ui
