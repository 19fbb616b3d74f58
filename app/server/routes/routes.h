#pragma once

#include "http/router.h"

namespace segscope::server {

struct Stores;

//! Each installs the routes of one section of the API (docs/api-contract.md §4).
void installUserRoutes(Router &router, Stores &stores);
void installDatasetRoutes(Router &router, Stores &stores);
void installSampleRoutes(Router &router, Stores &stores);
void installLabelRoutes(Router &router, Stores &stores);
void installIssueRoutes(Router &router, Stores &stores);
void installAssetRoutes(Router &router, Stores &stores);

//! page / per_page of a list request, read by wire::readPaging (the rules the sample list
//! shares); a refused one throws HttpError::fromQuery.
struct PageParams {
    int page = 1;
    int perPage = 1000;
};
PageParams pageParams(const RouteRequest &request, int defaultPerPage = 1000);

} // namespace segscope::server
