#include "browse/samplebrowser.h"
#include "settings/appsettings.h"
#include "settings/settingsdialog.h"

#include "api/apiclient.h"
#include "browse/sampledelegate.h"
#include "browse/samplefilterbar.h"
#include "browse/samplegridview.h"
#include "models/thumbnailcache.h"
#include "wire/contract.h"

#include <algorithm>

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

QJsonObject filterToJson(const models::SampleFilter &f) {
    return {
        {"name"_L1, f.nameContains}, {"statuses"_L1, QJsonArray::fromStringList(f.labelStatuses)},
        {"labelset"_L1, f.labelset}, {"metadata"_L1, QJsonArray::fromStringList(f.metadataTerms)},
        {"sort"_L1, f.sortField},    {"descending"_L1, f.sortDescending}};
}

models::SampleFilter filterFromJson(const QJsonObject &o) {
    models::SampleFilter f;
    auto strings = [](const QJsonValue &v) {
        QStringList out;
        for (const QJsonValue &s : v.toArray())
            out.append(s.toString());
        return out;
    };
    f.nameContains = o.value("name"_L1).toString();
    f.labelStatuses = strings(o.value("statuses"_L1));
    f.labelset = o.value("labelset"_L1).toString(f.labelset);
    f.metadataTerms = strings(o.value("metadata"_L1));
    f.sortField = o.value("sort"_L1).toString(f.sortField);
    f.sortDescending = o.value("descending"_L1).toBool();
    return f;
}

} // namespace

SampleBrowser::SampleBrowser(QWidget *parent)
    : QWidget(parent)
    , m_model(new models::SampleListModel(this))
    , m_filterBar(new SampleFilterBar(this))
    , m_views(new QStackedWidget(this))
    , m_grid(new SampleGridView(this))
    , m_table(new QTableView(this)) {
    setObjectName(u"sampleBrowser"_s);
    m_grid->setObjectName(u"sampleGrid"_s);
    m_grid->setModel(m_model);
    m_table->setObjectName(u"sampleTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionModel(m_grid->selectionModel());
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultSectionSize(140);
    m_table->setColumnWidth(models::SampleListModel::NameColumn, 260);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_views->addWidget(m_grid);
    m_views->addWidget(m_table);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_views, 1);

    connect(m_filterBar, &SampleFilterBar::filterChanged, this, &SampleBrowser::applyFilter);
    connect(m_filterBar, &SampleFilterBar::tableModeToggled, this, &SampleBrowser::setTableMode);
    connect(m_filterBar, &SampleFilterBar::labelOverlayToggled, this,
            &SampleBrowser::setLabelOverlay);
    connect(m_grid, &SampleGridView::visibleRowsChanged, this, [this](int first, int last) {
        m_model->setVisibleRows(first, last);
        retainVisibleThumbnails(first, last);
    });
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &SampleBrowser::updateTableVisibleRows);
    for (QAbstractItemView *view :
         {static_cast<QAbstractItemView *>(m_grid), static_cast<QAbstractItemView *>(m_table)}) {
        connect(view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
            const QString uuid =
                index.siblingAtColumn(0).data(models::SampleListModel::UuidRole).toString();
            if (!uuid.isEmpty())
                emit sampleActivated(uuid);
        });
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this, [this, view](const QPoint &pos) {
            showContextMenu(view->viewport()->mapToGlobal(pos), view->indexAt(pos));
        });
        view->installEventFilter(this);
    }
    connect(m_grid->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                emit currentSampleChanged(
                    current.siblingAtColumn(0).data(models::SampleListModel::UuidRole).toString());
            });
    // A freshly opened list starts on its first sample, so the detail pane has something to show.
    connect(m_model, &models::SampleListModel::pageLoaded, this, [this] {
        if (!m_selectWhenListed.isEmpty()) {
            if (const int row = m_model->rowOfUuid(m_selectWhenListed); row >= 0) {
                m_selectWhenListed.clear();
                const QModelIndex index = m_model->index(row, 0);
                m_grid->selectionModel()->setCurrentIndex(
                    index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                m_grid->scrollTo(index);
            }
            return;
        }
        if (m_selectFirst && !m_grid->currentIndex().isValid() && m_model->row(0)) {
            m_grid->selectionModel()->setCurrentIndex(m_model->index(0, 0),
                                                      QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
        }
    });
    // Stepping onto a row whose page is still on its way: announce it once the page arrives.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int row = m_grid->currentIndex().row();
                if (row >= topLeft.row() && row <= bottomRight.row())
                    emit currentSampleChanged(currentUuid());
            });
    connect(m_model, &models::SampleListModel::countsChanged, this, &SampleBrowser::reportCounts);
}

SampleBrowser::~SampleBrowser() = default;

void SampleBrowser::setClient(api::ApiClient *client) {
    // The thumbnails and the delegate that paints them belong to one client.
    QAbstractItemDelegate *oldDelegate = m_grid->itemDelegate();
    m_grid->setItemDelegate(nullptr);
    delete oldDelegate;
    delete m_thumbnails;
    m_thumbnails = nullptr;
    m_client = client;
    m_dataset = {};
    m_model->setDataset(client, {}, 0);
    if (!client)
        return;
    models::ThumbnailCacheOptions thumbnails;
    thumbnails.diskMaxBytes = SettingsDialog::thumbnailCacheMaxBytes();
    m_thumbnails = new models::ThumbnailCache(*client, thumbnails, this);
    m_grid->setItemDelegate(new SampleDelegate(m_thumbnails, m_grid));
}

models::ThumbnailCache *SampleBrowser::thumbnails() const {
    return m_thumbnails;
}

SampleDelegate *SampleBrowser::delegate() const {
    return qobject_cast<SampleDelegate *>(m_grid->itemDelegate());
}

void SampleBrowser::retainVisibleThumbnails(int first, int last) {
    SampleDelegate *paint = delegate();
    if (!m_thumbnails || !paint)
        return;
    QSet<QString> visible;
    for (int r = first; r <= last; ++r) {
        if (const models::SampleRow *row = m_model->row(r))
            visible.insert(paint->thumbnailKey(*row));
    }
    m_thumbnails->retainOnly(visible);
}

void SampleBrowser::showDataset(const wire::Dataset &dataset, bool selectFirst) {
    m_dataset = dataset;
    m_selectFirst = selectFirst;
    m_selectWhenListed.clear();
    QStringList labelsets;
    for (const wire::Labelset &l : dataset.labelsets)
        labelsets.append(l.name);
    if (labelsets.isEmpty())
        labelsets.append(wire::DefaultLabelset);
    m_filterBar->setLabelsets(labelsets);
    models::SampleFilter filter = filterFromJson(
        QJsonDocument::fromJson(settings::DatasetFilter(dataset.fullName).value()).object());
    if (!labelsets.contains(filter.labelset))
        filter.labelset = labelsets.first();
    m_filterBar->setFilter(filter);
    const bool table = settings::DatasetTableMode(dataset.fullName).value();
    m_filterBar->setTableMode(table);
    setTableMode(table);
    const bool labels = settings::DatasetLabelOverlay(dataset.fullName).value();
    m_filterBar->setLabelOverlay(labels);
    if (SampleDelegate *paint = delegate())
        paint->setLabelOverlay(labels, dataset.taskAttributes.value_or(wire::TaskAttributes{}));
    // The filter and the label mode first, then the dataset: one reset, one first page.
    m_model->setFilter(filter);
    m_model->setIncludeFullLabel(labels);
    m_model->setDataset(m_client, dataset.fullName, dataset.samplesCount.value_or(0));
}

void SampleBrowser::applyFilter(const models::SampleFilter &filter) {
    settings::DatasetFilter(m_dataset.fullName)
        .set(QJsonDocument(filterToJson(filter)).toJson(QJsonDocument::Compact));
    m_model->setFilter(filter);
}

void SampleBrowser::setTableMode(bool table) {
    settings::DatasetTableMode(m_dataset.fullName).set(table);
    const QModelIndex current = m_grid->currentIndex();
    m_views->setCurrentWidget(table ? static_cast<QWidget *>(m_table) : m_grid);
    if (current.isValid()) {
        if (table)
            m_table->scrollTo(current);
        else
            m_grid->scrollTo(current);
    }
    if (table)
        updateTableVisibleRows();
}

void SampleBrowser::setLabelOverlay(bool on) {
    settings::DatasetLabelOverlay(m_dataset.fullName).set(on);
    if (SampleDelegate *paint = delegate())
        paint->setLabelOverlay(on, m_dataset.taskAttributes.value_or(wire::TaskAttributes{}));
    // Rows listed without their label are listed again with it; the grid repaints as they come.
    m_model->setIncludeFullLabel(on);
    const auto [first, last] = m_grid->visibleRows();
    retainVisibleThumbnails(first, last);
    m_grid->viewport()->update();
}

void SampleBrowser::updateTableVisibleRows() {
    const int first = std::max(0, m_table->rowAt(0));
    int last = m_table->rowAt(m_table->viewport()->height() - 1);
    if (last < 0)
        last = m_model->rowCount() - 1;
    m_model->setVisibleRows(first, last);
}

void SampleBrowser::selectWhenListed(const QString &uuid) {
    m_selectWhenListed = uuid;
}

void SampleBrowser::addSample(const wire::Sample &sample, bool select) {
    if (sample.datasetFullName != m_dataset.fullName && !sample.datasetFullName.isEmpty())
        return;
    const int row = m_model->addSample(sample);
    if (!select)
        return;
    const QModelIndex index = m_model->index(row, 0);
    m_grid->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_grid->scrollTo(index);
    m_table->scrollTo(index);
}

void SampleBrowser::stepCurrent(int delta) {
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    const int current = std::max(0, m_grid->currentIndex().row());
    const int row = std::clamp(current + delta, 0, rows - 1);
    if (row == m_grid->currentIndex().row())
        return;
    const QModelIndex index = m_model->index(row, 0);
    m_grid->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_grid->scrollTo(index);
    if (m_views->currentWidget() == m_table)
        m_table->scrollTo(index);
}

QString SampleBrowser::uuidNear(int delta) const {
    const int row = m_grid->currentIndex().row() + delta;
    if (row < 0 || row >= m_model->rowCount())
        return {};
    const models::SampleRow *r = m_model->row(row);
    return r ? r->uuid : QString();
}

QString SampleBrowser::currentUuid() const {
    return m_grid->currentIndex()
        .siblingAtColumn(0)
        .data(models::SampleListModel::UuidRole)
        .toString();
}

void SampleBrowser::focusSearch() {
    m_filterBar->focusSearch();
}

void SampleBrowser::copyCurrentUuid() {
    const QString uuid = currentUuid();
    if (!uuid.isEmpty())
        QGuiApplication::clipboard()->setText(uuid);
}

void SampleBrowser::showContextMenu(const QPoint &globalPos, const QModelIndex &index) {
    const QString uuid =
        index.siblingAtColumn(0).data(models::SampleListModel::UuidRole).toString();
    if (uuid.isEmpty())
        return;
    QMenu menu(this);
    menu.addAction(tr("Open"), this, [this, uuid] { emit sampleActivated(uuid); });
    menu.addAction(tr("Copy UUID"), this, [uuid] { QGuiApplication::clipboard()->setText(uuid); });
    // The web app only knows samples of the real service.
    QAction *web = menu.addAction(tr("Open in the Segments.ai web app"), this, [this, uuid] {
        QDesktopServices::openUrl(QUrl(u"https://segments.ai/"_s + m_dataset.fullName +
                                       u"/samples/"_s + uuid + u'/' + m_model->filter().labelset));
    });
    web->setEnabled(m_client && m_client->baseUrl().host().endsWith(u"segments.ai"_s));
    menu.exec(globalPos);
}

bool SampleBrowser::eventFilter(QObject *watched, QEvent *event) {
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy)) {
            copyCurrentUuid();
            return true;
        }
        if (key->matches(QKeySequence::Find)) {
            focusSearch();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            const QString uuid = currentUuid();
            if (!uuid.isEmpty())
                emit sampleActivated(uuid);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SampleBrowser::reportCounts() {
    const QLocale locale;
    QString text;
    if (m_model->filter().narrows()) {
        text = m_model->isExhaustive()
                   ? tr("%1 matching of %2")
                         .arg(locale.toString(m_model->rowCount()),
                              locale.toString(m_dataset.samplesCount.value_or(0)))
                   : tr("%1+ matching of %2")
                         .arg(locale.toString(m_model->rowCount()),
                              locale.toString(m_dataset.samplesCount.value_or(0)));
    } else {
        text = tr("%1 samples · %2 loaded")
                   .arg(locale.toString(m_model->rowCount()),
                        locale.toString(m_model->loadedRowCount()));
    }
    emit countsChanged(text);
}

} // namespace segscope::ui
