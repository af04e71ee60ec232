// Agent CRM routes: an agent only ever reaches leads and deliveries that are theirs; anyone
// else's answers 404, exactly as if it did not exist.
#include "agents/agent_lead_view.hpp"
#include "agents/agents_repo.hpp"
#include "agents/routes.hpp"
#include "api/body_reader.hpp"
#include "audit/audit_repo.hpp"
#include "core/services.hpp"
#include "crm/domain/json.hpp"
#include "deliveries/deliveries_repo.hpp"
#include "deliveries/delivery_actions.hpp"
#include "http/errors.hpp"
#include "leads/leads_repo.hpp"

namespace crm::agents {

using namespace crm::http;
using api::BodyReader;

namespace {

Response assigned_leads(Services& app, RequestContext& ctx) {
    auto db = app.pool().acquire();
    const auto deliveries = deliveries::live_deliveries_of_agent(*db, ctx.caller().id);
    auto items = nlohmann::json::array();
    for (const auto& lead : leads_assigned_to(*db, ctx.caller().id)) {
        const auto d = deliveries.find(lead.id);
        items.push_back(agent_lead_json(
            lead, d == deliveries.end() ? std::nullopt : std::optional<deliveries::DeliveryRow>(d->second)));
    }
    return json_response(ctx.req, 200, {{"items", items}});
}

Response lead_detail(Services& app, RequestContext& ctx) {
    auto db = app.pool().acquire();
    auto lead = leads::find_assigned_lead(*db, ctx.id_param(), ctx.caller().id, app.now());
    if (!lead) throw not_found("Ce lead ne vous est pas attribué.");
    return json_response(ctx.req, 200, agent_lead_detail(*db, *lead, ctx.caller().id));
}

Response log_interaction(Services& app, RequestContext& ctx) {
    auto body = ctx.json_body();
    BodyReader in(body);
    auto kind = in.text("kind", true, 20);
    auto summary = in.text("summary", true, 5000);
    auto outcome = in.text("outcome", false, 50);
    auto duration = in.integer("durationS", false, 0, 24 * 3600);
    if (kind && *kind != "call" && *kind != "note" && *kind != "meeting") in.invalid("kind", "call, note ou meeting");
    in.finish();

    auto db = app.pool().acquire();
    const auto now = app.now();
    db::Transaction tx(*db);
    auto lead = leads::find_assigned_lead(*db, ctx.id_param(), ctx.caller().id, now);
    if (!lead) throw not_found("Ce lead ne vous est pas attribué.");
    const auto lead_id = lead->id;
    const auto interaction_id =
        log_agent_interaction(*db, {lead_id, ctx.caller().id, *kind, *summary, outcome, duration}, now);
    // The agent's first call after a delivery stops the 24 h "no first call" rule.
    if (*kind == "call") deliveries::mark_first_call(*db, lead_id, ctx.caller().id, now);
    tx.commit();
    return json_response(ctx.req, 201, leads::interaction_by_id(*db, interaction_id));
}

deliveries::DeliveryRow own_delivery(db::Database& db, RequestContext& ctx) {
    auto d = deliveries::delivery_row(db, ctx.id_param());
    if (!d || d->agent_id != ctx.caller().id) throw not_found("Livraison introuvable.");
    return *d;
}

Response accept(Services& app, RequestContext& ctx) {
    auto db = app.pool().acquire();
    const auto now = app.now();
    db::Transaction tx(*db);
    deliveries::accept_delivery(*db, own_delivery(*db, ctx), ctx.caller().id, now);
    tx.commit();
    return json_response(ctx.req, 200, *deliveries::find_delivery(*db, ctx.id_param()));
}

Response request_refund(Services& app, RequestContext& ctx) {
    auto body = ctx.json_body();
    BodyReader in(body);
    auto reason = in.text("reason", true, 1000);
    in.finish();
    auto db = app.pool().acquire();
    const auto now = app.now();
    db::Transaction tx(*db);
    auto d = own_delivery(*db, ctx);
    if (d.status == "refunded") throw conflict("refunded", "Cette livraison est déjà remboursée.");
    deliveries::mark_refund_requested(*db, d.id, *reason, now);
    audit(*db, ctx.caller().id, "delivery.refund_request", "delivery", d.id, nullptr, {{"reason", *reason}}, now);
    tx.commit();
    return json_response(ctx.req, 202, *deliveries::find_delivery(*db, d.id));
}

}  // namespace

void register_agent_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/leads/assigned", agent_only(),
               [&app](RequestContext& c) { return assigned_leads(app, c); });
    router.add(Verb::get, "/api/agent/leads/{id}", agent_only(),
               [&app](RequestContext& c) { return lead_detail(app, c); });
    router.add(Verb::post, "/api/agent/leads/{id}/interactions", agent_only(),
               [&app](RequestContext& c) { return log_interaction(app, c); });
    router.add(Verb::get, "/api/agent/deliveries", agent_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        return json_response(c.req, 200, {{"items", deliveries::agent_deliveries(*db, c.caller().id)}});
    });
    router.add(Verb::post, "/api/agent/deliveries/{id}/accept", agent_only(),
               [&app](RequestContext& c) { return accept(app, c); });
    router.add(Verb::post, "/api/agent/deliveries/{id}/refund-request", agent_only(),
               [&app](RequestContext& c) { return request_refund(app, c); });
    router.add(Verb::get, "/api/agent/credits", agent_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        return json_response(c.req, 200,
                             {{"balanceCents", deliveries::credit_balance(*db, c.caller().id)},
                              {"ledger", deliveries::credit_ledger(*db, c.caller().id)}});
    });
}

}  // namespace crm::agents
