// The agents the operator sells to: list with their figures, creating one, and credits
// (a manual top-up, or a Stripe link the agent pays; the webhook credits it).
#include "accounts/account_input.hpp"
#include "agents/agents_repo.hpp"
#include "agents/routes.hpp"
#include "api/body_reader.hpp"
#include "audit/audit_repo.hpp"
#include "auth/password_policy.hpp"
#include "auth/passwords.hpp"
#include "core/services.hpp"
#include "crm/domain/time.hpp"
#include "crm/domain/validation.hpp"
#include "deliveries/delivery_actions.hpp"
#include "http/errors.hpp"

namespace crm::agents {

using namespace crm::http;
using api::BodyReader;

namespace {

Response create_agent(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    BodyReader in(body);
    auto account = accounts::read_new_account(in, Role::agent);
    auto password = in.text("password", true, auth::kMaxPasswordLength);
    if (password)
        if (auto weak = auth::password_weakness(*password, account.username, account.display_name))
            in.invalid("password", *weak);
    in.finish();
    account.password_hash = auth::hash_password(*password);  // slow: before the write lock

    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    accounts::require_free_username(*db, account.username);
    const auto id = accounts::create_account(*db, account, now);
    audit(*db, ctx.caller().id, "agent.create", "user", id, nullptr,
          {{"username", account.username}, {"cities", account.cities}, {"zips", account.zips}}, now);
    tx.commit();
    return json_response(ctx.req, 201, *find_agent(*db, id));
}

Response top_up(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    BodyReader in(body);
    auto amount = in.integer("amountCents", true, 1, 10'000'000);
    auto note = in.text("note", false, 500);
    in.finish();
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    if (!find_agent(*db, ctx.id_param())) throw not_found("Agent introuvable.");
    deliveries::add_credit_movement(*db, ctx.id_param(), *amount, "topup", note.value_or("Recharge manuelle"),
                                    std::nullopt, now);
    audit(*db, ctx.caller().id, "credits.topup", "user", ctx.id_param(), nullptr, {{"amountCents", *amount}}, now);
    tx.commit();
    return json_response(ctx.req, 201,
                         {{"balanceCents", deliveries::credit_balance(*db, ctx.id_param())},
                          {"ledger", deliveries::credit_ledger(*db, ctx.id_param())}});
}

Response top_up_link(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    BodyReader in(body);
    auto amount = in.integer("amountCents", true, 100, 10'000'000);
    // The one Stripe call made in a request: the operator waits for this URL to hand it over.
    // Bounded by the client's timeouts (5 s connect, 10 s in all).
    const auto stripe = app.stripe_settings();
    if (!stripe.configured()) in.invalid("amountCents", "Stripe n'est pas configuré");
    in.finish();
    {
        auto db = app.pool().acquire();
        if (!find_agent(*db, ctx.id_param())) throw not_found("Agent introuvable.");
    }
    const auto ref = "topup:" + std::to_string(ctx.id_param());
    const auto r = integrations::create_payment_link(
        stripe,
        {ref, *amount, "Recharge de crédits", ref + ":" + std::to_string(*amount) + ":" + auth::random_token(6)});
    if (!r.ok) throw ApiError(502, "payment_provider", r.error);
    return json_response(ctx.req, 201, {{"paymentUrl", r.url}, {"amountCents", *amount}});
}

}  // namespace

void register_agents_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/agents", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        return json_response(c.req, 200,
                             {{"items", list_agents_with_metrics(*db, domain::paris_month_start(app.now()))}});
    });
    router.add(Verb::post, "/api/agents", operator_only(), [&app](RequestContext& c) { return create_agent(app, c); });
    router.add(Verb::post, "/api/agents/{id}/credits", operator_only(),
               [&app](RequestContext& c) { return top_up(app, c); });
    router.add(Verb::post, "/api/agents/{id}/credits/payment-link", operator_only(),
               [&app](RequestContext& c) { return top_up_link(app, c); });
}

}  // namespace crm::agents
