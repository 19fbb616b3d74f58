#include "upload/uploaddialog.h"

#include "api/samplesapi.h"
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
#include <QHeaderView>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

enum MetadataColumn { KeyColumn, TypeColumn, ValueColumn };

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

//! A label's attributes from an annotations file: `{"annotations": [...]}` (as in a label's
//! attributes, other fields kept) or a bare list of annotations.
std::optional<QJsonObject> readAnnotations(const QString &path, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QObject::tr("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(10 << 20), &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = QObject::tr("%1 is not valid JSON: %2")
                     .arg(QFileInfo(path).fileName(), parse.errorString());
        return std::nullopt;
    }
    QJsonObject attributes = doc.isObject() ? doc.object() : QJsonObject{};
    if (doc.isArray())
        attributes.insert("annotations"_L1, doc.array());
    if (!attributes.value("annotations"_L1).isArray()) {
        *error = QObject::tr("%1 has no \"annotations\" list").arg(QFileInfo(path).fileName());
        return std::nullopt;
    }
    attributes.remove("segmentation_bitmap"_L1);
    if (!attributes.contains("format_version"_L1))
        attributes.insert("format_version"_L1, u"0.1"_s);
    return attributes;
}

} // namespace

UploadDialog::UploadDialog(api::ApiClient &client, upload::UploadQueue &queue,
                           const wire::Dataset &dataset, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_queue(queue)
    , m_dataset(dataset) {
    setObjectName(u"uploadDialog"_s);
    setWindowTitle(tr("Add a sample to %1").arg(dataset.fullName));
    m_nameTimer.setSingleShot(true);
    m_nameTimer.setInterval(300);
    connect(&m_nameTimer, &QTimer::timeout, this, &UploadDialog::checkName);
    buildForm();
    connect(&m_queue, &upload::UploadQueue::itemChanged, this, &UploadDialog::onItemChanged);
    connect(&m_queue, &upload::UploadQueue::progress, this,
            [this](const QString &id, qint64 sent, qint64 total) {
                if (id != m_itemId || total <= 0)
                    return;
                m_progress->setRange(0, 1000);
                m_progress->setValue(int(sent * 1000 / total));
                m_progress->setFormat(tr("%1 of %2")
                                          .arg(QLocale().formattedDataSize(sent),
                                               QLocale().formattedDataSize(total)));
            });
}

UploadDialog::~UploadDialog() {
    m_nameCall.cancel();
}

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
    connect(m_name, &QLineEdit::textChanged, this, &UploadDialog::checkNameSoon);

    m_metadata = new QTableWidget(0, 3, this);
    m_metadata->setObjectName(u"metadataTable"_s);
    m_metadata->setHorizontalHeaderLabels({tr("Key"), tr("Type"), tr("Value")});
    m_metadata->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_metadata->verticalHeader()->hide();
    m_metadata->setMinimumHeight(90);
    auto *addRowButton = new QPushButton(tr("Add"), this);
    auto *removeRowButton = new QPushButton(tr("Remove"), this);
    connect(addRowButton, &QPushButton::clicked, this, [this] { addMetadataRow(); });
    connect(removeRowButton, &QPushButton::clicked, this, [this] {
        if (m_metadata->currentRow() >= 0)
            m_metadata->removeRow(m_metadata->currentRow());
    });
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(addRowButton);
    buttons->addWidget(removeRowButton);
    buttons->addStretch(1);
    auto *metadataRow = new QHBoxLayout;
    metadataRow->addWidget(m_metadata, 1);
    metadataRow->addLayout(buttons);
    m_metadataError = errorLabel(this);
    form->addRow(tr("Metadata"), metadataRow);
    form->addRow(QString(), m_metadataError);

    m_priority = new QDoubleSpinBox(this);
    m_priority->setObjectName(u"priority"_s);
    m_priority->setRange(-1e9, 1e9);
    m_priority->setDecimals(2);
    form->addRow(tr("Priority"), m_priority);

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

    m_step = new QLabel(this);
    m_step->setObjectName(u"uploadStep"_s);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"uploadProgress"_s);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_step->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *add = m_buttons->addButton(tr("Add Sample"), QDialogButtonBox::AcceptRole);
    add->setObjectName(u"addSampleButton"_s);
    add->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UploadDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &UploadDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_labelGroup);
    layout->addWidget(m_step);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    resize(620, sizeHint().height());
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

void UploadDialog::addMetadataRow(const QString &key, const QString &type, const QString &value) {
    const int r = m_metadata->rowCount();
    m_metadata->insertRow(r);
    m_metadata->setItem(r, KeyColumn, new QTableWidgetItem(key));
    auto *types = new QComboBox(m_metadata);
    types->addItems({tr("text"), tr("number"), tr("boolean")});
    types->setCurrentIndex(type == "number"_L1 ? 1 : type == "boolean"_L1 ? 2 : 0);
    m_metadata->setCellWidget(r, TypeColumn, types);
    m_metadata->setItem(r, ValueColumn, new QTableWidgetItem(value));
}

QJsonObject UploadDialog::metadata(QString *error) const {
    QJsonObject out;
    for (int r = 0; r < m_metadata->rowCount(); ++r) {
        const QString key = m_metadata->item(r, KeyColumn)
                                ? m_metadata->item(r, KeyColumn)->text().trimmed()
                                : QString();
        const QString value = m_metadata->item(r, ValueColumn)
                                  ? m_metadata->item(r, ValueColumn)->text().trimmed()
                                  : QString();
        const int type =
            static_cast<QComboBox *>(m_metadata->cellWidget(r, TypeColumn))->currentIndex();
        if (key.isEmpty() && value.isEmpty())
            continue;
        if (key.isEmpty()) {
            *error = tr("row %1: a value needs a key").arg(r + 1);
            return {};
        }
        if (out.contains(key)) {
            *error = tr("row %1: the key \"%2\" is used twice").arg(r + 1).arg(key);
            return {};
        }
        if (type == 1) {
            bool ok = false;
            const double number = QLocale::c().toDouble(value, &ok);
            if (!ok || !std::isfinite(number)) {
                *error = tr("row %1: \"%2\" is not a number").arg(r + 1).arg(value);
                return {};
            }
            out.insert(key, number);
        } else if (type == 2) {
            const QString v = value.toLower();
            if (v != "true"_L1 && v != "false"_L1 && v != "yes"_L1 && v != "no"_L1 && v != "1"_L1 &&
                v != "0"_L1) {
                *error = tr("row %1: \"%2\" is not true or false").arg(r + 1).arg(value);
                return {};
            }
            out.insert(key, v == "true"_L1 || v == "yes"_L1 || v == "1"_L1);
        } else {
            out.insert(key, value);
        }
    }
    return out;
}

void UploadDialog::setFieldError(QLabel *label, const QString &message) {
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

void UploadDialog::checkNameSoon() {
    m_nameCall.cancel();
    m_checkedName.clear();
    m_nameFree = true;
    setFieldError(m_nameError, QString());
    m_nameTimer.start();
}

void UploadDialog::checkName() {
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return;
    wire::SampleQuery query;
    query.nameContains = name;
    query.perPage = 1000;
    m_nameCall.cancel();
    m_nameCall = api::listSamples(
        m_client, m_dataset.fullName, query, this,
        [this, name](api::Result<QList<wire::Sample>> r) {
            if (!r.ok()) // the queue checks again before creating
                return;
            m_checkedName = name;
            m_nameFree = std::none_of(r->begin(), r->end(),
                                      [&](const wire::Sample &s) { return s.name == name; });
            setFieldError(m_nameError, m_nameFree ? QString()
                                                  : tr("%1 already has a sample named "
                                                       "\"%2\"")
                                                        .arg(m_dataset.fullName, name));
            emit nameChecked(m_nameFree);
        });
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
    item.metadata = metadata(&ignored);
    item.priority = m_priority->value();
    if (m_labelGroup->isChecked()) {
        item.labelset = m_labelset->currentText();
        item.bitmapPath = m_bitmap->text().trimmed();
        if (auto attributes = readAnnotations(m_annotations->text().trimmed(), &ignored))
            item.labelAttributes = *attributes;
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
    else if (m_checkedName == name && !m_nameFree)
        nameError = tr("%1 already has a sample named \"%2\"").arg(m_dataset.fullName, name);
    setFieldError(m_nameError, nameError);
    ok = ok && nameError.isEmpty();

    QString metadataError;
    metadata(&metadataError);
    setFieldError(m_metadataError, metadataError);
    ok = ok && metadataError.isEmpty();

    QStringList labelErrors;
    if (m_labelGroup->isChecked()) {
        QString error;
        const auto attributes = readAnnotations(m_annotations->text().trimmed(), &error);
        if (m_bitmap->text().trimmed().isEmpty())
            labelErrors.append(tr("choose the segmentation bitmap"));
        else if (!attributes)
            labelErrors.append(error);
        else
            labelErrors =
                upload::checkLabel(m_bitmap->text().trimmed(), *attributes,
                                   m_dataset.taskAttributes.value_or(wire::TaskAttributes{}),
                                   m_fromFile->isChecked() ? m_imageSize : QSize());
    }
    setFieldError(m_labelError, labelErrors.join(u'\n'));
    ok = ok && labelErrors.isEmpty();
    return ok;
}

void UploadDialog::setBusy(bool busy) {
    for (QWidget *w : findChildren<QWidget *>()) {
        if (w != m_buttons && !m_buttons->isAncestorOf(w) && w != m_step && w != m_progress &&
            qobject_cast<QLabel *>(w) == nullptr && w->parentWidget() == this)
            w->setEnabled(!busy);
    }
    m_labelGroup->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Cancel)->setText(busy ? tr("Stop") : tr("Cancel"));
    for (QAbstractButton *b : m_buttons->buttons()) {
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(!busy);
    }
    m_step->setVisible(busy || !m_step->text().isEmpty());
    m_progress->setVisible(busy);
}

void UploadDialog::submit() {
    if (!m_itemId.isEmpty() || !validate())
        return;
    upload::UploadItem item = this->item();
    m_step->setText(tr("Starting…"));
    m_progress->setRange(0, 0);
    setBusy(true);
    m_itemId = m_queue.enqueue(std::move(item));
    m_queue.start();
}

void UploadDialog::onItemChanged(const QString &id) {
    if (id != m_itemId)
        return;
    const std::optional<upload::UploadItem> item = m_queue.item(id);
    if (!item)
        return;
    using State = upload::UploadItem::State;
    switch (item->state) {
    case State::Queued:
        m_step->setText(tr("Waiting for the uploads before it…"));
        break;
    case State::CheckingName:
        m_step->setText(tr("Checking that the name is free…"));
        break;
    case State::CreatingAsset:
        m_step->setText(tr("Step 1 of 4: creating the asset…"));
        break;
    case State::Uploading:
        m_step->setText(tr("Step 2 of 4: uploading the image…"));
        break;
    case State::CreatingSample:
        m_step->setText(tr("Step 3 of 4: creating the sample…"));
        m_progress->setRange(0, 0);
        break;
    case State::UploadingBitmap:
        m_step->setText(tr("Step 4 of 4: uploading the label bitmap…"));
        break;
    case State::PuttingLabel:
        m_step->setText(tr("Step 4 of 4: saving the label…"));
        m_progress->setRange(0, 0);
        break;
    case State::Done:
        m_itemId.clear();
        emit sampleAdded(item->sampleUuid);
        QDialog::accept();
        break;
    case State::Skipped:
    case State::Failed:
    case State::Cancelled:
        m_itemId.clear();
        m_step->setText(item->state == State::Cancelled ? tr("Stopped: nothing more was sent.")
                                                        : tr("Not added: %1").arg(item->error));
        m_step->setStyleSheet(item->state == State::Cancelled ? QString() : u"color: #c0392b"_s);
        setBusy(false);
        m_step->show();
        break;
    }
}

void UploadDialog::reject() {
    if (!m_itemId.isEmpty()) {
        // First press stops the running step; the form stays for another try.
        m_queue.cancel(m_itemId);
        return;
    }
    QDialog::reject();
}

} // namespace segscope::ui
