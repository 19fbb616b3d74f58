#pragma once

#include "server.h"

namespace segscope::server {

struct Stores;

//! Creates the demo user and datasets the first time (seeded: every machine gets the same
//! data), and `demo/scale-N` when asked. Safe to call at every start: what exists is kept.
void ensureDemoData(Stores &stores, const ServerOptions &options);

} // namespace segscope::server
