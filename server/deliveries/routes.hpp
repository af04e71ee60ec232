#pragma once
// Deliveries: a lead sold to an agent, its share link and package, and how it is paid
// (credits, or Stripe and its webhook).
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::deliveries {

void register_deliveries_routes(http::Router& router, Services& app);      // routing, packages, refund, reassign
void register_share_link_routes(http::Router& router, Services& app);      // a delivery's current link, again
void register_public_package_routes(http::Router& router, Services& app);  // /p/{token}
void register_stripe_webhook_routes(http::Router& router, Services& app);  // /api/webhooks/stripe

}  // namespace crm::deliveries
