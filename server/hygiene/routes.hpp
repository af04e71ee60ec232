#pragma once
// Data hygiene: duplicate groups in bulk, merging two leads, CSV import with a per-row report.
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::hygiene {

void register_hygiene_routes(http::Router& router, Services& app);  // duplicates, merge, CSV import

}  // namespace crm::hygiene
