#include "api/routes.hpp"

#include "accounts/routes.hpp"
#include "agents/routes.hpp"
#include "appointments/routes.hpp"
#include "audit/routes.hpp"
#include "automation/routes.hpp"
#include "compliance/routes.hpp"
#include "dashboard/routes.hpp"
#include "deliveries/routes.hpp"
#include "hygiene/routes.hpp"
#include "leads/routes.hpp"
#include "messages/routes.hpp"
#include "notifications/routes.hpp"
#include "settings/routes.hpp"
#include "sync/routes.hpp"
#include "system/routes.hpp"

namespace crm::api {

void register_all_routes(http::Router& router, Services& app) {
    system::register_system_routes(router, app);
    accounts::register_auth_routes(router, app);
    accounts::register_password_routes(router, app);
    accounts::register_users_routes(router, app);
    accounts::register_setup_routes(router, app);
    leads::register_leads_routes(router, app);
    agents::register_agent_routes(router, app);
    deliveries::register_stripe_webhook_routes(router, app);
    leads::register_lead_actions_routes(router, app);
    leads::register_tasks_routes(router, app);
    audit_log::register_audit_routes(router, app);
    notifications::register_notifications_routes(router, app);
    settings::register_settings_routes(router, app);
    leads::register_queue_routes(router, app);
    automation::register_automation_routes(router, app);
    compliance::register_compliance_routes(router, app);
    dashboard::register_dashboard_routes(router, app);
    hygiene::register_hygiene_routes(router, app);
    deliveries::register_deliveries_routes(router, app);
    deliveries::register_share_link_routes(router, app);
    agents::register_agents_routes(router, app);
    deliveries::register_public_package_routes(router, app);
    sync::register_sync_routes(router, app);
    messages::register_messages_routes(router, app);
    messages::register_sms_webhooks_routes(router, app);
    appointments::register_agent_appointments_routes(router, app);
}

}  // namespace crm::api
