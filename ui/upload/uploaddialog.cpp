#include "upload/uploaddialog.h"

#include "upload/annotationfile.h"
#include "upload/metadataeditor.h"
#include "upload/samplenamechecker.h"
#include "upload/uploadprogressview.h"
#include "wire/contract.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

QLabel *errorLabel(QWidget *parent) {
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(u"color: #c0392b"_s);
    label->hide();
    return label;
}

QWidget *row(QWidget *parent, std::initializer_list<QWidget *> widgets) {
    auto *w = new QWidget(parent);
    auto *layout = new QHBoxLayout(w);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *child : widgets)
        layout->addWidget(child, child == *widgets.begin() ? 1 : 0);
    return w;
}

} // namespace

UploadDialog::UploadDialog(api::ApiClient &client, upload::UploadQueue &queue,
                           const wire::Dataset &dataset, QWidget *parent)
    : QDialog(parent)
    , m_queue(queue)
    , m_dataset(dataset)
    , m_nameChecker(new SampleNameChecker(client, dataset.fullName, this)) {
    setObjectName(u"uploadDialog"_s);
    setWindowTitle(tr("Add a sample to %1").arg(dataset.fullName));
    connect(m_nameChecker, &SampleNameChecker::checked, this,
            [this](const QString &name, bool free) {
                setFieldError(m_nameError, free ? QString() : takenMessage(name));
                emit nameChecked(free);
            });
    buildForm();
}

UploadDialog::~UploadDialog() = default;

void UploadDialog::buildForm() {
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Dataset"),
                 new QLabel(u"<b>%1</b>"_s.arg(m_dataset.fullName.toHtmlEscaped()), this));

    m_fromFile = new QRadioButton(tr("File"), this);
    m_fromUrl = new QRadioButton(tr("URL"), this);
    m_fromFile->setChecked(true);
    m_file = new QLineEdit(this);
    m_file->setObjectName(u"imageFile"_s);
    m_file->setPlaceholderText(tr("A JPEG, PNG or BMP image"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &UploadDialog::browseImage);
    m_url = new QLineEdit(this);
    m_url->setObjectName(u"imageUrl"_s);
    m_url->setPlaceholderText(u"https://…"_s);
    m_url->setEnabled(false);
    m_preview = new QLabel(this);
    m_preview->setObjectName(u"imagePreview"_s);
    m_preview->setFixedHeight(150);
    m_preview->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_imageError = errorLabel(this);
    auto *source = new QWidget(this);
    auto *sourceLayout = new QHBoxLayout(source);
    sourceLayout->setContentsMargins(0, 0, 0, 0);
    sourceLayout->addWidget(m_fromFile);
    sourceLayout->addWidget(m_fromUrl);
    sourceLayout->addStretch(1);
    form->addRow(tr("Image"), source);
    form->addRow(QString(), row(this, {m_file, browse}));
    form->addRow(QString(), m_url);
    form->addRow(QString(), m_preview);
    form->addRow(QString(), m_imageError);
    connect(m_fromFile, &QRadioButton::toggled, this, [this](bool file) {
        m_file->setEnabled(file);
        m_url->setEnabled(!file);
        updatePreview();
    });
    connect(m_file, &QLineEdit::textChanged, this, [this](const QString &path) {
        if (m_name->text().isEmpty() || m_name->isModified() == false)
            m_name->setText(QFileInfo(path).fileName());
        updatePreview();
    });
    connect(m_url, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (!m_name->isModified())
            m_name->setText(QUrl(text).fileName());
    });

    m_name = new QLineEdit(this);
    m_name->setObjectName(u"sampleName"_s);
    m_nameError = errorLabel(this);
    form->addRow(tr("Name"), m_name);
    form->addRow(QString(), m_nameError);
    connect(m_name, &QLineEdit::textChanged, this, [this](const QString &text) {
        setFieldError(m_nameError, QString());
        m_nameChecker->checkSoon(text.trimmed());
    });

    m_metadata = new MetadataEditor(this);
    m_metadataError = errorLabel(this);
    form->addRow(tr("Metadata"), m_metadata);
    form->addRow(QString(), m_metadataError);

    m_priority = new QDoubleSpinBox(this);
    m_priority->setObjectName(u"priority"_s);
    m_priority->setRange(-1e9, 1e9);
    m_priority->setDecimals(2);
    form->addRow(tr("Priority"), m_priority);

    buildLabelGroup();
    m_progress = new UploadProgressView(m_queue, this);
    connect(m_progress, &UploadProgressView::succeeded, this, [this](const QString &uuid) {
        emit sampleAdded(uuid);
        QDialog::accept();
    });
    connect(m_progress, &UploadProgressView::ended, this, [this] { setBusy(false); });

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *add = m_buttons->addButton(tr("Add Sample"), QDialogButtonBox::AcceptRole);
    add->setObjectName(u"addSampleButton"_s);
    add->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UploadDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &UploadDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_labelGroup);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    resize(620, sizeHint().height());
}

void UploadDialog::buildLabelGroup() {
    m_labelGroup = new QGroupBox(tr("Add a label"), this);
    m_labelGroup->setObjectName(u"labelGroup"_s);
    m_labelGroup->setCheckable(true);
    m_labelGroup->setChecked(false);
    auto *labelForm = new QFormLayout(m_labelGroup);
    m_labelset = new QComboBox(this);
    for (const wire::Labelset &l : m_dataset.labelsets)
        m_labelset->addItem(l.name);
    if (m_labelset->count() == 0)
        m_labelset->addItem(wire::DefaultLabelset);
    m_bitmap = new QLineEdit(this);
    m_bitmap->setObjectName(u"bitmapFile"_s);
    m_bitmap->setPlaceholderText(tr("Segmentation bitmap (PNG)"));
    auto *browseBitmap = new QPushButton(tr("Browse…"), this);
    connect(browseBitmap, &QPushButton::clicked, this,
            [this] { browseFile(m_bitmap, tr("Segmentation bitmap"), tr("PNG images (*.png)")); });
    m_annotations = new QLineEdit(this);
    m_annotations->setObjectName(u"annotationsFile"_s);
    m_annotations->setPlaceholderText(tr("Annotations (JSON)"));
    auto *browseAnnotations = new QPushButton(tr("Browse…"), this);
    connect(browseAnnotations, &QPushButton::clicked, this,
            [this] { browseFile(m_annotations, tr("Annotations"), tr("JSON files (*.json)")); });
    m_labelError = errorLabel(this);
    labelForm->addRow(tr("Labelset"), m_labelset);
    labelForm->addRow(tr("Bitmap"), row(this, {m_bitmap, browseBitmap}));
    labelForm->addRow(tr("Annotations"), row(this, {m_annotations, browseAnnotations}));
    labelForm->addRow(m_labelError);
}

void UploadDialog::browseImage() {
    browseFile(m_file, tr("Choose an image"),
               tr("Images (*.jpg *.jpeg *.png *.bmp);;All files (*)"));
}

void UploadDialog::browseFile(QLineEdit *edit, const QString &title, const QString &filter) {
    const QString path = QFileDialog::getOpenFileName(this, title, edit->text(), filter);
    if (!path.isEmpty())
        edit->setText(path);
}

void UploadDialog::setImageFile(const QString &path) {
    m_fromFile->setChecked(true);
    m_file->setText(path);
}

void UploadDialog::setImageUrl(const QUrl &url) {
    m_fromUrl->setChecked(true);
    m_url->setText(url.toString());
}

void UploadDialog::updatePreview() {
    m_preview->clear();
    m_imageSize = QSize();
    if (!m_fromFile->isChecked() || m_file->text().isEmpty())
        return;
    QImageReader reader(m_file->text());
    reader.setAutoTransform(true);
    m_imageSize = reader.size();
    if (!m_imageSize.isValid())
        return;
    reader.setScaledSize(m_imageSize.scaled(QSize(260, 150), Qt::KeepAspectRatio));
    const QImage image = reader.read();
    if (!image.isNull()) {
        m_preview->setPixmap(QPixmap::fromImage(image));
        m_preview->setToolTip(
            tr("%1 × %2 pixels").arg(m_imageSize.width()).arg(m_imageSize.height()));
    }
}

void UploadDialog::setFieldError(QLabel *label, const QString &message) {
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

QString UploadDialog::takenMessage(const QString &name) const {
    return tr("%1 already has a sample named \"%2\"").arg(m_dataset.fullName, name);
}

upload::UploadItem UploadDialog::item() const {
    upload::UploadItem item;
    item.dataset = m_dataset.fullName;
    if (m_fromFile->isChecked())
        item.filePath = m_file->text().trimmed();
    else
        item.imageUrl = QUrl(m_url->text().trimmed());
    item.sampleName = m_name->text().trimmed();
    QString ignored;
    item.metadata = m_metadata->metadata(&ignored);
    item.priority = m_priority->value();
    if (m_labelGroup->isChecked()) {
        item.labelset = m_labelset->currentText();
        item.bitmapPath = m_bitmap->text().trimmed();
        if (const auto file =
                upload::AnnotationFile::read(m_annotations->text().trimmed(), &ignored))
            item.labelAttributes = file->labelAttributes();
    }
    return item;
}

bool UploadDialog::validate() {
    bool ok = true;
    QString imageError;
    if (m_fromFile->isChecked()) {
        imageError = m_file->text().trimmed().isEmpty()
                         ? tr("choose an image file")
                         : upload::checkImageFile(m_file->text().trimmed());
    } else {
        imageError = upload::checkImageUrl(QUrl(m_url->text().trimmed()));
    }
    setFieldError(m_imageError, imageError);
    ok = ok && imageError.isEmpty();

    const QString name = m_name->text().trimmed();
    QString nameError;
    if (name.isEmpty())
        nameError = tr("a sample needs a name");
    else if (std::any_of(name.begin(), name.end(),
                         [](QChar c) { return c.category() == QChar::Other_Control; }))
        nameError = tr("the name contains control characters");
    else if (m_nameChecker->isTaken(name))
        nameError = takenMessage(name);
    setFieldError(m_nameError, nameError);
    ok = ok && nameError.isEmpty();

    QString metadataError;
    m_metadata->metadata(&metadataError);
    setFieldError(m_metadataError, metadataError);
    ok = ok && metadataError.isEmpty();

    const QStringList problems = labelErrors();
    setFieldError(m_labelError, problems.join(u'\n'));
    return ok && problems.isEmpty();
}

QStringList UploadDialog::labelErrors() const {
    if (!m_labelGroup->isChecked())
        return {};
    if (m_bitmap->text().trimmed().isEmpty())
        return {tr("choose the segmentation bitmap")};
    if (m_annotations->text().trimmed().isEmpty())
        return {tr("choose the annotations (a JSON file)")};
    QString error;
    const auto file = upload::AnnotationFile::read(m_annotations->text().trimmed(), &error);
    if (!file)
        return {error};
    return upload::checkLabel(m_bitmap->text().trimmed(), file->labelAttributes(),
                              m_dataset.taskAttributes.value_or(wire::TaskAttributes{}),
                              m_fromFile->isChecked() ? m_imageSize : QSize());
}

void UploadDialog::setBusy(bool busy) {
    for (QWidget *w : findChildren<QWidget *>()) {
        if (w != m_buttons && !m_buttons->isAncestorOf(w) && w != m_progress &&
            qobject_cast<QLabel *>(w) == nullptr && w->parentWidget() == this)
            w->setEnabled(!busy);
    }
    m_labelGroup->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Cancel)->setText(busy ? tr("Stop") : tr("Cancel"));
    for (QAbstractButton *b : m_buttons->buttons()) {
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(!busy);
    }
}

void UploadDialog::submit() {
    if (!m_progress->itemId().isEmpty() || !validate())
        return;
    upload::UploadItem item = this->item();
    setBusy(true);
    m_progress->follow(m_queue.enqueue(std::move(item)));
    m_queue.start();
}

void UploadDialog::reject() {
    if (!m_progress->itemId().isEmpty()) {
        // First press stops the running step; the form stays for another try.
        m_queue.cancel(m_progress->itemId());
        return;
    }
    QDialog::reject();
}

} // namespace segscope::ui
