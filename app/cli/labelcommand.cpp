#include "labelcommand.h"

#include "api/labelsapi.h"
#include "wire/contract.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace segscope::cli {

QString LabelCommand::summary() const {
    return u"Print the label of a sample as JSON"_s;
}

void LabelCommand::addOptions(QCommandLineParser &parser) {
    parser.addPositionalArgument(u"SAMPLE_UUID"_s, u"The sample."_s);
    parser.addOption({u"labelset"_s, u"The labelset (default ground-truth)."_s, u"NAME"_s,
                      wire::DefaultLabelset});
}

QString LabelCommand::readOptions(const QCommandLineParser &parser) {
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1 || args.first().isEmpty())
        return u"label takes exactly one SAMPLE_UUID"_s;
    m_sample = args.first();
    m_labelset = parser.value(u"labelset"_s);
    if (m_labelset.isEmpty())
        return u"--labelset needs a name"_s;
    return {};
}

void LabelCommand::start(api::ApiClient &client) {
    api::getLabel(client, m_sample, m_labelset, this, [this](api::Result<wire::Label> r) {
        if (!r.ok()) {
            if (r.error().kind == api::ApiError::Kind::NotFound)
                return fail(u"no label for sample %1 in labelset %2 (%3)"_s.arg(
                    m_sample, m_labelset, r.error().toString()));
            return fail(r.error());
        }
        out().write(QJsonDocument(r->toJson()).toJson(QJsonDocument::Indented));
        succeed();
    });
}

} // namespace segscope::cli
