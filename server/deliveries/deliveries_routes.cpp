// The selling half: which agent should get a lead (routing), delivering a lead package with
// its price and share link, the list of deliveries, and what happens after (resend, reassign,
// refund, the operator's copy of the PDF).
#include "agents/agents_repo.hpp"
#include "api/body_reader.hpp"
#include "appointments/agent_invitations.hpp"
#include "audit/audit_repo.hpp"
#include "automation/jobs_repo.hpp"
#include "core/services.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/pricing.hpp"
#include "crm/domain/routing.hpp"
#include "crm/domain/scoring.hpp"
#include "crm/domain/time.hpp"
#include "deliveries/delivery_actions.hpp"
#include "deliveries/package_repo.hpp"
#include "deliveries/routes.hpp"
#include "http/errors.hpp"
#include "integrations/stripe_checkout.hpp"
#include "leads/lead_lookup.hpp"
#include "leads/leads_repo.hpp"
#include "settings/settings_repo.hpp"

namespace crm::deliveries {

using namespace crm::http;

namespace {

std::vector<domain::AgentProfile> agent_profiles(db::Database& db, std::int64_t now) {
    std::vector<domain::AgentProfile> out;
    for (const auto& a : agents::list_agents_with_metrics(db, domain::paris_month_start(now))) {
        domain::AgentProfile p;
        p.id = a["id"].get<std::int64_t>();
        p.name = a["displayName"].get<std::string>();
        for (const auto& c : a["cities"])
            if (c.is_string()) p.cities.push_back(c.get<std::string>());
        for (const auto& z : a["zips"])
            if (z.is_string()) p.zips.push_back(z.get<std::string>());
        p.delivered = a["delivered"].get<int>();
        p.accepted = a["accepted"].get<int>();
        p.refunded = a["refunded"].get<int>();
        if (!a["medianFirstCallMinutes"].is_null())
            p.median_first_call_minutes = a["medianFirstCallMinutes"].get<double>();
        p.load = a["load"].get<int>();
        out.push_back(std::move(p));
    }
    return out;
}

Response route(Services& app, RequestContext& ctx) {
    const auto lead_param = ctx.query_param("leadId");
    if (!lead_param || lead_param->empty() || lead_param->size() > 18 ||
        lead_param->find_first_not_of("0123456789") != std::string::npos)
        throw validation({{"leadId", "identifiant de lead attendu"}});
    const auto now = app.now();
    auto db = app.pool().acquire();
    const auto lead = leads::require_lead(*db, std::stoll(*lead_param), now);
    const auto settings = settings::load_settings(*db);
    auto candidates = nlohmann::json::array();  // an array even when empty
    for (const auto& c : domain::route_lead(lead, agent_profiles(*db, now))) candidates.push_back(c);
    return json_response(
        ctx.req, 200,
        {{"leadId", lead.id},
         {"readyToSell", nlohmann::json(domain::ready_to_sell(lead))},
         {"price", nlohmann::json(domain::delivery_price(lead.has_booked_slot, false, settings))},
         {"exclusivePrice", nlohmann::json(domain::delivery_price(lead.has_booked_slot, true, settings))},
         {"candidates", candidates}});
}

// What a new or resent delivery hands back besides the delivery itself.
struct Sent {
    std::optional<std::string> whatsapp_url;
    bool payment_queued = false;
};

// Card payment. A fixed Payment Link is only text: stored at once. A Checkout Session needs
// Stripe's API: a `payment_link` job asks for it (JobRunner::payment_link), so no request
// thread ever waits on Stripe; the answer says the link is on its way (paymentPending) and the
// console shows it when it is there. `attempt` tells a resend's new try from the first one.
// Returns whether a job was queued.
bool queue_payment_link(db::Database& db, Services& app, std::int64_t delivery_id, std::int64_t now,
                        const std::string& attempt) {
    const auto d = delivery_row(db, delivery_id);
    if (!d || d->payment_method != "stripe" || d->paid_at || d->payment_url || d->status == "refunded") return false;
    const auto stripe = app.stripe_settings();
    if (stripe.secret_key.empty()) {
        const auto r = integrations::create_payment_link(
            stripe, integrations::delivery_payment_request(d->id, d->lead_id, d->price_cents));
        if (r.ok) set_payment_url(db, d->id, r.url);
        return false;
    }
    automation::NewJob job;
    job.lead_id = d->lead_id;
    job.kind = domain::JobKind::payment_link;
    job.payload = {{"deliveryId", d->id}};
    job.due_at = now;
    job.idempotency_key = "payment_link:" + std::to_string(d->id) + attempt;
    automation::enqueue(db, job, now);
    return true;
}

Response delivered(Services& app, RequestContext& ctx, unsigned status, std::int64_t id, const ShareLink& link,
                   const Sent& sent) {
    if (sent.payment_queued) app.wake_scheduler();
    auto db = app.pool().acquire();
    auto out = *find_delivery(*db, id);
    out["shareUrl"] = link.share_url;
    out["pdfUrl"] = link.pdf_url;
    out["whatsappUrl"] = sent.whatsapp_url ? nlohmann::json(*sent.whatsapp_url) : nlohmann::json(nullptr);
    out["paymentPending"] = sent.payment_queued;
    out["paymentError"] = nullptr;  // a failed try shows in the job list (Automations), retried there
    return json_response(ctx.req, status, out);
}

struct NewDelivery {
    std::int64_t lead_id, agent_id;
    std::string channel, payment;
    bool exclusive;
    bool full_contact;  // a trusted agent sees the seller's contact before accepting
};

// Inserts the delivery with its price, moves the lead to Sent to Agent, issues the link, asks
// for the card-payment link and sends the package, all in the caller's transaction (the
// payment job first: the package e-mail then carries the payment link when Stripe answered).
std::pair<std::int64_t, ShareLink> insert_delivery(db::Database& db, Services& app, const NewDelivery& n,
                                                   std::int64_t actor, std::int64_t now, Sent& sent) {
    const auto lead = leads::require_lead(db, n.lead_id, now);
    const auto settings = settings::load_settings(db);
    const auto price = domain::delivery_price(lead.has_booked_slot, n.exclusive, settings);
    const auto id = insert_delivery_row(db,
                                        {lead.id, n.agent_id, price.total_cents, n.channel,
                                         nlohmann::json(price).dump(), n.payment, n.exclusive, n.full_contact},
                                        now);
    const auto link = issue_share_link(db, app, id, now);
    leads::mark_sent_to_agent(db, lead.id, n.agent_id, now);
    sent.payment_queued = queue_payment_link(db, app, id, now, "");
    sent.whatsapp_url = send_package(db, app, id, n.channel, link, now);
    appointments::invite_delivery_agent(db, lead.id, n.agent_id, now);  // the booked slot goes with the lead
    audit(db, actor, "delivery.create", "delivery", id, nullptr,
          {{"leadId", lead.id},
           {"agentId", n.agent_id},
           {"channel", n.channel},
           {"priceCents", price.total_cents},
           {"payment", n.payment},
           {"fullContact", n.full_contact}},
          now);
    return {id, link};
}

void require_agent(db::Database& db, std::int64_t agent_id) {
    if (!agents::find_agent(db, agent_id)) throw validation({{"agentId", "agent inconnu"}});
}

Response create(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    api::BodyReader in(body);
    auto lead_id = in.integer("leadId", true, 1, INT64_MAX);
    auto agent_id = in.integer("agentId", false, 1, INT64_MAX);
    auto channel = in.text("channel", false, 20);
    auto exclusive = in.boolean("exclusive", false);
    auto payment = in.text("payment", false, 20);
    auto allow_not_ready = in.boolean("allowNotReady", false);
    auto full_contact = in.boolean("fullContact", false);
    if (channel && *channel != "email" && *channel != "whatsapp" && *channel != "link")
        in.invalid("channel", "email, whatsapp ou link");
    if (payment && *payment != "credits" && *payment != "stripe") in.invalid("payment", "credits ou stripe");
    if (payment && *payment == "stripe" && !app.stripe_settings().configured())
        in.invalid("payment", "Stripe n'est pas configuré (STRIPE_SECRET_KEY ou STRIPE_PAYMENT_LINK_URL)");
    in.finish();

    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto lead = leads::require_lead(*db, *lead_id, now);
    if (lead.dnc) throw conflict("dnc", "Ce lead a demandé à ne plus être contacté : il ne peut pas être vendu.");
    if (lead.stage == domain::Stage::sold || lead.stage == domain::Stage::refunded_bad)
        throw conflict("conflict", std::string("Ce lead est en colonne « ") + domain::stage_label_fr(lead.stage) +
                                       " » : il ne peut pas être livré.");
    const auto ready = domain::ready_to_sell(lead);
    if (!ready.ready && !allow_not_ready.value_or(false))
        throw conflict("not_ready", "Ce lead n'est pas prêt à vendre.", {{"readyToSell", nlohmann::json(ready)}});
    std::int64_t agent = 0;
    if (agent_id) {
        require_agent(*db, *agent_id);
        agent = *agent_id;
    } else {
        const auto ranked = domain::route_lead(lead, agent_profiles(*db, now));
        if (ranked.empty()) throw validation({{"agentId", "aucun agent ne couvre ce secteur : choisissez-en un"}});
        agent = ranked.front().agent_id;
    }
    {  // An exclusive sale excludes every other open one, and an agent never gets the same lead twice.
        const auto open = open_deliveries_of_lead(*db, lead.id, agent);
        if (open.to_agent) throw conflict("already_delivered", "Ce lead a déjà été livré à cet agent.");
        if (open.exclusive || (exclusive.value_or(false) && open.count > 0))
            throw conflict("exclusive", "Ce lead est déjà livré et l'exclusivité l'empêche d'être revendu.");
    }
    Sent sent;
    const auto [id, link] = insert_delivery(*db, app,
                                            {lead.id, agent, channel.value_or("link"), payment.value_or("credits"),
                                             exclusive.value_or(false), full_contact.value_or(false)},
                                            ctx.caller().id, now, sent);
    tx.commit();
    return delivered(app, ctx, 201, id, link, sent);
}

DeliveryRow require_delivery(db::Database& db, std::int64_t id) {
    auto d = delivery_row(db, id);
    if (!d) throw not_found("Livraison introuvable.");
    return *d;
}

Response refund(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    api::BodyReader in(body);
    auto reason = in.text("reason", true, 1000);
    in.finish();
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    refund_delivery(*db, require_delivery(*db, ctx.id_param()), *reason, ctx.caller().id, now);
    tx.commit();
    return json_response(ctx.req, 200, *find_delivery(*db, ctx.id_param()));
}

Response reassign(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    api::BodyReader in(body);
    auto agent_id = in.integer("agentId", true, 1, INT64_MAX);
    auto full_contact = in.boolean("fullContact", false);  // trust is given to an agent, not carried over
    in.finish();
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto old = require_delivery(*db, ctx.id_param());
    require_agent(*db, *agent_id);
    if (old.agent_id == *agent_id) throw conflict("conflict", "Cette livraison est déjà chez cet agent.");
    if (old.status == "accepted" && old.paid_at)
        throw conflict("conflict", "Ce lead est accepté et payé : remboursez d'abord l'agent.");
    const auto agent_name = (*agents::find_agent(*db, *agent_id))["displayName"].get<std::string>();
    refund_delivery(*db, old, "Réattribué à " + agent_name, ctx.caller().id, now, /*keep_lead_stage=*/true);
    Sent sent;
    const auto [id, link] = insert_delivery(
        *db, app,
        {old.lead_id, *agent_id, old.channel, old.payment_method, old.exclusive, full_contact.value_or(false)},
        ctx.caller().id, now, sent);
    audit(*db, ctx.caller().id, "delivery.reassign", "delivery", old.id, {{"agentId", old.agent_id}},
          {{"agentId", *agent_id}, {"newDeliveryId", id}}, now);
    tx.commit();
    return delivered(app, ctx, 200, id, link, sent);
}

Response resend(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    api::BodyReader in(body);
    auto channel = in.text("channel", false, 20);
    if (channel && *channel != "email" && *channel != "whatsapp" && *channel != "link")
        in.invalid("channel", "email, whatsapp ou link");
    in.finish();
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto d = require_delivery(*db, ctx.id_param());
    if (d.status == "refunded") throw conflict("refunded", "Cette livraison a été remboursée : son lien est révoqué.");
    const auto ch = channel.value_or(d.channel);
    const auto link = issue_share_link(*db, app, d.id, now);
    Sent sent;
    // Still no payment link (Stripe was down, the job gave up): a resend asks again.
    sent.payment_queued = queue_payment_link(*db, app, d.id, now, ":" + std::to_string(now));
    sent.whatsapp_url = send_package(*db, app, d.id, ch, link, now);
    mark_resent(*db, d.id, ch, now);
    audit(*db, ctx.caller().id, "delivery.resend", "delivery", d.id, nullptr, {{"channel", ch}}, now);
    tx.commit();
    return delivered(app, ctx, 200, d.id, link, sent);
}

Response operator_pdf(Services& app, RequestContext& ctx) {
    auto db = app.pool().acquire();
    auto view = load_package(*db, ctx.id_param(), app.now());
    if (!view) throw not_found("Livraison introuvable.");
    return package_pdf_response(ctx.req, *view);
}

Response list(Services& app, RequestContext& ctx) {
    DeliveryFilter f;
    f.status = ctx.query_param("status");
    if (f.status && f.status->empty()) f.status.reset();
    if (f.status && *f.status != "sent" && *f.status != "opened" && *f.status != "accepted" && *f.status != "refunded")
        throw validation({{"status", "sent, opened, accepted ou refunded"}});
    const int agent = ctx.query_int("agentId", 0, 0, INT32_MAX);
    const int lead = ctx.query_int("leadId", 0, 0, INT32_MAX);
    if (agent) f.agent_id = agent;
    if (lead) f.lead_id = lead;
    f.limit = ctx.query_int("limit", 500, 1, 2000);
    auto db = app.pool().acquire();
    return json_response(ctx.req, 200, {{"items", list_deliveries(*db, f)}});
}

}  // namespace

void register_deliveries_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/deliveries", operator_only(), [&app](RequestContext& c) { return list(app, c); });
    router.add(Verb::post, "/api/deliveries", operator_only(), [&app](RequestContext& c) { return create(app, c); });
    router.add(Verb::get, "/api/deliveries/route", operator_only(),
               [&app](RequestContext& c) { return route(app, c); });
    router.add(Verb::get, "/api/deliveries/{id}", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        auto d = find_delivery(*db, c.id_param());
        if (!d) throw not_found("Livraison introuvable.");
        return json_response(c.req, 200, *d);
    });
    router.add(Verb::get, "/api/deliveries/{id}/pdf", operator_only(),
               [&app](RequestContext& c) { return operator_pdf(app, c); });
    router.add(Verb::post, "/api/deliveries/{id}/refund", operator_only(),
               [&app](RequestContext& c) { return refund(app, c); });
    router.add(Verb::post, "/api/deliveries/{id}/reassign", operator_only(),
               [&app](RequestContext& c) { return reassign(app, c); });
    router.add(Verb::post, "/api/deliveries/{id}/resend", operator_only(),
               [&app](RequestContext& c) { return resend(app, c); });
}

}  // namespace crm::deliveries
