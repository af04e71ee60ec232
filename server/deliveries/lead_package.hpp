#pragma once
// What a delivered lead package holds (read by package_repo.hpp) and how it is shown: the
// public page (/p/{token}), the PDF, and the e-mail to the agent.
#include <cstdint>
#include <optional>
#include <string>

#include "deliveries/lead_package_pdf.hpp"

namespace crm::deliveries {

struct PackageView {
    LeadPackage package;  // phone, e-mail and surname masked until contact_revealed
    std::int64_t lead_id = 0;
    std::string status;  // sent, opened, accepted, refunded
    bool paid = false;
    bool by_card = false;
    bool contact_revealed = false;  // accepted and paid, or a trusted agent (domain::contact_revealed)
    std::string payment_url;        // Stripe link when paid by card and not yet paid
    std::string agent_email, agent_phone_e164;
};

// The public page: readable on a phone, not indexed, Accept as a plain form. Its one script
// (package_script(), same origin) reports that a person opened it.
// `message` is shown above the card (e.g. "Lead accepté.").
std::string render_package_page(const PackageView& v, const std::string& token, const std::string& message);
// The page's script: POST /p/{token}/opened once the page is visible (link previewers fetch
// the page but do not run it), so `opened_at` means a person looked.
const std::string& package_script();
// A short page for a link that is unknown (404) or no longer valid (410).
std::string render_link_error_page(const std::string& title, const std::string& text);

// The e-mail to the agent: the link and what the lead is about, in French.
std::string package_email_body(const PackageView& v, const std::string& share_url);

}  // namespace crm::deliveries
