// French prospecting rules and GDPR at the server: a call is started only inside the legal
// window (or with consent) and within the frequency caps; everything held about a person can
// be exported, and erased while the money and the counts stay; consent collected on the phone
// is recorded word for word.
#include "api/body_reader.hpp"
#include "audit/audit_repo.hpp"
#include "compliance/gdpr_repo.hpp"
#include "compliance/routes.hpp"
#include "core/services.hpp"
#include "crm/domain/compliance.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/queue.hpp"
#include "leads/lead_lookup.hpp"
#include "settings/settings_repo.hpp"

namespace crm::compliance {

using namespace crm::http;
using api::BodyReader;
using leads::require_lead;

namespace {

Response start_call(Services& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    const auto settings = settings::load_settings(*db);
    const auto lead = leads::require_lead(*db, ctx.id_param(), now);
    if (lead.dnc) throw conflict("dnc", "Ce lead ne veut plus être contacté.");
    if (lead.bad_number || !lead.phone_e164) throw conflict("bad_number", "Le numéro de ce lead est invalide.");
    // Frequency caps and the 60 days after a refusal come from the queue's own rules.
    if (auto cap = domain::contact_cap(lead, now, settings))
        throw conflict("cap", cap->reason, {{"until", domain::time_or_null(cap->until)}});
    const auto permission = domain::call_permission(lead, now, settings);
    if (!permission.allowed)
        throw conflict("window", "Hors des plages d'appel autorisées : " + permission.window.reason + ".",
                       {{"nextOpenAt", domain::time_or_null(permission.window.next_open)}});
    audit(*db, ctx.caller().id, "call.start", "lead", lead.id, nullptr, {{"consentExempt", permission.consent_exempt}},
          now);
    return json_response(ctx.req, 201,
                         {{"leadId", lead.id},
                          {"startedAt", format_iso_utc(now)},
                          {"consentExempt", permission.consent_exempt},
                          {"window", permission.window}});
}

Response export_lead(Services& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    const auto lead = leads::require_lead(*db, ctx.id_param(), now);
    nlohmann::json out = {
        {"exportedAt", format_iso_utc(now)},
        {"lead", nlohmann::json(lead)},
        {"interactions", leads::lead_interactions(*db, lead.id)},
        {"appointments", leads::lead_appointments(*db, lead.id)},
    };
    out.update(lead_records_for_export(*db, lead.id));  // messages, tasks, deliveries
    audit(*db, ctx.caller().id, "lead.export", "lead", lead.id, nullptr, nullptr, now);
    auto res = json_response(ctx.req, 200, out);
    res.set(bhttp::field::content_disposition, "attachment; filename=\"lead-" + std::to_string(lead.id) + ".json\"");
    return res;
}

Response erase_lead(Services& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    {
        db::Transaction tx(*db);
        const auto lead = leads::require_lead(*db, ctx.id_param(), now);
        erase_lead_data(*db, lead.id, ctx.caller().id, "demande de la personne", now);
        purge_search_index(*db);
        tx.commit();
    }
    checkpoint_wal(*db);  // not finished (a long reader): the next checkpoint does it
    return no_content(ctx.req);
}

// Consent given on the phone (one key in the console): recorded with its time, the source
// "call" and the exact words the operator read (the settings' script unless the body gives
// them), audited as lead.consent with before/after, and noted in the lead's history.
Response record_consent(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    BodyReader in(body);
    auto text = in.text("text", false, 2000);
    in.finish();
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto lead = leads::require_lead(*db, ctx.id_param(), now);
    if (lead.dnc) throw conflict("dnc", "Ce lead ne veut plus être contacté : pas de consentement à recueillir.");
    const auto settings = settings::load_settings(*db);
    const std::string words =
        text ? *text : (settings.consent_script.empty() ? domain::kDefaultConsentScript : settings.consent_script);
    record_phone_consent(*db, lead.id, ctx.caller().id, words, now);
    const auto after = leads::require_lead(*db, lead.id, now);
    audit(*db, ctx.caller().id, "lead.consent", "lead", lead.id,
          {{"consent", lead.consent},
           {"consentAt", domain::time_or_null(lead.consent_at)},
           {"consentSource", lead.consent_source ? nlohmann::json(*lead.consent_source) : nlohmann::json(nullptr)}},
          {{"consent", true}, {"consentAt", format_iso_utc(now)}, {"consentSource", "call"}, {"consentText", words}},
          now);
    tx.commit();
    return json_response(ctx.req, 200, nlohmann::json(after));
}

}  // namespace

void register_compliance_routes(Router& router, Services& app) {
    router.add(Verb::post, "/api/leads/{id}/calls", operator_only(),
               [&app](RequestContext& c) { return start_call(app, c); });
    router.add(Verb::get, "/api/leads/{id}/export", operator_only(),
               [&app](RequestContext& c) { return export_lead(app, c); });
    router.add(Verb::post, "/api/leads/{id}/erase", operator_only(),
               [&app](RequestContext& c) { return erase_lead(app, c); });
    router.add(Verb::post, "/api/leads/{id}/consent", operator_only(),
               [&app](RequestContext& c) { return record_consent(app, c); });
}

}  // namespace crm::compliance
