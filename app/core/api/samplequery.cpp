#include "samplequery.h"
#include "apirequest.h"

using namespace Qt::StringLiterals;

namespace segscope::api {

QString SampleQuery::toQueryString() const {
    QList<std::pair<QString, QString>> items{{u"page"_s, QString::number(page)},
                                             {u"per_page"_s, QString::number(perPage)}};
    if (!nameContains.isEmpty())
        items.append({u"name__contains"_s, nameContains});
    if (!labelStatuses.isEmpty())
        items.append({u"label_status"_s, labelStatuses.join(u',')});
    if (!labelset.isEmpty())
        items.append({u"labelset"_s, labelset});
    if (!metadataFilters.isEmpty())
        items.append({u"filters"_s, metadataFilters.join(u',')});
    if (!sortField.isEmpty())
        items.append({u"sort"_s, sortDescending ? u'-' + sortField : sortField});
    if (includeFullLabel)
        items.append({u"include_full_label"_s, u"1"_s});
    return encodeQuery(items);
}

} // namespace segscope::api
