#pragma once
// One registration function per business object; register_all_routes wires them up.
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::api {

void register_all_routes(http::Router& router, Services& app);

}  // namespace crm::api
