#pragma once
// What deliveries have in common wherever they are acted on (operator routes, the agent app,
// the public page, the scheduler's notification actions): issuing a share link, sending the
// package by its channel, accepting, refunding. Each runs inside the caller's transaction.
#include <cstdint>
#include <optional>
#include <string>

#include "deliveries/deliveries_repo.hpp"
#include "deliveries/lead_package.hpp"
#include "http/types.hpp"
#include "integrations/stripe_checkout.hpp"

namespace crm {
class Services;
}

namespace crm::deliveries {

// The package as a PDF answer (the operator's copy and the agent's link render the same file).
http::Response package_pdf_response(const http::Request& req, const PackageView& view);

struct ShareLink {
    std::string token;  // shown once; only its SHA-256 is stored
    std::string share_url, pdf_url;
};

// A fresh 128-bit token for the delivery, valid CRM_SHARE_LINK_DAYS; the previous one stops working.
ShareLink issue_share_link(db::Database& db, Services& app, std::int64_t delivery_id, std::int64_t now);
// The link issued last, again (derived from its nonce under the server's key), while it still
// works: nothing for a refunded, revoked or expired link, one issued without a key (before
// migration 016), or after the key changed.
std::optional<ShareLink> current_share_link(db::Database& db, Services& app, std::int64_t delivery_id,
                                            std::int64_t now);

// Sends the package: e-mail → a durable job (link + PDF attached); WhatsApp → a logged message
// and the wa.me link returned for the operator to open; link → nothing to send.
// Throws 422 when the agent has no e-mail / no valid mobile number for that channel.
std::optional<std::string> send_package(db::Database& db, Services& app, std::int64_t delivery_id,
                                        const std::string& channel, const ShareLink& link, std::int64_t now);

// A lead is Sold once its delivery is both accepted and paid, whichever came last (the agent's
// Accept, or Stripe's payment after it): domain::delivery_sells_lead decides, for both.
void mark_lead_sold_when_it_sells(db::Database& db, std::int64_t lead_id, domain::DeliveryStatus status, bool paid,
                                  std::int64_t now);

// The agent accepts (app or public page): a credits-paid delivery is charged once and stamps
// paid_at; a paid acceptance makes the lead Sold. 409 refunded / insufficient_credits.
void accept_delivery(db::Database& db, const DeliveryRow& d, std::optional<std::int64_t> actor, std::int64_t now);

// Refund: the link is revoked, credits come back (or the card payment is recorded as refunded),
// the lead goes to Refunded/Bad unless `keep_lead_stage` (a reassignment). 409 when already refunded.
// `actor` is empty when Stripe reported the refund (charge.refunded).
void refund_delivery(db::Database& db, const DeliveryRow& d, const std::string& reason,
                     std::optional<std::int64_t> actor, std::int64_t now, bool keep_lead_stage = false);

}  // namespace crm::deliveries
