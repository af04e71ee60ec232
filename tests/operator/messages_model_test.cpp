// What the console says about messages: the warning while SMS or e-mail stay in the local
// outbox, the settings that change it, the statuses in French, and a booking's true summary.
#include <catch2/catch.hpp>

#include "app/messages_model.hpp"

using namespace crm::console;

TEST_CASE("the outbox warning says plainly what does not leave, and how to change it") {
    const auto outbox = integrations_from_json(nlohmann::json::parse(R"({
        "sms": "outbox", "email": "outbox", "payments": "none", "outbox": {"sms": 2, "email": 1},
        "setup": {"sms": ["SMS_PROVIDER=twilio", "TWILIO_ACCOUNT_SID"], "email": ["SMTP_URL"]}})"));
    CHECK(outbox_warning(outbox) == "SMS et e-mails : boîte d'envoi locale — non envoyés (3 en attente)");
    CHECK(provider_setup_hint(outbox) == "SMS : SMS_PROVIDER=twilio, TWILIO_ACCOUNT_SID · E-mail : SMTP_URL");
    CHECK_FALSE(outbox_sendable(outbox));

    auto sms_real = outbox;
    sms_real.sms = "twilio";
    CHECK(outbox_warning(sms_real) == "E-mails : boîte d'envoi locale — non envoyés (1 en attente)");
    CHECK(provider_setup_hint(sms_real) == "E-mail : SMTP_URL");
    CHECK(outbox_sendable(sms_real));  // the 2 SMS can go now

    auto all_real = sms_real;
    all_real.email = "smtp";
    CHECK(outbox_warning(all_real).empty());
    CHECK(outbox_warning(Integrations{}).empty());  // nothing known yet: no false alarm
}

TEST_CASE("statuses in French, and a booking summary that reports what was actually set in motion") {
    CHECK(message_status_fr("outbox") == "boîte d'envoi locale — non envoyé");
    CHECK(message_status_fr("delivered") == "distribué");
    const auto jobs = nlohmann::json::parse(R"([
        {"kind": "send_sms", "payload": {"arg": "confirmation"}},
        {"kind": "send_ics", "payload": {"arg": "lead"}},
        {"kind": "send_ics", "payload": {"arg": "agent"}},
        {"kind": "set_status", "payload": {"arg": "booked"}}])");
    Integrations local;
    local.loaded = true;
    CHECK(booking_summary(jobs, local, true, false) ==
          "RDV enregistré : SMS « confirmation », invitation .ics au vendeur programmés — boîte d'envoi locale : rien "
          "ne part sans fournisseur.");
    Integrations real = local;
    real.sms = "twilio";
    real.email = "smtp";
    CHECK(booking_summary(jobs, real, false, true) ==
          "RDV enregistré : SMS « confirmation », invitation .ics à l'agent programmés.");
    CHECK(booking_summary(nlohmann::json::array(), real, true, true) == "RDV enregistré : aucun message prévu.");
}
