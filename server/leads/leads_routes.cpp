// Operator routes on leads: list and search, one lead, delete (after erasure), notes and the timeline.
#include "api/body_reader.hpp"
#include "audit/audit_repo.hpp"
#include "compliance/gdpr_repo.hpp"
#include "core/services.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/text.hpp"
#include "http/errors.hpp"
#include "leads/lead_input.hpp"
#include "leads/lead_lookup.hpp"
#include "leads/leads_repo.hpp"
#include "leads/routes.hpp"

namespace crm::leads {

using namespace crm::http;

namespace {

Response list_leads(Services& app, RequestContext& ctx) {
    const int limit = ctx.query_int("limit", 50, 1, 1000);
    const int offset = ctx.query_int("offset", 0, 0, 100000000);
    const auto q = ctx.query_param("q").value_or("");
    const auto stage = ctx.query_param("stage").value_or("");
    const auto status = ctx.query_param("status").value_or("");
    if (!stage.empty() && !domain::parse_stage(stage)) throw validation({{"stage", "étape inconnue"}});
    if (!status.empty() && !domain::parse_status(status)) throw validation({{"status", "statut inconnu"}});
    // A NUL would end the search text early in FTS5's parser (and can be no lead's text).
    if (q.find('\0') != std::string::npos) throw validation({{"q", "caractère nul interdit"}});
    // Nor can bytes that are not UTF-8 (PostgreSQL refuses them outright).
    if (domain::invalid_utf8_line(q)) throw validation({{"q", "texte UTF-8 invalide"}});

    auto db = app.pool().acquire();
    const auto page = search_leads(*db, {q, stage, status, limit, offset}, app.now());
    auto items = nlohmann::json::array();
    for (const auto& l : page.leads) items.push_back(nlohmann::json(l));
    return json_response(ctx.req, 200, {{"items", items}, {"total", page.total}, {"limit", limit}, {"offset", offset}});
}

Response create_lead(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    const auto now = app.now();
    domain::Lead lead;
    lead.created_at = lead.updated_at = now;
    lead.owner_user_id = ctx.caller().id;
    apply_lead_input(body, lead, now);
    const bool allow_duplicate =
        body.contains("allowDuplicate") && body["allowDuplicate"].is_boolean() && body["allowDuplicate"].get<bool>();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    auto candidates = duplicate_candidates(*db, lead);
    if (!candidates.empty() && !allow_duplicate)
        throw conflict("duplicate", "Un lead avec ce téléphone ou cet e-mail existe déjà.",
                       {{"candidates", candidates}});
    lead.id = write_lead(*db, lead, true);
    audit(*db, ctx.caller().id, "lead.create", "lead", lead.id, nullptr, nlohmann::json(lead), now);
    tx.commit();
    return json_response(ctx.req, 201, nlohmann::json(require_lead(*db, lead.id, now)));
}

Response update_lead(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto before = require_lead(*db, ctx.id_param(), now);
    auto lead = before;
    apply_lead_input(body, lead, now);
    lead.updated_at = now;
    const bool allow_duplicate =
        body.contains("allowDuplicate") && body["allowDuplicate"].is_boolean() && body["allowDuplicate"].get<bool>();
    const bool keys_changed = lead.phone_e164 != before.phone_e164 || lead.email != before.email;
    if (keys_changed && !allow_duplicate) {
        auto candidates = duplicate_candidates(*db, lead);
        if (!candidates.empty())
            throw conflict("duplicate", "Un autre lead a ce téléphone ou cet e-mail.", {{"candidates", candidates}});
    }
    write_lead(*db, lead, false);
    audit(*db, ctx.caller().id, before.consent != lead.consent ? "lead.consent" : "lead.update", "lead", lead.id,
          nlohmann::json(before), nlohmann::json(lead), now);
    tx.commit();
    return json_response(ctx.req, 200, nlohmann::json(require_lead(*db, lead.id, now)));
}

Response add_note(Services& app, RequestContext& ctx) {
    auto body = ctx.json_body();
    api::BodyReader in(body);
    auto text = in.text("text", true, 5000);
    in.finish();
    auto db = app.pool().acquire();
    const auto now = app.now();
    db::Transaction tx(*db);
    const auto id = ctx.id_param();
    require_lead(*db, id, app.now());
    const auto note_id = insert_note(*db, id, ctx.caller().id, *text, now);
    tx.commit();
    return json_response(ctx.req, 201, interaction_by_id(*db, note_id));
}

// Erased first, then deleted: the rows that outlive the lead (audit copies, kept answers, job
// history, notifications of other tables) must not keep the person either.
Response delete_lead(Services& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    {
        db::Transaction tx(*db);
        const auto id = require_lead(*db, ctx.id_param(), now).id;
        compliance::erase_lead_data(*db, id, ctx.caller().id, "suppression du lead", now);
        const auto before = nlohmann::json(require_lead(*db, id, now));
        delete_lead_row(*db, id);
        audit(*db, ctx.caller().id, "lead.delete", "lead", id, before, nullptr, now);
        compliance::purge_search_index(*db);
        tx.commit();
    }
    compliance::checkpoint_wal(*db);
    return no_content(ctx.req);
}

Response timeline(Services& app, RequestContext& ctx) {
    auto db = app.pool().acquire();
    const auto id = ctx.id_param();
    require_lead(*db, id, app.now());
    return json_response(ctx.req, 200, {{"items", lead_timeline(*db, id)}});
}

}  // namespace

void register_leads_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/leads", operator_only(), [&app](RequestContext& c) { return list_leads(app, c); });
    router.add(Verb::post, "/api/leads", operator_only(), [&app](RequestContext& c) { return create_lead(app, c); });
    router.add(Verb::patch, "/api/leads/{id}", operator_only(),
               [&app](RequestContext& c) { return update_lead(app, c); });
    router.add(Verb::get, "/api/leads/{id}", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        return json_response(c.req, 200, nlohmann::json(require_lead(*db, c.id_param(), app.now())));
    });
    router.add(Verb::delete_, "/api/leads/{id}", operator_only(),
               [&app](RequestContext& c) { return delete_lead(app, c); });
    router.add(Verb::post, "/api/leads/{id}/notes", operator_only(),
               [&app](RequestContext& c) { return add_note(app, c); });
    router.add(Verb::get, "/api/leads/{id}/timeline", operator_only(),
               [&app](RequestContext& c) { return timeline(app, c); });
}

}  // namespace crm::leads
