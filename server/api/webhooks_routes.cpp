// Stripe's webhook: public, but proven by its signature; each event id is applied once.
// checkout.session.completed with client_reference_id "delivery:<id>" pays a delivery;
// "topup:<agentId>" adds the amount to the agent's credits.
#include <cstdlib>
#include "api/routes.hpp"
#include "automation/job_queue.hpp"
#include "core/app.hpp"
#include "core/audit.hpp"
#include "crm/domain/validation.hpp"
#include "db/deliveries_repo.hpp"
#include "http/errors.hpp"
#include "integrations/stripe_signature.hpp"
#include "integrations/twilio_signature.hpp"

namespace crm::api {

using namespace crm::http;

namespace {

std::optional<std::int64_t> reference_id(const std::string& ref, const std::string& prefix) {
    if (ref.rfind(prefix, 0) != 0) return std::nullopt;
    const auto digits = ref.substr(prefix.size());
    if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoll(digits);
}

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

    nlohmann::json applied = nullptr;
    if (type == "checkout.session.completed") {
        const auto& obj = event.value("data", nlohmann::json::object()).value("object", nlohmann::json::object());
        const std::string ref = obj.value("client_reference_id", std::string());
        const std::string session_id = obj.value("id", event_id);
        const std::int64_t amount = obj.contains("amount_total") && obj["amount_total"].is_number_integer()
                                        ? obj["amount_total"].get<std::int64_t>()
                                        : 0;
        if (auto delivery_id = reference_id(ref, "delivery:")) {
            auto d = db::delivery_row(*db, *delivery_id);
            if (!d) throw not_found("Livraison inconnue dans client_reference_id.");
            if (!d->paid_at) {
                db->prepare("UPDATE deliveries SET paid_at = ? WHERE id = ?").bind_all(now, d->id).run();
                db->prepare(
                      "INSERT INTO payments(agent_id, delivery_id, amount_cents, currency, paid_at, stripe_id, kind) "
                      "VALUES (?,?,?,'EUR',?,?,'delivery')")
                    .bind_all(d->agent_id, d->id, amount > 0 ? amount : d->price_cents, now, session_id)
                    .run();
                if (d->status == "accepted")
                    db->prepare("UPDATE leads SET stage = 'sold', updated_at = ? WHERE id = ?")
                        .bind_all(now, d->lead_id)
                        .run();
                audit(*db, std::nullopt, "delivery.paid", "delivery", d->id, nullptr, {{"stripeId", session_id}}, now);
            }
            applied = {{"deliveryId", d->id}};
        } else if (auto agent_id = reference_id(ref, "topup:")) {
            if (amount <= 0) throw ApiError(400, "bad_request", "amount_total manquant pour une recharge.");
            db->prepare(
                  "INSERT INTO payments(agent_id, amount_cents, currency, paid_at, stripe_id, kind) "
                  "VALUES (?,?,'EUR',?,?,'credit_topup')")
                .bind_all(*agent_id, amount, now, session_id)
                .run();
            db::add_credit_movement(*db, *agent_id, amount, "topup", "Recharge Stripe", std::nullopt, now);
            applied = {{"agentId", *agent_id}, {"creditedCents", amount}};
        }
    }
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
