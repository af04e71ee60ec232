#pragma once
// Compliance: French prospecting rules at the server (a call only inside the legal window and
// the frequency caps), GDPR export and erasure, consent recorded on the phone.
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::compliance {

void register_compliance_routes(http::Router& router, Services& app);  // calls, export, erase, consent

}  // namespace crm::compliance
