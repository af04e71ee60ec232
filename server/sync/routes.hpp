#pragma once
// The console's offline copy: what changed after its cursor.
#include "http/router.hpp"

namespace crm {
class App;
}

namespace crm::sync {

void register_sync_routes(http::Router& router, App& app);  // GET /api/sync

}  // namespace crm::sync
