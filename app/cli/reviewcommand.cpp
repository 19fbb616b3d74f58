#include "reviewcommand.h"

#include "api/labelsapi.h"
#include "review/reviewdecisions.h"
#include "wire/contract.h"
#include "wire/vocabulary.h"

using namespace Qt::StringLiterals;

namespace segscope::cli {

namespace {

QStringList writableStatuses() {
    QStringList statuses = wire::labelStatuses();
    statuses.removeAll(u"UNLABELED"_s);
    return statuses;
}

} // namespace

QString ReviewCommand::summary() const {
    return u"Set the status of the labels of samples (review them)"_s;
}

void ReviewCommand::addOptions(QCommandLineParser &parser) {
    parser.addPositionalArgument(u"SAMPLE_UUID..."_s, u"The samples whose labels to set."_s);
    parser.addOption(
        {u"status"_s,
         u"The status to set, one of %1 (any case)."_s.arg(writableStatuses().join(u", "_s)),
         u"STATUS"_s});
    parser.addOption({u"accept"_s, u"The same as --status REVIEWED."_s});
    parser.addOption({u"reject"_s, u"The same as --status REJECTED."_s});
    parser.addOption({u"labelset"_s, u"The labelset (default ground-truth)."_s, u"NAME"_s,
                      wire::DefaultLabelset});
    parser.addOption({u"comment"_s,
                      u"Also open an issue with this text on each sample, once its status is "
                      u"set."_s,
                      u"TEXT"_s});
    parser.addOption({u"json"_s, u"Print the labels as the server answered, as one JSON array."_s});
}

QString ReviewCommand::parseStatus(const QString &text, QString *error) {
    const QString upper = text.trimmed().toUpper();
    if (upper == u"UNLABELED"_s) {
        *error = u"UNLABELED cannot be set (it is the status of a sample without a label)"_s;
        return {};
    }
    const QStringList statuses = writableStatuses();
    if (!statuses.contains(upper)) {
        *error = u"unknown label status \"%1\" (one of %2)"_s.arg(text, statuses.join(u", "_s));
        return {};
    }
    return upper;
}

QString ReviewCommand::readOptions(const QCommandLineParser &parser) {
    const int given = int(parser.isSet(u"status"_s)) + int(parser.isSet(u"accept"_s)) +
                      int(parser.isSet(u"reject"_s));
    if (given == 0)
        return u"review needs --status STATUS (or --accept, --reject)"_s;
    if (given > 1)
        return u"give only one of --status, --accept and --reject"_s;
    if (parser.isSet(u"accept"_s)) {
        m_status = u"REVIEWED"_s;
    } else if (parser.isSet(u"reject"_s)) {
        m_status = u"REJECTED"_s;
    } else {
        QString error;
        m_status = parseStatus(parser.value(u"status"_s), &error);
        if (m_status.isEmpty())
            return error;
    }

    // Each sample once, in the order given: a second decision on the same label would be no
    // change and no line.
    m_samples.clear();
    for (const QString &uuid : parser.positionalArguments()) {
        const QString trimmed = uuid.trimmed();
        if (trimmed.isEmpty())
            return u"an empty SAMPLE_UUID"_s;
        if (!m_samples.contains(trimmed))
            m_samples.append(trimmed);
    }
    if (m_samples.isEmpty())
        return u"review needs at least one SAMPLE_UUID"_s;

    m_labelset = parser.value(u"labelset"_s);
    if (m_labelset.isEmpty())
        return u"--labelset needs a name"_s;
    if (parser.isSet(u"comment"_s)) {
        m_comment = parser.value(u"comment"_s).trimmed();
        if (m_comment.isEmpty())
            return u"--comment needs a text"_s;
    }
    m_json = parser.isSet(u"json"_s);
    return {};
}

void ReviewCommand::start(api::ApiClient &client) {
    m_decisions = new review::ReviewDecisions(this);
    m_decisions->setClient(&client);
    connect(m_decisions, &review::ReviewDecisions::landed, this, &ReviewCommand::onLanded);
    connect(m_decisions, &review::ReviewDecisions::refused, this,
            [this](const QString &uuid, const QString &, const QString &, const QString &message) {
                onRefused(uuid, message);
            });
    connect(m_decisions, &review::ReviewDecisions::issueCreated, this,
            &ReviewCommand::onIssueCreated);
    connect(m_decisions, &review::ReviewDecisions::issueFailed, this,
            &ReviewCommand::onIssueFailed);
    if (m_json)
        m_writer.emplace(&out());

    // The statuses before, read side by side, only for "(was LABELED)"; the decision waits for
    // them all so that it is one decide() (one step) as in the app.
    m_reading = int(m_samples.size());
    for (const QString &uuid : std::as_const(m_samples)) {
        m_outcomes.insert(uuid, {});
        api::getLabel(client, uuid, m_labelset, this, [this, uuid](api::Result<wire::Label> r) {
            if (r.ok())
                m_outcomes[uuid].was = r->labelStatus;
            if (--m_reading == 0)
                decide();
        });
    }
}

void ReviewCommand::decide() {
    QList<review::ReviewTarget> targets;
    for (const QString &uuid : std::as_const(m_samples)) {
        // The status is left unknown on purpose: the core then sends the PATCH even for a label
        // that already has it, so that every sample gets the server's answer (and the comment
        // its issue), and reviewed_by/at name whoever ran this.
        targets.append({uuid, QString()});
    }
    m_decisions->decide(targets, m_labelset, m_status, m_comment);
}

void ReviewCommand::onLanded(const QString &sampleUuid, const wire::Label &label) {
    const auto it = m_outcomes.find(sampleUuid);
    if (it == m_outcomes.end() || it->answered)
        return;
    it->answered = true;
    it->label = label;
    it->issuePending = !m_comment.isEmpty();
    printReady();
}

void ReviewCommand::onRefused(const QString &sampleUuid, const QString &message) {
    const auto it = m_outcomes.find(sampleUuid);
    if (it == m_outcomes.end() || it->answered)
        return;
    it->answered = true;
    it->refusal = message;
    ++m_refused;
    printReady();
}

void ReviewCommand::onIssueCreated(const wire::Issue &issue) {
    // The issue names its sample; a server that leaves sample_uuid out gets the issue matched to
    // the first sample still waiting for one (only the printed issue uuid depends on it).
    auto it = m_outcomes.find(issue.sampleUuid);
    if (it == m_outcomes.end() || !it->issuePending) {
        it = m_outcomes.end();
        for (const QString &uuid : std::as_const(m_samples)) {
            if (m_outcomes[uuid].issuePending) {
                it = m_outcomes.find(uuid);
                break;
            }
        }
    }
    if (it == m_outcomes.end())
        return;
    it->issuePending = false;
    it->issueUuid = issue.uuid;
    printReady();
}

void ReviewCommand::onIssueFailed(const QString &sampleUuid, const QString &message) {
    const auto it = m_outcomes.find(sampleUuid);
    if (it == m_outcomes.end() || !it->issuePending)
        return;
    it->issuePending = false;
    ++m_issuesFailed;
    // The status stays set: said now, on stderr, whatever the order of the lines on stdout.
    printError(u"%1: %2"_s.arg(sampleUuid, message));
    printReady();
}

void ReviewCommand::printReady() {
    if (m_done)
        return;
    while (m_printed < m_samples.size()) {
        const QString &uuid = m_samples.at(m_printed);
        const Outcome &outcome = m_outcomes[uuid];
        if (!outcome.answered || outcome.issuePending)
            break;
        printOutcome(uuid, outcome);
        ++m_printed;
    }
    out().flush();
    if (m_printed < m_samples.size())
        return;
    m_done = true;

    if (m_writer)
        m_writer->finish();
    if (m_refused == 0 && m_issuesFailed == 0)
        return succeed();
    QStringList problems;
    if (m_refused > 0)
        problems.append(u"%1 of %2 samples refused"_s.arg(m_refused).arg(m_samples.size()));
    if (m_issuesFailed > 0)
        problems.append(m_issuesFailed == 1
                            ? u"1 comment not stored as an issue"_s
                            : u"%1 comments not stored as issues"_s.arg(m_issuesFailed));
    fail(problems.join(u"; "_s));
}

void ReviewCommand::printOutcome(const QString &sampleUuid, const Outcome &outcome) {
    if (!outcome.label) {
        if (m_json)
            printError(u"%1 refused: %2"_s.arg(sampleUuid, outcome.refusal));
        else
            out().write(
                u"%1  refused: %2\n"_s.arg(sampleUuid, outcome.refusal.simplified()).toUtf8());
        return;
    }
    if (m_json) {
        m_writer->append(outcome.label->toJson());
        return;
    }
    const QString status =
        outcome.label->labelStatus.isEmpty() ? m_status : outcome.label->labelStatus;
    QString line = sampleUuid + u"  "_s + status;
    if (outcome.was)
        line += u"  (was %1)"_s.arg(*outcome.was);
    if (!outcome.issueUuid.isEmpty())
        line += u"  issue %1"_s.arg(outcome.issueUuid);
    out().write((line + u'\n').toUtf8());
}

} // namespace segscope::cli
