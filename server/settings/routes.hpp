#pragma once
// The operator's settings: every weight, price and window of the domain rules.
#include "http/router.hpp"

namespace crm {
class App;
}

namespace crm::settings {

void register_settings_routes(http::Router& router, App& app);  // GET/PUT /api/settings

}  // namespace crm::settings
