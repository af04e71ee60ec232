// "Mes rendez-vous" in the Agent CRM: the agent's upcoming appointments (booked leads
// delivered to them) and the .ics of each, as the invitation e-mail carries it. The seller is
// named as the lead package names them: surname and contact once the agent has committed.
#include "appointments/invitation_ics.hpp"
#include "appointments/routes.hpp"
#include "core/services.hpp"
#include "crm/domain/personal_data.hpp"
#include "crm/domain/time.hpp"
#include "deliveries/deliveries_repo.hpp"
#include "http/errors.hpp"
#include "leads/leads_repo.hpp"

namespace crm::appointments {

using namespace crm::http;

namespace {

Response list_appointments(Services& app, RequestContext& ctx) {
    const auto now = app.now();
    const auto agent = ctx.caller().id;
    auto db = app.pool().acquire();
    const auto rows = upcoming_for_agent(*db, agent, now);
    auto items = nlohmann::json::array();
    for (const auto& a : rows) {
        const auto lead = leads::find_lead(*db, a.lead_id, now);
        if (!lead) continue;
        const auto delivery = deliveries::live_delivery_of_agent(*db, agent, lead->id);
        const bool revealed = delivery && delivery->contact_revealed();
        items.push_back({{"id", a.id},
                         {"leadId", a.lead_id},
                         {"start", domain::format_iso_utc(a.start)},
                         {"end", domain::format_iso_utc(a.end)},
                         {"location", a.location},
                         {"lead",
                          {{"firstName", lead->first_name},
                           {"lastName", revealed ? lead->last_name : domain::surname_initial(lead->last_name)},
                           {"city", lead->city}}},
                         {"icsUrl", "/api/agent/appointments/" + std::to_string(a.id) + "/ics"}});
    }
    return json_response(ctx.req, 200, {{"items", items}});
}

Response appointment_ics(Services& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    const auto a = find_for_agent(*db, ctx.id_param(), ctx.caller().id);
    if (!a) throw not_found("Rendez-vous introuvable.");
    const auto lead = leads::find_lead(*db, a->lead_id, now);
    if (!lead) throw not_found("Rendez-vous introuvable.");
    Response res{bhttp::status::ok, ctx.req.version()};
    res.set(bhttp::field::content_type, "text/calendar; method=REQUEST; charset=utf-8");
    res.set(bhttp::field::content_disposition, "attachment; filename=\"rendez-vous.ics\"");
    res.set(bhttp::field::cache_control, "no-store");
    res.keep_alive(ctx.req.keep_alive());
    res.body() = invitation_ics(*db, *a, *lead, agent_contact(*db, ctx.caller().id), /*for_agent=*/true,
                                domain::IcsMethod::request, a->sequence, now);
    res.prepare_payload();
    return res;
}

}  // namespace

void register_agent_appointments_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/agent/appointments", agent_only(),
               [&app](RequestContext& c) { return list_appointments(app, c); });
    router.add(Verb::get, "/api/agent/appointments/{id}/ics", agent_only(),
               [&app](RequestContext& c) { return appointment_ics(app, c); });
}

}  // namespace crm::appointments
