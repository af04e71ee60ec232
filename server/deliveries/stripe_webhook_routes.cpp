// Stripe's webhook: public, but proven by its signature; each event id is applied once (what
// an event does to deliveries, payments and credits: api/stripe_events.cpp).
#include "core/services.hpp"
#include "deliveries/deliveries_repo.hpp"
#include "deliveries/routes.hpp"
#include "deliveries/stripe_events.hpp"
#include "http/errors.hpp"
#include "integrations/stripe_signature.hpp"

namespace crm::deliveries {

using namespace crm::http;

namespace {

Response stripe_webhook(Services& app, RequestContext& ctx) {
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
    if (!record_stripe_event(*db, event_id, type, now))
        return json_response(ctx.req, 200, {{"received", true}, {"duplicate", true}});

    const auto applied = apply_stripe_event(
        *db, event_id, type, event.value("data", nlohmann::json::object()).value("object", nlohmann::json()), now);
    tx.commit();
    return json_response(ctx.req, 200, {{"received", true}, {"applied", applied}});
}

}  // namespace

void register_stripe_webhook_routes(Router& router, Services& app) {
    router.add(Verb::post, "/api/webhooks/stripe", Access::public_route().without_csrf(),
               [&app](RequestContext& c) { return stripe_webhook(app, c); });
}

}  // namespace crm::deliveries
