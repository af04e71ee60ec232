#pragma once
// The operator's settings: every weight, price and window of the domain rules.
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::settings {

void register_settings_routes(http::Router& router, Services& app);  // GET/PUT /api/settings

}  // namespace crm::settings
