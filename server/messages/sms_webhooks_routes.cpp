// The SMS provider's webhooks (Twilio's form-encoded requests, signed with the account's auth
// token in X-Twilio-Signature):
// - /api/webhooks/sms: an SMS someone sent us. STOP (and its French and English variants)
//   sets do-not-contact at once on every lead with that number and cancels what was planned;
//   any other text is a reply: an incoming `sms` interaction on those leads, raised in the
//   queue ("a répondu") until called, and a notification. A number no lead has is notified
//   too, with the text: never lost.
// - /api/webhooks/sms/status: delivery receipts; a message becomes `delivered` or `failed`.
#include "audit/audit_repo.hpp"
#include "automation/jobs_repo.hpp"
#include "core/services.hpp"
#include "crm/domain/validation.hpp"
#include "http/errors.hpp"
#include "integrations/twilio_signature.hpp"
#include "leads/leads_repo.hpp"
#include "messages/messages_repo.hpp"
#include "messages/routes.hpp"
#include "notifications/notifications_repo.hpp"

namespace crm::messages {

using namespace crm::http;

namespace {

// The request's form parameters once its signature is checked; 400 otherwise.
std::map<std::string, std::string> signed_params(Services& app, RequestContext& ctx) {
    const auto& token = app.providers().twilio_auth_token;
    if (token.empty()) throw ApiError(400, "not_configured", "TWILIO_AUTH_TOKEN n'est pas configuré.");
    const auto params = parse_query(ctx.req.body());
    auto sig = ctx.req.find("X-Twilio-Signature");
    const std::string url = app.public_url() + ctx.path;
    if (sig == ctx.req.end() ||
        !integrations::verify_twilio_signature(token, url, {params.begin(), params.end()}, std::string(sig->value())))
        throw ApiError(400, "bad_signature", "Signature X-Twilio-Signature incorrecte.");
    return {params.begin(), params.end()};
}

Response twiml(const Request& req, const std::map<std::string, std::string>& headers) {
    Response res{bhttp::status::ok, req.version()};
    res.set(bhttp::field::content_type, "application/xml");
    for (const auto& [k, v] : headers) res.set(k, v);
    res.body() = "<Response/>";
    res.prepare_payload();
    return res;
}

// Opt-out words people answer with (French and English), case and accents aside.
bool is_stop_word(const std::string& body) {
    std::string w;
    for (char c : body)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '.' && c != '!')
            w += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return w == "STOP" || w == "ARRET" || w == "ARR\xC3\x8AT" || w == "ARR\xC3\xAAT" || w == "UNSUBSCRIBE" ||
           w == "STOPSMS";
}

// At most `n` bytes of `text`, never cutting a UTF-8 character, with "…" when cut.
std::string excerpt(const std::string& text, std::size_t n) {
    if (text.size() <= n) return text;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    return text.substr(0, n) + "…";
}

Response inbound_sms(Services& app, RequestContext& ctx) {
    const auto params = signed_params(app, ctx);
    const auto raw_from = params.count("From") ? params.at("From") : "";
    const auto from = domain::normalize_phone(raw_from);
    const std::string body = params.count("Body") ? params.at("Body") : "";
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto leads = from ? leads::leads_with_phone(*db, *from) : std::vector<leads::LeadContact>{};
    int opted_out = 0, replies = 0;
    if (is_stop_word(body)) {
        for (const auto& lead : leads) {
            if (lead.dnc) continue;
            leads::mark_dnc(*db, lead.id, now);
            automation::cancel_pending_for_lead(*db, lead.id, now, "STOP reçu par SMS");
            leads::add_incoming_sms(*db, lead.id, body, now);
            audit(*db, std::nullopt, "lead.dnc_by_sms", "lead", lead.id, nullptr, {{"via", "inbound STOP"}}, now);
            ++opted_out;
        }
    } else if (!leads.empty()) {
        for (const auto& lead : leads) {
            leads::add_incoming_sms(*db, lead.id, body, now);
            leads::mark_replied(*db, lead.id, now);
            notifications::add_notification(
                *db,
                {"sms_reply",
                 lead.id,
                 std::nullopt,
                 lead.first_name + " " + lead.last_name + " a répondu par SMS : « " + excerpt(body, 300) + " »",
                 {}},
                now);
            ++replies;
        }
    } else {
        // Nobody has this number: the text still reaches the operator.
        notifications::add_notification(*db,
                                        {"sms_unknown",
                                         std::nullopt,
                                         std::nullopt,
                                         "SMS d'un numéro inconnu (" + (from ? *from : excerpt(raw_from, 40)) +
                                             ") : « " + excerpt(body, 300) + " »",
                                         {}},
                                        now);
    }
    tx.commit();
    return twiml(ctx.req, {{"X-Opted-Out", std::to_string(opted_out)}, {"X-Replies", std::to_string(replies)}});
}

// Twilio's MessageStatus: queued, sending, sent, delivered, undelivered, failed (and read,
// for WhatsApp). Only the final ones change a message.
Response delivery_receipt(Services& app, RequestContext& ctx) {
    const auto params = signed_params(app, ctx);
    const auto sid = params.count("MessageSid") ? params.at("MessageSid") : "";
    const auto status = params.count("MessageStatus") ? params.at("MessageStatus") : "";
    const bool delivered = status == "delivered" || status == "read";
    const bool failed = status == "failed" || status == "undelivered";
    bool applied = false;
    if (!sid.empty() && (delivered || failed)) {
        const std::string code = params.count("ErrorCode") ? params.at("ErrorCode") : "";
        auto db = app.pool().acquire();
        db::Transaction tx(*db);
        applied = apply_receipt(*db, sid, delivered,
                                status == "undelivered" ? "non distribué" + (code.empty() ? "" : " (code " + code + ")")
                                                        : "échec" + (code.empty() ? "" : " (code " + code + ")"),
                                app.now());
        tx.commit();
    }
    return twiml(ctx.req, {{"X-Applied", applied ? "1" : "0"}});
}

}  // namespace

void register_sms_webhooks_routes(Router& router, Services& app) {
    router.add(Verb::post, "/api/webhooks/sms", Access::public_route().without_csrf(),
               [&app](RequestContext& c) { return inbound_sms(app, c); });
    router.add(Verb::post, "/api/webhooks/sms/status", Access::public_route().without_csrf(),
               [&app](RequestContext& c) { return delivery_receipt(app, c); });
}

}  // namespace crm::messages
