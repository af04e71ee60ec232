#pragma once
// The audit log (who changed what, when, before/after) and the operator's notifications.
#include "http/router.hpp"

namespace crm {
class App;
}

namespace crm::audit_log {

void register_audit_routes(http::Router& router, App& app);  // GET /api/audit, notifications

}  // namespace crm::audit_log
