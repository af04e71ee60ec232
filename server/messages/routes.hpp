#pragma once
// Messages: what was sent to whom, through which provider, and what came back.
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::messages {

void register_messages_routes(http::Router& router, Services& app);      // /api/messages, /api/integrations
void register_sms_webhooks_routes(http::Router& router, Services& app);  // /api/webhooks/sms, /api/webhooks/sms/status

}  // namespace crm::messages
