#pragma once

#include "api/result.h"
#include "wire/dataset.h"
#include "upload/uploadqueue.h"

#include <QDialog>
#include <QTimer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QRadioButton;
class QTableWidget;

namespace segscope::ui {

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
    void updatePreview();
    void checkNameSoon();
    void checkName();
    void setFieldError(QLabel *label, const QString &message);
    void addMetadataRow(const QString &key = {}, const QString &type = {},
                        const QString &value = {});
    QJsonObject metadata(QString *error) const;
    void setBusy(bool busy);
    void onItemChanged(const QString &id);
    void browseImage();
    void browseFile(QLineEdit *edit, const QString &title, const QString &filter);

    api::ApiClient &m_client;
    upload::UploadQueue &m_queue;
    wire::Dataset m_dataset;
    QString m_itemId; //!< while sending
    QString m_checkedName;
    bool m_nameFree = true;
    api::CallHandle m_nameCall;
    QTimer m_nameTimer;

    QRadioButton *m_fromFile;
    QRadioButton *m_fromUrl;
    QLineEdit *m_file;
    QLineEdit *m_url;
    QLabel *m_preview;
    QLabel *m_imageError;
    QLineEdit *m_name;
    QLabel *m_nameError;
    QTableWidget *m_metadata;
    QLabel *m_metadataError;
    QDoubleSpinBox *m_priority;
    QGroupBox *m_labelGroup;
    QComboBox *m_labelset;
    QLineEdit *m_bitmap;
    QLineEdit *m_annotations;
    QLabel *m_labelError;
    QLabel *m_step;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    QSize m_imageSize;
};

} // namespace segscope::ui
