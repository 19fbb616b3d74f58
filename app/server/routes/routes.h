#pragma once

#include "http/router.h"

namespace segscope::server {

struct Stores;

//! Each installs the routes of one section of the API (contract §4).
void installUserRoutes(Router &router, Stores &stores);
void installDatasetRoutes(Router &router, Stores &stores);
void installSampleRoutes(Router &router, Stores &stores);
void installLabelRoutes(Router &router, Stores &stores);
void installAssetRoutes(Router &router, Stores &stores);

//! page / per_page of a list request. A page that is not a positive integer is 404 "Invalid
//! page." (as DRF answers); a bad per_page is 400; per_page is clamped to 1000.
struct PageParams {
    int page = 1;
    int perPage = 1000;
};
PageParams pageParams(const ApiRequest &request, int defaultPerPage = 1000);

} // namespace segscope::server
