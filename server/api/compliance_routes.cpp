// French prospecting rules and GDPR at the server: a call is started only inside the legal
// window (or with consent) and within the frequency caps; everything held about a person can
// be exported, and erased while the money and the counts stay.
#include "api/lead_lookup.hpp"
#include "api/routes.hpp"
#include "core/app.hpp"
#include "core/audit.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/queue.hpp"
#include "db/settings_repo.hpp"

namespace crm::api {

using namespace crm::http;

namespace {

constexpr const char* kErased = "[effacé]";

Response start_call(App& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    const auto settings = db::load_settings(*db);
    const auto lead = require_lead(*db, ctx.id_param(), now);
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

nlohmann::json rows_as_json(db::Database& db, const std::string& sql, std::int64_t id) {
    auto st = db.prepare(sql);
    st.bind(1, id);
    auto out = nlohmann::json::array();
    while (st.step()) {
        nlohmann::json row = nlohmann::json::object();
        for (int c = 0; c < st.column_count(); ++c)
            row[st.column_name(c)] = st.is_null(c) ? nlohmann::json(nullptr) : nlohmann::json(st.get_text(c));
        out.push_back(row);
    }
    return out;
}

Response export_lead(App& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    const auto lead = require_lead(*db, ctx.id_param(), now);
    nlohmann::json out = {
        {"exportedAt", format_iso_utc(now)},
        {"lead", nlohmann::json(lead)},
        {"interactions", db::lead_interactions(*db, lead.id)},
        {"appointments", db::lead_appointments(*db, lead.id)},
        {"messages",
         rows_as_json(
             *db,
             "SELECT id, channel, to_addr, subject, body, status, queued_at, sent_at FROM messages WHERE lead_id = ?",
             lead.id)},
        {"tasks",
         rows_as_json(*db, "SELECT id, due_at, note, done_at, created_at FROM tasks WHERE lead_id = ?", lead.id)},
        {"deliveries", rows_as_json(*db,
                                    "SELECT id, agent_id, status, price_cents, paid_at, sent_at, accepted_at, "
                                    "refunded_at FROM deliveries WHERE lead_id = ?",
                                    lead.id)},
    };
    audit(*db, ctx.caller().id, "lead.export", "lead", lead.id, nullptr, nullptr, now);
    auto res = json_response(ctx.req, 200, out);
    res.set(bhttp::field::content_disposition, "attachment; filename=\"lead-" + std::to_string(lead.id) + ".json\"");
    return res;
}

Response erase_lead(App& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto lead = require_lead(*db, ctx.id_param(), now);
    const auto id = lead.id;
    db->prepare(
          "UPDATE leads SET first_name = ?1, last_name = ?1, phone = ?1, phone_e164 = NULL, email = NULL, "
          "area = '', consent_text = NULL, dnc = 1, status = 'dnc', updated_at = ?2 WHERE id = ?3")
        .bind_all(kErased, now, id)
        .run();
    db->prepare("UPDATE interactions SET summary = ?1, transcript = NULL, recording_url = NULL WHERE lead_id = ?2")
        .bind_all(kErased, id)
        .run();
    db->prepare("UPDATE messages SET to_addr = ?1, body = ?1, subject = NULL WHERE lead_id = ?2")
        .bind_all(kErased, id)
        .run();
    db->prepare("UPDATE appointments SET location = ?1 WHERE lead_id = ?2").bind_all(kErased, id).run();
    db->prepare("UPDATE tasks SET note = ?1 WHERE lead_id = ?2").bind_all(kErased, id).run();
    // Share links die with the data; prices, payments and counts stay for the books.
    db->prepare(
          "UPDATE deliveries SET share_token_hash = NULL, revoked_at = COALESCE(revoked_at, ?1) WHERE lead_id = ?2")
        .bind_all(now, id)
        .run();
    db->prepare("DELETE FROM jobs WHERE lead_id = ? AND status IN ('pending', 'running')").bind(1, id).run();
    // Earlier audit entries held the person's data in their before/after copies.
    db->prepare("UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'lead' AND entity_id = ?")
        .bind(1, id)
        .run();
    audit(*db, ctx.caller().id, "lead.erase", "lead", id, nullptr, nullptr, now);
    tx.commit();
    return no_content(ctx.req);
}

}  // namespace

void register_compliance_routes(Router& router, App& app) {
    router.add(Verb::post, "/api/leads/{id}/calls", operator_only(),
               [&app](RequestContext& c) { return start_call(app, c); });
    router.add(Verb::get, "/api/leads/{id}/export", operator_only(),
               [&app](RequestContext& c) { return export_lead(app, c); });
    router.add(Verb::post, "/api/leads/{id}/erase", operator_only(),
               [&app](RequestContext& c) { return erase_lead(app, c); });
}

}  // namespace crm::api
