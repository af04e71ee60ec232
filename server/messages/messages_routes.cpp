// What became of the messages: the list (GET /api/messages), the operator's confirmation that
// a prepared WhatsApp message went, the providers in use (GET /api/integrations) and sending
// the local outbox once a provider is configured.
#include "audit/audit_repo.hpp"
#include "automation/jobs_repo.hpp"
#include "core/services.hpp"
#include "http/errors.hpp"
#include "messages/messages_repo.hpp"
#include "messages/routes.hpp"

namespace crm::messages {

using namespace crm::http;

namespace {

Response list_messages(Services& app, RequestContext& ctx) {
    std::optional<std::int64_t> lead;
    if (ctx.query_param("leadId")) lead = ctx.query_int("leadId", 0, 1, INT32_MAX);
    auto db = app.pool().acquire();
    return json_response(ctx.req, 200, {{"items", list_json(*db, lead)}});
}

Response confirm_whatsapp(Services& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto id = ctx.id_param();
    if (!find_json(*db, id)) throw not_found("Message introuvable.");
    if (!confirm_prepared(*db, id, now))
        throw conflict("conflict", "Seul un message WhatsApp préparé (pas encore confirmé) peut être confirmé.");
    audit(*db, ctx.caller().id, "message.confirm", "message", id, {{"status", "prepared"}}, {{"status", "sent"}}, now);
    tx.commit();
    return json_response(ctx.req, 200, *find_json(*db, id));
}

// Which provider each channel uses, what is waiting in the local outbox, and — when it is the
// outbox — the settings that would make it real.
Response integrations(Services& app, RequestContext& ctx) {
    const auto& p = app.providers();
    auto db = app.pool().acquire();
    const auto stripe = app.stripe_settings();
    const std::string payments = !stripe.secret_key.empty()         ? "stripe_api"
                                 : !stripe.payment_link_url.empty() ? "stripe_link"
                                                                    : "none";
    nlohmann::json out = {
        {"sms", p.sms_provider == "twilio" ? "twilio" : "outbox"},
        {"email", p.email_provider == "smtp" ? "smtp" : "outbox"},
        {"whatsapp", "wa_link"},
        {"payments", payments},
        {"outbox",
         {{"sms", count_with_status(*db, "sms", "outbox")}, {"email", count_with_status(*db, "email", "outbox")}}},
        {"preparedWhatsapp", count_with_status(*db, "whatsapp", "prepared")},
        {"setup",
         {{"sms", {"SMS_PROVIDER=twilio", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM"}},
          {"email", {"SMTP_URL", "SMTP_FROM"}},
          {"payments", {"STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"}}}}};
    return json_response(ctx.req, 200, out);
}

// "Envoyer la boîte d'envoi": the job that made each message kept in the outbox of a channel
// that now has a real provider runs again (automation::rearm_for_resend: pressing twice sends
// once); it checks do-not-contact and the SMS window again, rebuilds the .ics from the
// appointment as it is now, and updates the same message row. A lead package cannot: its link
// was never kept in clear (the Deliveries tab sends it again with a new link).
Response send_outbox(Services& app, RequestContext& ctx) {
    const auto& p = app.providers();
    std::vector<std::string> channels;
    if (p.sms_provider == "twilio") channels.push_back("sms");
    if (p.email_provider == "smtp") channels.push_back("email");
    if (channels.empty())
        throw ApiError(409, "no_provider",
                       "Aucun fournisseur configuré : les messages restent dans la boîte d'envoi locale. "
                       "Renseignez SMS_PROVIDER/TWILIO_* ou SMTP_URL, redémarrez le serveur, puis réessayez.");
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    nlohmann::json queued = nlohmann::json::object();
    int packages = 0;
    for (const auto& channel : channels) {
        int n = 0;
        for (const auto& entry : outbox_entries(*db, channel)) {
            if (entry.job_kind == domain::JobKind::send_package || !entry.job_id) {
                ++packages;
                continue;
            }
            n += automation::rearm_for_resend(*db, *entry.job_id, now) ? 1 : 0;
        }
        queued[channel] = n;
    }
    audit(*db, ctx.caller().id, "messages.send_outbox", "message", std::nullopt, nullptr,
          {{"queued", queued}, {"packagesToResend", packages}}, now);
    tx.commit();
    app.wake_scheduler();
    return json_response(ctx.req, 202, {{"queued", queued}, {"packagesToResend", packages}});
}

}  // namespace

void register_messages_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/messages", operator_only(),
               [&app](RequestContext& c) { return list_messages(app, c); });
    router.add(Verb::post, "/api/messages/{id}/confirm", operator_only(),
               [&app](RequestContext& c) { return confirm_whatsapp(app, c); });
    router.add(Verb::post, "/api/messages/send-outbox", operator_only(),
               [&app](RequestContext& c) { return send_outbox(app, c); });
    router.add(Verb::get, "/api/integrations", operator_only(),
               [&app](RequestContext& c) { return integrations(app, c); });
}

}  // namespace crm::messages
