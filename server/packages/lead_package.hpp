#pragma once
// What a delivered lead package holds, read from the database once and shown three ways: the
// public page (/p/{token}), the PDF, and the e-mail to the agent.
#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"
#include "packages/lead_package_pdf.hpp"

namespace crm::packages {

struct PackageView {
    LeadPackage package;
    std::int64_t lead_id = 0;
    std::string status;  // sent, opened, accepted, refunded
    bool paid = false;
    std::string payment_url;  // Stripe link when paid by card and not yet paid
    std::string agent_email, agent_phone_e164;
};

// nullopt when the delivery does not exist. `now` stamps "generated at".
std::optional<PackageView> load_package(db::Database& db, std::int64_t delivery_id, std::int64_t now);

// The public page: readable on a phone, not indexed, Accept as a plain form (no script).
// `message` is shown above the card (e.g. "Lead accepté.").
std::string render_package_page(const PackageView& v, const std::string& token, const std::string& message);
// A short page for a link that is unknown (404) or no longer valid (410).
std::string render_link_error_page(const std::string& title, const std::string& text);

// The e-mail to the agent: the link and what the lead is about, in French.
std::string package_email_body(const PackageView& v, const std::string& share_url);

}  // namespace crm::packages
