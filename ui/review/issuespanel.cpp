#include "review/issuespanel.h"

#include "api/issuesapi.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

//! Open first; within each, the newest first (what a reviewer raised last is what they look
//! for). Issues without a time keep the server's order.
void sortShown(QList<wire::Issue> &issues) {
    std::stable_sort(issues.begin(), issues.end(), [](const wire::Issue &a, const wire::Issue &b) {
        if (a.isOpen() != b.isOpen())
            return a.isOpen();
        return a.createdAt.isValid() && b.createdAt.isValid() && a.createdAt > b.createdAt;
    });
}

//! The server's answer to a sample's issues says it has no such path.
bool routeMissing(const api::ApiError &error) {
    return error.httpStatus == 404 || error.httpStatus == 405;
}

} // namespace

IssuesPanel::IssuesPanel(QWidget *parent)
    : QWidget(parent)
    , m_message(new QLabel(this))
    , m_actionError(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_cards(new QWidget)
    , m_cardsLayout(new QVBoxLayout(m_cards))
    , m_chip(new QToolButton(this)) {
    setObjectName(u"issuesPanel"_s);
    m_message->setObjectName(u"issuesMessage"_s);
    m_actionError->setObjectName(u"issuesActionError"_s);
    m_scroll->setObjectName(u"issuesScroll"_s);
    m_chip->setObjectName(u"openIssuesChip"_s);

    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    // A failed close or reopen, in the tool tip's colours: set apart in both themes.
    m_actionError->setWordWrap(true);
    m_actionError->setAutoFillBackground(true);
    m_actionError->setBackgroundRole(QPalette::ToolTipBase);
    m_actionError->setForegroundRole(QPalette::ToolTipText);
    m_actionError->setContentsMargins(6, 3, 6, 3);
    m_actionError->hide();

    m_cardsLayout->setContentsMargins(4, 4, 4, 4);
    m_cardsLayout->setSpacing(6);
    m_cardsLayout->addStretch(1);
    m_scroll->setWidget(m_cards);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    // Descriptions wrap to the tab's width rather than scrolling sideways.
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_actionError);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_message, 1);

    m_chip->setAutoRaise(true);
    m_chip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_chip->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_chip->setToolTip(tr("Show the sample's issues"));
    m_chip->setCursor(Qt::PointingHandCursor);
    m_chip->hide();
    connect(m_chip, &QToolButton::clicked, this, &IssuesPanel::showRequested);

    setMessage(State::NoSample, tr("No sample selected"));
}

IssuesPanel::~IssuesPanel() = default;

void IssuesPanel::setClient(api::ApiClient *client) {
    m_client = client;
    m_sampleRouteMissing = false;
    m_datasetIssues.clear();
    m_datasetCall.cancel();
    m_datasetLoading.clear();
    m_busy.clear();
    const QString uuid = m_uuid;
    m_uuid.clear();
    showSample(uuid);
}

void IssuesPanel::setDataset(const QString &fullName) {
    if (fullName == m_dataset)
        return;
    m_dataset = fullName;
    showSample(QString());
}

void IssuesPanel::showSample(const QString &uuid) {
    if (uuid == m_uuid && !uuid.isEmpty())
        return;
    m_uuid = uuid;
    m_actionError->hide();
    load(false);
}

void IssuesPanel::reload() {
    load(true);
}

void IssuesPanel::load(bool keepShown) {
    ++m_generation;
    m_call.cancel();
    if (m_uuid.isEmpty() || !m_client) {
        m_issues.clear();
        rebuildCards();
        setMessage(State::NoSample, tr("No sample selected"));
        updateCount();
        return;
    }
    if (!keepShown || m_state != State::Issues) {
        m_issues.clear();
        rebuildCards();
        setMessage(State::Loading, tr("Loading the issues…"));
        updateCount();
    }
    if (m_sampleRouteMissing) {
        loadFromDataset();
        return;
    }
    const quint64 generation = m_generation;
    m_call = api::listSampleIssues(*m_client, m_uuid, this,
                                   [this, generation](api::Result<QList<wire::Issue>> result) {
                                       if (generation == m_generation)
                                           onSampleAnswer(result);
                                   });
}

void IssuesPanel::onSampleAnswer(const api::Result<QList<wire::Issue>> &result) {
    if (result.ok()) {
        setIssues(result.value());
        return;
    }
    if (!routeMissing(result.error()) || m_dataset.isEmpty()) {
        setFailed(result.error().toString());
        return;
    }
    // The service keeps a sample's issues only in the sample and the dataset's list.
    m_sampleRouteMissing = true;
    loadFromDataset();
}

void IssuesPanel::loadFromDataset() {
    if (m_datasetIssues.contains(m_dataset)) {
        showFromCache();
        return;
    }
    // One read of the list serves every sample shown while it runs.
    if (m_datasetCall.isActive() && m_datasetLoading == m_dataset)
        return;
    m_datasetCall.cancel();
    m_datasetLoading = m_dataset;
    const QString dataset = m_dataset;
    m_datasetCall = api::listDatasetIssues(
        *m_client, dataset, this, [this, dataset](api::Result<QList<wire::Issue>> result) {
            m_datasetLoading.clear();
            if (dataset != m_dataset || m_uuid.isEmpty() || !m_sampleRouteMissing) {
                if (result.ok())
                    m_datasetIssues.insert(dataset, result.value());
                return;
            }
            if (!result.ok()) {
                setFailed(result.error().toString());
                return;
            }
            m_datasetIssues.insert(dataset, result.value());
            showFromCache();
        });
}

void IssuesPanel::showFromCache() {
    QList<wire::Issue> mine;
    for (const wire::Issue &issue : m_datasetIssues.value(m_dataset)) {
        if (issue.sampleUuid == m_uuid)
            mine.append(issue);
    }
    setIssues(std::move(mine));
}

void IssuesPanel::setIssues(QList<wire::Issue> issues) {
    sortShown(issues);
    m_issues = std::move(issues);
    rebuildCards();
    if (m_issues.isEmpty())
        setMessage(State::NoIssues, tr("No issues on this sample"));
    else
        setMessage(State::Issues, QString());
    updateCount();
    emit issuesShown(m_uuid, int(m_issues.size()));
}

void IssuesPanel::setFailed(const QString &message) {
    m_issues.clear();
    rebuildCards();
    setMessage(State::Failed, tr("Could not load the issues: %1").arg(message));
    updateCount();
}

void IssuesPanel::setMessage(State state, const QString &text) {
    m_state = state;
    m_message->setText(text);
    m_message->setVisible(state != State::Issues);
    m_scroll->setVisible(state == State::Issues);
}

void IssuesPanel::rebuildCards() {
    while (m_cardsLayout->count() > 1) {
        QLayoutItem *item = m_cardsLayout->takeAt(0);
        // Later: a card's own button may be what asked for the rebuild.
        if (QWidget *card = item->widget()) {
            card->hide();
            card->setParent(nullptr);
            card->deleteLater();
        }
        delete item;
    }
    for (qsizetype i = 0; i < m_issues.size(); ++i)
        m_cardsLayout->insertWidget(int(i), makeCard(m_issues.at(i)));
}

QWidget *IssuesPanel::makeCard(const wire::Issue &issue) {
    auto *card = new QFrame(m_cards);
    card->setObjectName(u"issueCard"_s);
    card->setProperty("issueUuid", issue.uuid);
    card->setFrameShape(QFrame::StyledPanel);
    card->setAutoFillBackground(true);
    card->setBackgroundRole(issue.isOpen() ? QPalette::Base : QPalette::Window);

    auto *status = new QLabel(card);
    status->setObjectName(u"issueStatus"_s);
    status->setText(issue.isOpen() ? tr("Open")
                                   : (issue.status == "CLOSED"_L1 ? tr("Closed") : issue.status));
    QFont bold = status->font();
    bold.setBold(issue.isOpen());
    status->setFont(bold);
    if (!issue.isOpen())
        status->setForegroundRole(QPalette::PlaceholderText);

    auto *toggle = new QPushButton(issue.isOpen() ? tr("Close") : tr("Reopen"), card);
    toggle->setObjectName(u"issueToggleButton"_s);
    toggle->setToolTip(issue.isOpen() ? tr("Mark the issue as resolved")
                                      : tr("Mark the issue as open again"));
    toggle->setEnabled(!m_busy.contains(issue.uuid) && !issue.uuid.isEmpty());
    const QString uuid = issue.uuid;
    const QString next = issue.isOpen() ? u"CLOSED"_s : u"OPEN"_s;
    connect(toggle, &QPushButton::clicked, this,
            [this, uuid, next] { setIssueStatus(uuid, next); });

    auto *top = new QHBoxLayout;
    top->addWidget(status);
    top->addStretch(1);
    top->addWidget(toggle);

    auto *description = new QLabel(card);
    description->setObjectName(u"issueDescription"_s);
    description->setTextFormat(Qt::PlainText);
    description->setWordWrap(true);
    description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    description->setText(issue.description.isEmpty() ? tr("(no description)") : issue.description);

    auto *meta = new QLabel(card);
    meta->setObjectName(u"issueMeta"_s);
    meta->setWordWrap(true);
    meta->setForegroundRole(QPalette::PlaceholderText);
    const QString when = whenText(issue.createdAt, QDateTime::currentDateTimeUtc());
    meta->setText(issue.createdBy.isEmpty()
                      ? (when.isEmpty() ? QString() : tr("Raised %1").arg(when))
                      : (when.isEmpty() ? tr("Raised by %1").arg(issue.createdBy)
                                        : tr("Raised by %1, %2").arg(issue.createdBy, when)));
    if (issue.createdAt.isValid())
        meta->setToolTip(QLocale().toString(issue.createdAt.toLocalTime(), QLocale::LongFormat));

    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(3);
    layout->addLayout(top);
    layout->addWidget(description);
    // The thread, when the issue has one: each comment as "who: text".
    if (!issue.comments.isEmpty()) {
        QStringList lines;
        for (const wire::IssueComment &c : issue.comments)
            lines.append(c.createdBy.isEmpty() ? c.text : c.createdBy + u": "_s + c.text);
        auto *comments = new QLabel(lines.join(u'\n'), card);
        comments->setObjectName(u"issueComments"_s);
        comments->setTextFormat(Qt::PlainText);
        comments->setWordWrap(true);
        comments->setContentsMargins(8, 0, 0, 0);
        layout->addWidget(comments);
    }
    if (!meta->text().isEmpty())
        layout->addWidget(meta);
    else
        meta->hide();
    return card;
}

void IssuesPanel::setIssueStatus(const QString &issueUuid, const QString &status) {
    if (!m_client || m_busy.contains(issueUuid))
        return;
    m_busy.append(issueUuid);
    m_actionError->hide();
    rebuildCards();
    const QString sample = m_uuid;
    const QString dataset = m_dataset;
    api::updateIssue(*m_client, issueUuid, QString(), status, this,
                     [this, issueUuid, status, sample, dataset](api::Result<wire::Issue> result) {
                         m_busy.removeAll(issueUuid);
                         if (!result.ok()) {
                             if (sample == m_uuid) {
                                 m_actionError->setText((status == "CLOSED"_L1
                                                             ? tr("Could not close the issue: %1")
                                                             : tr("Could not reopen the issue: %1"))
                                                            .arg(result.error().toString()));
                                 m_actionError->show();
                                 rebuildCards();
                             }
                             return;
                         }
                         // The answer's fields where it has them, the shown ones where it does not.
                         const auto merge = [&](wire::Issue issue) {
                             issue.status = result->status.isEmpty() ? status : result->status;
                             if (result->updatedAt.isValid())
                                 issue.updatedAt = result->updatedAt;
                             if (!result->updatedBy.isEmpty())
                                 issue.updatedBy = result->updatedBy;
                             return issue;
                         };
                         if (auto kept = m_datasetIssues.find(dataset);
                             kept != m_datasetIssues.end()) {
                             for (wire::Issue &issue : *kept) {
                                 if (issue.uuid == issueUuid)
                                     issue = merge(issue);
                             }
                         }
                         if (sample != m_uuid)
                             return;
                         QList<wire::Issue> shown = m_issues;
                         for (wire::Issue &issue : shown) {
                             if (issue.uuid == issueUuid)
                                 issue = merge(issue);
                         }
                         setIssues(std::move(shown));
                     });
}

void IssuesPanel::onIssueChanged(const wire::Issue &issue) {
    remember(m_dataset, issue);
    if (!issue.sampleUuid.isEmpty() && issue.sampleUuid == m_uuid) {
        if (m_sampleRouteMissing && m_datasetIssues.contains(m_dataset))
            showFromCache();
        else
            reload();
    }
}

void IssuesPanel::remember(const QString &dataset, const wire::Issue &issue) {
    auto it = m_datasetIssues.find(dataset);
    if (it == m_datasetIssues.end() || issue.sampleUuid.isEmpty())
        return;
    for (wire::Issue &kept : *it) {
        if (kept.uuid == issue.uuid) {
            kept = issue;
            return;
        }
    }
    it->append(issue);
}

int IssuesPanel::openCount() const {
    return int(std::count_if(m_issues.begin(), m_issues.end(),
                             [](const wire::Issue &i) { return i.isOpen(); }));
}

QString IssuesPanel::title() const {
    const int open = openCount();
    return open > 0 ? tr("Issues (%1)").arg(open) : tr("Issues");
}

void IssuesPanel::updateCount() {
    const int open = openCount();
    m_chip->setText(open == 1 ? tr("1 open issue") : tr("%1 open issues").arg(open));
    m_chip->setVisible(open > 0);
    if (open != m_openShown) {
        m_openShown = open;
        emit openCountChanged(open);
    }
}

QString IssuesPanel::whenText(const QDateTime &at, const QDateTime &now) {
    if (!at.isValid())
        return {};
    const qint64 seconds = at.secsTo(now);
    if (seconds < 60) // a server clock a little ahead reads as now too
        return tr("just now");
    if (seconds < 3600)
        return tr("%1 min ago").arg(seconds / 60);
    if (seconds < 86400)
        return tr("%1 h ago").arg(seconds / 3600);
    const qint64 days = seconds / 86400;
    if (days == 1)
        return tr("yesterday");
    if (days < 7)
        return tr("%1 days ago").arg(days);
    return QLocale().toString(at.toLocalTime().date(), QLocale::ShortFormat);
}

} // namespace segscope::ui
