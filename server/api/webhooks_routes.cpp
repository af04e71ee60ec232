// Stripe's webhook: public, but proven by its signature; each event id is applied once (what
// an event does to deliveries, payments and credits: api/stripe_events.cpp).
#include <cstdlib>
#include "api/routes.hpp"
#include "api/stripe_events.hpp"
#include "automation/job_queue.hpp"
#include "core/app.hpp"
#include "core/audit.hpp"
#include "crm/domain/validation.hpp"
#include "http/errors.hpp"
#include "integrations/stripe_signature.hpp"
#include "integrations/twilio_signature.hpp"

namespace crm::api {

using namespace crm::http;

namespace {

Response stripe_webhook(App& app, RequestContext& ctx) {
    const auto& cfg = app.config();
    if (cfg.stripe_webhook_secret.empty())
        throw ApiError(400, "not_configured", "STRIPE_WEBHOOK_SECRET n'est pas configuré.");
    auto sig = ctx.req.find("Stripe-Signature");
    const std::string header = sig == ctx.req.end() ? "" : std::string(sig->value());
    const auto check =
        integrations::verify_stripe_signature(header, ctx.req.body(), cfg.stripe_webhook_secret, app.now());
    if (check != integrations::SignatureCheck::ok) {
        const char* why = check == integrations::SignatureCheck::stale       ? "signature expirée"
                          : check == integrations::SignatureCheck::malformed ? "en-tête Stripe-Signature invalide"
                                                                             : "signature incorrecte";
        throw ApiError(400, "bad_signature", why);
    }
    auto event = nlohmann::json::parse(ctx.req.body(), nullptr, false);
    if (!event.is_object() || !event.contains("id") || !event["id"].is_string() || !event.contains("type") ||
        !event["type"].is_string())
        throw bad_request("Événement Stripe illisible.");
    const auto event_id = event["id"].get<std::string>();
    const auto type = event["type"].get<std::string>();

    auto db = app.pool().acquire();
    const auto now = app.now();
    db::Transaction tx(*db);
    db->prepare("INSERT INTO stripe_events(id, type, received_at) VALUES (?,?,?) ON CONFLICT(id) DO NOTHING")
        .bind_all(event_id, type, now)
        .run();
    if (db->changes() == 0) return json_response(ctx.req, 200, {{"received", true}, {"duplicate", true}});

    const auto applied = apply_stripe_event(
        *db, event_id, type, event.value("data", nlohmann::json::object()).value("object", nlohmann::json()), now);
    tx.commit();
    return json_response(ctx.req, 200, {{"received", true}, {"applied", applied}});
}

// Opt-out words people answer with (French and English), case and accents aside.
bool is_stop_word(std::string body) {
    std::string w;
    for (char c : body)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '.' && c != '!')
            w += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return w == "STOP" || w == "ARRET" || w == "ARR\xC3\x8AT" || w == "ARR\xC3\xAAT" || w == "UNSUBSCRIBE" ||
           w == "STOPSMS";
}

// Inbound SMS from a Twilio-compatible provider (form-encoded). "STOP" sets DNC at once on
// every lead with that number and cancels what was scheduled for them.
Response inbound_sms(App& app, RequestContext& ctx) {
    const char* token = std::getenv("TWILIO_AUTH_TOKEN");
    if (!token || !*token) throw ApiError(400, "not_configured", "TWILIO_AUTH_TOKEN n'est pas configuré.");
    const auto params = parse_query(ctx.req.body());
    auto sig = ctx.req.find("X-Twilio-Signature");
    const std::string url = app.public_url() + ctx.path;
    if (sig == ctx.req.end() ||
        !integrations::verify_twilio_signature(token, url, {params.begin(), params.end()}, std::string(sig->value())))
        throw ApiError(400, "bad_signature", "Signature X-Twilio-Signature incorrecte.");
    const auto from = params.count("From") ? domain::normalize_phone(params.at("From")) : std::nullopt;
    const std::string body = params.count("Body") ? params.at("Body") : "";
    int opted_out = 0;
    if (from && is_stop_word(body)) {
        auto db = app.pool().acquire();
        const auto now = app.now();
        db::Transaction tx(*db);
        auto st = db->prepare("SELECT id FROM leads WHERE phone_e164 = ? AND dnc = 0");
        st.bind(1, *from);
        std::vector<std::int64_t> ids;
        while (st.step()) ids.push_back(st.get_int64(0));
        for (auto id : ids) {
            db->prepare("UPDATE leads SET dnc = 1, status = 'dnc', updated_at = ? WHERE id = ?")
                .bind_all(now, id)
                .run();
            automation::cancel_pending_for_lead(*db, id, now, "STOP reçu par SMS");
            db->prepare(
                  "INSERT INTO interactions(lead_id, kind, direction, summary, timestamp) VALUES (?,'sms','in',?,?)")
                .bind_all(id, body, now)
                .run();
            audit(*db, std::nullopt, "lead.dnc_by_sms", "lead", id, nullptr, {{"via", "inbound STOP"}}, now);
        }
        tx.commit();
        opted_out = static_cast<int>(ids.size());
    }
    Response res{bhttp::status::ok, ctx.req.version()};
    res.set(bhttp::field::content_type, "application/xml");
    res.set("X-Opted-Out", std::to_string(opted_out));
    res.body() = "<Response/>";
    res.prepare_payload();
    return res;
}

}  // namespace

void register_webhooks_routes(Router& router, App& app) {
    router.add(Verb::post, "/api/webhooks/sms", Access::public_route().without_csrf(),
               [&app](RequestContext& c) { return inbound_sms(app, c); });
    router.add(Verb::post, "/api/webhooks/stripe", Access::public_route().without_csrf(),
               [&app](RequestContext& c) { return stripe_webhook(app, c); });
}

}  // namespace crm::api
