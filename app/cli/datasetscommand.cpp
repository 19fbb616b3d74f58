#include "datasetscommand.h"
#include "jsonarraywriter.h"

#include "api/datasetsapi.h"

#include <memory>

using namespace Qt::StringLiterals;
using segscope::wire::Dataset;

namespace segscope::cli {

QString DatasetsCommand::summary() const {
    return u"List the datasets the key can see"_s;
}

void DatasetsCommand::addOptions(QCommandLineParser &parser) {
    parser.addOption({u"json"_s, u"Print one JSON array of datasets."_s});
}

QString DatasetsCommand::readOptions(const QCommandLineParser &parser) {
    if (!parser.positionalArguments().isEmpty())
        return u"datasets takes no arguments"_s;
    m_json = parser.isSet(u"json"_s);
    return {};
}

void DatasetsCommand::start(api::ApiClient &client) {
    auto writer = std::make_shared<JsonArrayWriter>(&out());
    auto onPage = [this, writer](QList<Dataset> page, int) {
        for (const Dataset &d : page) {
            if (m_json) {
                writer->append(d.toJson());
            } else {
                const QString count = d.samplesCount ? QString::number(*d.samplesCount) : u"-"_s;
                out().write((d.fullName + u'\t' + d.taskType + u'\t' + count + u'\n').toUtf8());
            }
        }
        out().flush();
        return true;
    };
    api::walkDatasets(client, this, onPage, [this, writer](api::Result<api::Done> r) {
        if (!r.ok())
            return fail(r.error());
        if (m_json)
            writer->finish();
        succeed();
    });
}

} // namespace segscope::cli
