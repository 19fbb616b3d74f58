#pragma once

#include "upload/uploadqueue.h"
#include "wire/dataset.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace segscope::ui {

class MetadataEditor;
class SampleNameChecker;
class UploadProgressView;

//! Adds one sample: the image from a file (with a preview) or a URL, its name (checked for
//! uniqueness before sending), typed metadata, priority, and optionally a label (a bitmap PNG
//! plus an annotations JSON, checked against the dataset's categories). Everything is
//! validated inline before anything is sent; then the steps run through the upload queue
//! with their progress shown, and Cancel stops at any step.
class UploadDialog : public QDialog {
    Q_OBJECT

public:
    UploadDialog(api::ApiClient &client, upload::UploadQueue &queue, const wire::Dataset &dataset,
                 QWidget *parent = nullptr);
    ~UploadDialog() override;

    void setImageFile(const QString &path);
    void setImageUrl(const QUrl &url);
    //! The item as the form describes it (for tests), without checking it.
    upload::UploadItem item() const;
    //! Runs every check; true when the form may be sent. Messages appear under their fields.
    //! The name's uniqueness is checked on the server (asynchronously): see nameChecked().
    bool validate();

public slots:
    void submit();

signals:
    //! The sample exists: `uuid` names it.
    void sampleAdded(const QString &uuid);
    //! The server answered whether the name is free.
    void nameChecked(bool free);

protected:
    void reject() override;

private:
    void buildForm();
    void buildLabelGroup();
    void updatePreview();
    void setFieldError(QLabel *label, const QString &message);
    QString takenMessage(const QString &name) const;
    QStringList labelErrors() const;
    void setBusy(bool busy);
    void browseImage();
    void browseFile(QLineEdit *edit, const QString &title, const QString &filter);

    upload::UploadQueue &m_queue;
    wire::Dataset m_dataset;
    SampleNameChecker *m_nameChecker;

    QRadioButton *m_fromFile;
    QRadioButton *m_fromUrl;
    QLineEdit *m_file;
    QLineEdit *m_url;
    QLabel *m_preview;
    QLabel *m_imageError;
    QLineEdit *m_name;
    QLabel *m_nameError;
    MetadataEditor *m_metadata;
    QLabel *m_metadataError;
    QDoubleSpinBox *m_priority;
    QGroupBox *m_labelGroup;
    QComboBox *m_labelset;
    QLineEdit *m_bitmap;
    QLineEdit *m_annotations;
    QLabel *m_labelError;
    UploadProgressView *m_progress;
    QDialogButtonBox *m_buttons;
    QSize m_imageSize;
};

} // namespace segscope::ui
