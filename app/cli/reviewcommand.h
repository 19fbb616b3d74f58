#pragma once

#include "command.h"
#include "jsonarraywriter.h"

#include "wire/issue.h"
#include "wire/label.h"

#include <QHash>

#include <optional>

namespace segscope::review {
class ReviewDecisions;
}

namespace segscope::cli {

//! `segscope review SAMPLE_UUID... --status STATUS [--labelset NAME] [--comment TEXT]`: sets the
//! status of the samples' labels through the same review core as the app (one decision for all
//! of them), then prints a line per sample in the order given. Each label is read first, only to
//! say what its status was; the PATCH is sent whatever that read answered, so a refusal always
//! comes from the write itself. Exit 1 when any sample was refused or a comment was not stored.
class ReviewCommand : public Command {
    Q_OBJECT

public:
    using Command::Command;

    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;
    void start(api::ApiClient &client) override;

    //! The status named by `text` (any case), or an empty string and `error` set: one of
    //! wire::labelStatuses() but UNLABELED, which no one writes (a label is deleted instead).
    static QString parseStatus(const QString &text, QString *error);

private:
    //! What became of one sample.
    struct Outcome {
        std::optional<QString> was;       //!< the status read before; nullopt when the read failed
        bool answered = false;            //!< landed or refused
        bool issuePending = false;        //!< landed with a comment whose issue is on its way
        std::optional<wire::Label> label; //!< as the server answered the PATCH
        QString refusal;
        QString issueUuid;
    };

    void decide();
    void onLanded(const QString &sampleUuid, const wire::Label &label);
    void onRefused(const QString &sampleUuid, const QString &message);
    void onIssueCreated(const wire::Issue &issue);
    void onIssueFailed(const QString &sampleUuid, const QString &message);
    //! Prints the finished outcomes at the head of the list, then ends when all are.
    void printReady();
    void printOutcome(const QString &sampleUuid, const Outcome &outcome);

    QStringList m_samples;
    QString m_labelset;
    QString m_status;
    QString m_comment;
    bool m_json = false;

    review::ReviewDecisions *m_decisions = nullptr;
    QHash<QString, Outcome> m_outcomes;
    int m_reading = 0;
    qsizetype m_printed = 0;
    int m_refused = 0;
    int m_issuesFailed = 0;
    bool m_done = false;
    std::optional<JsonArrayWriter> m_writer;
};

} // namespace segscope::cli
