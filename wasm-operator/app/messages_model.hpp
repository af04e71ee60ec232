#pragma once
// What the console says about messages: which provider each channel really uses (GET
// /api/integrations), the plain warning when SMS or e-mail stay in the local outbox, and the
// words for a message's status and for what a booking actually set in motion. No HTTP here
// (app/messages_controller.cpp).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace crm::console {

struct Integrations {
    bool loaded = false;
    std::string sms = "outbox", email = "outbox", payments = "none";
    std::int64_t outbox_sms = 0, outbox_email = 0, prepared_whatsapp = 0;
    std::vector<std::string> setup_sms, setup_email;  // the variables that make each channel real
};

Integrations integrations_from_json(const nlohmann::json& answer);

// "SMS et e-mails : boîte d'envoi locale — non envoyés (3 en attente)", or "" when both have a
// real provider (or nothing is known yet).
std::string outbox_warning(const Integrations& i);
// "SMS : SMS_PROVIDER=twilio, TWILIO_ACCOUNT_SID, … · E-mail : SMTP_URL, SMTP_FROM" for the
// channels still on the outbox.
std::string provider_setup_hint(const Integrations& i);
// The outbox can be sent: some message waits on a channel that now has a real provider.
bool outbox_sendable(const Integrations& i);

// A message's status in French: "boîte d'envoi locale — non envoyé", "envoyé", "distribué"…
std::string message_status_fr(const std::string& status);

// What a booking set in motion, from the jobs the server answered with (send_sms:confirmation,
// send_ics:lead, send_ics:agent…), said as it is: scheduled, and kept locally when no provider
// is configured. `seller_email` / `agent`: whether those invitations have anyone to go to.
std::string booking_summary(const nlohmann::json& jobs, const Integrations& i, bool seller_email, bool agent);

}  // namespace crm::console
