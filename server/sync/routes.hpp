#pragma once
// The console's offline copy: what changed after its cursor.
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::sync {

void register_sync_routes(http::Router& router, Services& app);  // GET /api/sync

}  // namespace crm::sync
