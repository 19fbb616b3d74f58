#include "upload/samplenamechecker.h"

#include "api/samplesapi.h"

#include <algorithm>

namespace segscope::ui {

SampleNameChecker::SampleNameChecker(api::ApiClient &client, QString dataset, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_dataset(std::move(dataset)) {
    // Long enough not to ask about every letter typed, short enough to answer before Add.
    m_timer.setSingleShot(true);
    m_timer.setInterval(300);
    connect(&m_timer, &QTimer::timeout, this, &SampleNameChecker::check);
}

SampleNameChecker::~SampleNameChecker() {
    m_call.cancel();
}

void SampleNameChecker::checkSoon(const QString &name) {
    m_call.cancel();
    m_checkedName.clear();
    m_free = true;
    m_pending = name;
    m_timer.start();
}

bool SampleNameChecker::isTaken(const QString &name) const {
    return !m_free && m_checkedName == name;
}

void SampleNameChecker::check() {
    const QString name = m_pending;
    if (name.isEmpty())
        return;
    wire::SampleQuery query;
    query.nameContains = name;
    query.perPage = 1000;
    m_call.cancel();
    m_call = api::listSamples(
        m_client, m_dataset, query, this, [this, name](api::Result<QList<wire::Sample>> r) {
            if (!r.ok()) // the queue checks again before creating
                return;
            m_checkedName = name;
            m_free = std::none_of(r->begin(), r->end(),
                                  [&](const wire::Sample &s) { return s.name == name; });
            emit checked(name, m_free);
        });
}

} // namespace segscope::ui
