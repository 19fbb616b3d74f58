#include "browse/samplebrowser.h"
#include "settings/appsettings.h"
#include "settings/settingsdialog.h"

#include "api/apiclient.h"
#include "browse/samplecontextmenu.h"
#include "browse/sampledelegate.h"
#include "browse/samplefilterbar.h"
#include "browse/samplegridview.h"
#include "browse/samplelistmessage.h"
#include "browse/sampletableview.h"
#include "models/thumbnailcache.h"
#include "wire/contract.h"

#include <algorithm>

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QShortcut>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace segscope::ui {

SampleBrowser::SampleBrowser(QWidget *parent)
    : QWidget(parent)
    , m_model(new models::SampleListModel(this))
    , m_filterBar(new SampleFilterBar(this))
    , m_views(new QStackedWidget(this))
    , m_grid(new SampleGridView(this))
    , m_table(new SampleTableView(this))
    , m_message(new SampleListMessage(m_views)) {
    setObjectName(u"sampleBrowser"_s);
    m_grid->setObjectName(u"sampleGrid"_s);
    m_grid->setModel(m_model);
    m_table->setObjectName(u"sampleTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionModel(m_grid->selectionModel());
    m_views->addWidget(m_grid);
    m_views->addWidget(m_table);
    connect(m_message, &SampleListMessage::clearFiltersRequested, this,
            &SampleBrowser::clearFilters);
    connect(m_message, &SampleListMessage::retryRequested, this, [this] {
        m_failure.clear();
        m_model->setDataset(m_client, m_dataset.fullName, m_dataset.samplesCount.value_or(0));
        updateListState();
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_views, 1);

    connect(m_filterBar, &SampleFilterBar::filterChanged, this, &SampleBrowser::applyFilter);
    connect(m_filterBar, &SampleFilterBar::labelsetPicked, this, &SampleBrowser::labelsetChanged);
    connect(m_filterBar, &SampleFilterBar::tableModeToggled, this, &SampleBrowser::setTableMode);
    connect(m_filterBar, &SampleFilterBar::labelOverlayToggled, this,
            &SampleBrowser::setLabelOverlay);
    connect(m_filterBar, &SampleFilterBar::thumbnailStepChanged, this,
            &SampleBrowser::setThumbnailStep);
    connect(m_table, &SampleTableView::sortRequested, this, &SampleBrowser::sortBy);
    connect(m_table, &SampleTableView::sortRefused, this, &SampleBrowser::statusMessage);
    connect(m_grid, &SampleGridView::visibleRowsChanged, this, [this](int first, int last) {
        m_model->setVisibleRows(first, last);
        retainVisibleThumbnails(first, last);
    });
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &SampleBrowser::updateTableVisibleRows);
    for (QAbstractItemView *view :
         {static_cast<QAbstractItemView *>(m_grid), static_cast<QAbstractItemView *>(m_table),
          static_cast<QAbstractItemView *>(m_table->frozenView())}) {
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
                announceCurrent(
                    current.siblingAtColumn(0).data(models::SampleListModel::UuidRole).toString());
            });
    connect(m_model, &models::SampleListModel::pageLoaded, this, &SampleBrowser::onPageLoaded);
    // Stepping onto a row whose page is still on its way: announce it once the page arrives.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int row = m_grid->currentIndex().row();
                if (row >= topLeft.row() && row <= bottomRight.row())
                    announceCurrent(currentUuid());
            });
    connect(m_model, &models::SampleListModel::countsChanged, this, [this] {
        reportCounts();
        updateListState();
    });
    connect(m_model, &models::SampleListModel::loadFailed, this, [this](const QString &message) {
        m_failure = message;
        updateListState();
    });

    // Grid density: Ctrl+= (or Ctrl++) and Ctrl+- anywhere in the browser.
    const auto shortcut = [this](const QKeySequence &keys, int delta) {
        auto *s = new QShortcut(keys, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this,
                [this, delta] { setThumbnailStep(m_thumbnailStep + delta); });
    };
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Equal), +1);
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Plus), +1);
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus), -1);
    const QList<int> &sizes = thumbnailSizes();
    const auto saved =
        std::find(sizes.begin(), sizes.end(), settings::BrowserThumbnailSize.value());
    setThumbnailStep(saved != sizes.end() ? int(saved - sizes.begin()) : 2);
}

SampleBrowser::~SampleBrowser() {
    // ~QWidget hides and deletes the children after this: a field losing focus then (the
    // metadata filter's editingFinished) must not reach a browser that is no longer one.
    for (QObject *child : findChildren<QObject *>())
        disconnect(child, nullptr, this, nullptr);
}

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

void SampleBrowser::setSampleScores(const QHash<QString, double> &meanIoUByUuid) {
    delegate()->setScores(meanIoUByUuid);
    m_grid->viewport()->update();
}

bool SampleBrowser::selectIfListed(const QString &uuid) {
    const int row = m_model->rowOfUuid(uuid);
    if (row >= 0)
        selectRow(row);
    return row >= 0;
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
    models::SampleFilter filter =
        SampleFilterBar::filterFromSetting(settings::DatasetFilter(dataset.fullName).value());
    if (!labelsets.contains(filter.labelset))
        filter.labelset = labelsets.first();
    m_filterBar->setFilter(filter);
    m_table->setSort(filter.sortField, filter.sortDescending);
    m_failure.clear();
    m_followUuid.clear();
    const bool table = settings::DatasetTableMode(dataset.fullName).value();
    m_filterBar->setTableMode(table);
    // A filmstrip stays one: the dataset's mode comes back when it ends.
    if (m_filmstrip)
        m_tableBeforeFilmstrip = table;
    else
        showView(table);
    const bool labels = settings::DatasetLabelOverlay(dataset.fullName).value();
    m_filterBar->setLabelOverlay(labels);
    if (SampleDelegate *paint = delegate())
        paint->setLabelOverlay(labels, dataset.taskAttributes.value_or(wire::TaskAttributes{}));
    // The filter and the label mode first, then the dataset: one reset, one first page.
    m_model->setFilter(filter);
    m_model->setIncludeFullLabel(labels);
    m_model->setDataset(m_client, dataset.fullName, dataset.samplesCount.value_or(0));
    updateListState();
}

void SampleBrowser::applyFilter(const models::SampleFilter &filter) {
    settings::DatasetFilter(m_dataset.fullName).set(SampleFilterBar::filterToSetting(filter));
    m_table->setSort(filter.sortField, filter.sortDescending);
    if (filter == m_model->filter())
        return;
    // The list starts over without a current row: the sample shown stays current if the new
    // list has it, else the first row takes its place (or none, when nothing matches).
    const QString current = currentUuid();
    m_followUuid = current.isEmpty() ? m_announcedUuid : current;
    m_selectFirst = true;
    m_failure.clear();
    m_model->setFilter(filter);
    updateListState();
}

void SampleBrowser::sortBy(const QString &field, bool descending) {
    models::SampleFilter filter = m_model->filter();
    filter.sortField = field;
    filter.sortDescending = descending;
    m_filterBar->setFilter(filter);
    applyFilter(m_filterBar->filter());
}

void SampleBrowser::clearFilters() {
    models::SampleFilter filter = m_model->filter();
    filter.nameContains.clear();
    filter.labelStatuses.clear();
    filter.metadataTerms.clear();
    m_filterBar->setFilter(filter);
    applyFilter(m_filterBar->filter());
}

QString SampleBrowser::labelset() const {
    return m_model->filter().labelset;
}

void SampleBrowser::setLabelset(const QString &labelset) {
    if (labelset == this->labelset())
        return;
    models::SampleFilter filter = m_model->filter();
    filter.labelset = labelset;
    // The filter bar keeps its labelset when the dataset has no such one.
    m_filterBar->setFilter(filter);
    applyFilter(m_filterBar->filter());
}

void SampleBrowser::onPageLoaded() {
    if (!m_selectWhenListed.isEmpty()) {
        if (const int row = m_model->rowOfUuid(m_selectWhenListed); row >= 0) {
            m_selectWhenListed.clear();
            selectRow(row);
        }
        return;
    }
    if (!m_grid->currentIndex().isValid()) {
        const int followed = m_followUuid.isEmpty() ? -1 : m_model->rowOfUuid(m_followUuid);
        // A freshly opened list starts on its first sample, so the detail pane has something
        // to show.
        if (followed >= 0)
            selectRow(followed);
        else if ((m_selectFirst || !m_followUuid.isEmpty()) && m_model->row(0))
            selectRow(0);
        if (m_grid->currentIndex().isValid())
            m_followUuid.clear();
    }
    m_table->fitColumnsOnce();
    updateListState();
}

void SampleBrowser::selectRow(int row) {
    const QModelIndex index = m_model->index(row, 0);
    m_grid->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_grid->scrollTo(index);
    if (m_views->currentWidget() == m_table)
        m_table->scrollTo(index);
}

void SampleBrowser::announceCurrent(const QString &uuid) {
    m_announcedUuid = uuid;
    emit currentSampleChanged(uuid);
}

void SampleBrowser::updateListState() {
    const bool narrows = m_model->filter().narrows();
    const int rows = m_model->rowCount();
    const bool failed = !m_failure.isEmpty() && m_model->loadedRowCount() == 0;
    using State = SampleListMessage::State;
    State state = State::Hidden;
    if (!m_client || m_dataset.fullName.isEmpty())
        state = State::Hidden; // nothing open: nothing to say
    else if (failed)
        state = State::Failed;
    else if (rows == 0 && narrows)
        state = m_model->isExhaustive() ? State::NoMatches : State::Loading;
    else if (rows == 0)
        state = State::NoSamples;
    m_message->showState(state, m_failure, narrows);
    // The pane follows the list: a list known to be empty has no current sample.
    const bool empty = failed || (rows == 0 && (!narrows || m_model->isExhaustive()));
    if (empty && m_client && !m_dataset.fullName.isEmpty()) {
        m_followUuid.clear();
        if (!m_announcedUuid.isEmpty())
            announceCurrent(QString());
    }
}

void SampleBrowser::setFilmstrip(bool on) {
    if (on == m_filmstrip)
        return;
    m_filmstrip = on;
    if (on) {
        m_tableBeforeFilmstrip = m_views->currentWidget() == m_table;
        m_filterBar->hide();
        showView(false);
        m_grid->setFilmstrip(true);
        setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    } else {
        m_grid->setFilmstrip(false);
        m_filterBar->show();
        showView(m_tableBeforeFilmstrip);
        setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    }
    if (m_grid->currentIndex().isValid())
        m_grid->scrollTo(m_grid->currentIndex(), on ? QAbstractItemView::PositionAtCenter
                                                    : QAbstractItemView::EnsureVisible);
    updateGeometry();
}

QSize SampleBrowser::sizeHint() const {
    if (m_filmstrip)
        return m_grid->sizeHint();
    return QWidget::sizeHint();
}

const QList<int> &SampleBrowser::thumbnailSizes() {
    static const QList<int> sizes{96, 136, 176, 224, 272, 320};
    return sizes;
}

void SampleBrowser::setThumbnailStep(int step) {
    const QList<int> &sizes = thumbnailSizes();
    step = std::clamp(step, 0, int(sizes.size()) - 1);
    m_thumbnailStep = step;
    const int width = sizes.at(step);
    // A thumbnail of about 4:3 over the name line (34 px of padding and text).
    m_grid->setCellSize(QSize(width, width * 18 / 25 + 34));
    if (m_grid->currentIndex().isValid())
        m_grid->scrollTo(m_grid->currentIndex());
    m_filterBar->setThumbnailStep(step, int(sizes.size()));
    settings::BrowserThumbnailSize.set(width);
}

void SampleBrowser::setTableMode(bool table) {
    settings::DatasetTableMode(m_dataset.fullName).set(table);
    showView(table);
}

void SampleBrowser::showView(bool table) {
    const QModelIndex current = m_grid->currentIndex();
    m_views->setCurrentWidget(table ? static_cast<QWidget *>(m_table) : m_grid);
    if (current.isValid()) {
        if (table)
            m_table->scrollTo(current);
        else
            m_grid->scrollTo(current);
    }
    if (table) {
        updateTableVisibleRows();
        m_table->fitColumnsOnce();
    }
    m_message->raise();
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
    const int added = m_model->addedCount();
    const int row = m_model->addSample(sample);
    if (m_model->addedCount() > added) {
        // One more in the dataset: the counts say so now, not at the next listing.
        m_dataset.samplesCount = m_dataset.samplesCount.value_or(0) + 1;
        reportCounts();
        updateListState();
        emit datasetCountsChanged(m_dataset.fullName);
    }
    if (!select)
        return;
    selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
}

void SampleBrowser::refreshSample(const QString &uuid) {
    m_model->refreshSample(uuid);
    emit datasetCountsChanged(m_dataset.fullName);
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
    if (const QString uuid = currentUuid(); !uuid.isEmpty())
        QGuiApplication::clipboard()->setText(uuid);
}

void SampleBrowser::showContextMenu(const QPoint &globalPos, const QModelIndex &index) {
    const QString uuid =
        index.siblingAtColumn(0).data(models::SampleListModel::UuidRole).toString();
    if (uuid.isEmpty())
        return;
    // The selection when the click was on it, else only the sample clicked.
    const bool inSelection = m_grid->selectionModel()->isRowSelected(index.row());
    SampleContextMenu menu(uuid, this);
    menu.setWebApp(m_dataset.fullName, m_model->filter().labelset,
                   m_client && m_client->baseUrl().host().endsWith(u"segments.ai"_s));
    connect(&menu, &SampleContextMenu::openRequested, this,
            [this, uuid] { emit sampleActivated(uuid); });
    emit contextMenuRequested(&menu, inSelection ? selectedUuids() : QStringList{uuid});
    menu.exec(globalPos);
}

QStringList SampleBrowser::selectedUuids() const {
    QModelIndexList rows = m_grid->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QStringList uuids;
    for (const QModelIndex &index : rows) {
        if (const models::SampleRow *row = m_model->row(index.row()))
            uuids.append(row->uuid);
    }
    return uuids;
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
