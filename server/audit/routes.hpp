#pragma once
// The audit log (who changed what, when, before/after).
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::audit_log {

void register_audit_routes(http::Router& router, Services& app);  // GET /api/audit

}  // namespace crm::audit_log
