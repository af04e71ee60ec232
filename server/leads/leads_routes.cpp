// Operator routes on leads: list and search, one lead, delete (after erasure), notes and the timeline.
#include "api/body_reader.hpp"
#include "core/app.hpp"
#include "core/audit.hpp"
#include "crm/domain/json.hpp"
#include "db/gdpr_repo.hpp"
#include "db/iso_json.hpp"
#include "http/errors.hpp"
#include "leads/lead_input.hpp"
#include "leads/lead_lookup.hpp"
#include "leads/leads_repo.hpp"
#include "leads/routes.hpp"

namespace crm::leads {

using namespace crm::http;

namespace {

std::size_t utf8_length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// The text as one FTS5 phrase: quotes doubled, so operators and punctuation are plain text.
std::string fts_phrase(const std::string& q) {
    std::string out = "\"";
    for (char c : q) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// % and _ typed by the user are characters, not wildcards.
std::string like_escaped(const std::string& q) {
    std::string out;
    for (char c : q) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

Response list_leads(App& app, RequestContext& ctx) {
    const int limit = ctx.query_int("limit", 50, 1, 1000);
    const int offset = ctx.query_int("offset", 0, 0, 100000000);
    const auto q = ctx.query_param("q").value_or("");
    const auto stage = ctx.query_param("stage").value_or("");
    const auto status = ctx.query_param("status").value_or("");
    if (!stage.empty() && !domain::parse_stage(stage)) throw validation({{"stage", "étape inconnue"}});
    if (!status.empty() && !domain::parse_status(status)) throw validation({{"status", "statut inconnu"}});
    // A NUL would end the search text early in FTS5's parser (and can be no lead's text).
    if (q.find('\0') != std::string::npos) throw validation({{"q", "caractère nul interdit"}});

    // Three characters or more: the trigram index (migration 011) finds the matching leads;
    // shorter text cannot use it and scans with LIKE (same meaning: inside one of the columns).
    const bool indexed = utf8_length(q) >= 3;
    std::string where = " WHERE 1=1";
    if (!q.empty())
        where += indexed ? " AND l.id IN (SELECT rowid FROM lead_search WHERE lead_search MATCH ?1)"
                         : " AND (l.first_name LIKE ?1 ESCAPE '\\' OR l.last_name LIKE ?1 ESCAPE '\\' OR l.phone "
                           "LIKE ?1 ESCAPE '\\' OR l.phone_e164 LIKE ?1 ESCAPE '\\' OR l.email LIKE ?1 ESCAPE '\\' "
                           "OR l.city LIKE ?1 ESCAPE '\\' OR l.zip LIKE ?1 ESCAPE '\\')";
    if (!stage.empty()) where += " AND l.stage = ?2";
    if (!status.empty()) where += " AND l.status = ?3";
    const std::string pattern = indexed ? fts_phrase(q) : "%" + like_escaped(q) + "%";

    auto db = app.pool().acquire();
    auto count = db->prepare("SELECT COUNT(*) FROM leads l" + where);
    auto list =
        db->prepare(std::string("SELECT ") + kLeadColumns + " FROM leads l" + where +
                    // A search sorts its few matches; walking the date index instead would visit
                    // every row for a rare name.
                    (q.empty() ? " ORDER BY l.created_at DESC, l.id DESC" : " ORDER BY +l.created_at DESC, l.id DESC") +
                    " LIMIT ?4 OFFSET ?5");
    for (auto* st : {&count, &list}) {
        if (!q.empty()) st->bind(1, pattern);
        if (!stage.empty()) st->bind(2, stage);
        if (!status.empty()) st->bind(3, status);
    }
    list.bind(4, limit).bind(5, offset);
    count.step();
    // With the same scoring inputs as the queue, so the console ranks exactly as the server.
    std::vector<domain::Lead> leads;
    while (list.step()) leads.push_back(lead_from_row(list));
    load_lead_extras(*db, leads, app.now());
    auto items = nlohmann::json::array();
    for (const auto& l : leads) items.push_back(nlohmann::json(l));
    return json_response(ctx.req, 200,
                         {{"items", items}, {"total", count.get_int64(0)}, {"limit", limit}, {"offset", offset}});
}

Response create_lead(App& app, RequestContext& ctx) {
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
    write_lead(*db, lead, true);
    lead.id = db->last_insert_id();
    audit(*db, ctx.caller().id, "lead.create", "lead", lead.id, nullptr, nlohmann::json(lead), now);
    tx.commit();
    return json_response(ctx.req, 201, nlohmann::json(require_lead(*db, lead.id, now)));
}

Response update_lead(App& app, RequestContext& ctx) {
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

Response add_note(App& app, RequestContext& ctx) {
    auto body = ctx.json_body();
    api::BodyReader in(body);
    auto text = in.text("text", true, 5000);
    in.finish();
    auto db = app.pool().acquire();
    const auto now = app.now();
    db::Transaction tx(*db);
    const auto id = ctx.id_param();
    require_lead(*db, id, app.now());
    db->prepare("INSERT INTO interactions(lead_id, user_id, kind, summary, timestamp) VALUES (?,?,'note',?,?)")
        .bind_all(id, ctx.caller().id, *text, now)
        .run();
    const auto note_id = db->last_insert_id();
    db->prepare("UPDATE leads SET updated_at = ? WHERE id = ?").bind_all(now, id).run();
    tx.commit();
    return json_response(ctx.req, 201, interaction_by_id(*db, note_id));
}

// Erased first, then deleted: the rows that outlive the lead (audit copies, kept answers, job
// history, notifications of other tables) must not keep the person either.
Response delete_lead(App& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    {
        db::Transaction tx(*db);
        const auto id = require_lead(*db, ctx.id_param(), now).id;
        db::erase_lead_data(*db, id, ctx.caller().id, "suppression du lead", now);
        const auto before = nlohmann::json(require_lead(*db, id, now));
        db->prepare("DELETE FROM leads WHERE id = ?").bind(1, id).run();
        audit(*db, ctx.caller().id, "lead.delete", "lead", id, before, nullptr, now);
        db::purge_search_index(*db);
        tx.commit();
    }
    db::checkpoint_wal(*db);
    return no_content(ctx.req);
}

Response timeline(App& app, RequestContext& ctx) {
    auto db = app.pool().acquire();
    const auto id = ctx.id_param();
    require_lead(*db, id, app.now());
    auto items = nlohmann::json::array();
    for (auto& i : lead_interactions(*db, id)) {
        i["type"] = "interaction";
        i["at"] = i["timestamp"];
        items.push_back(i);
    }
    for (auto& a : lead_appointments(*db, id)) {
        a["type"] = "appointment";
        a["at"] = a["start"];
        items.push_back(a);
    }
    auto tasks = db->prepare("SELECT id, due_at, note, done_at, created_at FROM tasks WHERE lead_id = ?");
    tasks.bind(1, id);
    while (tasks.step())
        items.push_back({{"type", "task"},
                         {"id", tasks.get_int64(0)},
                         {"dueAt", db::iso_or_null(tasks.get_int64(1))},
                         {"note", tasks.get_text(2)},
                         {"doneAt", db::iso_or_null(tasks.get_opt_int64(3))},
                         {"at", db::iso_or_null(tasks.get_int64(4))}});
    auto msgs =
        db->prepare("SELECT id, channel, to_addr, body, status, queued_at, sent_at FROM messages WHERE lead_id = ?");
    msgs.bind(1, id);
    while (msgs.step())
        items.push_back({{"type", "message"},
                         {"id", msgs.get_int64(0)},
                         {"channel", msgs.get_text(1)},
                         {"to", msgs.get_text(2)},
                         {"body", msgs.get_text(3)},
                         {"status", msgs.get_text(4)},
                         {"sentAt", db::iso_or_null(msgs.get_opt_int64(6))},
                         {"at", db::iso_or_null(msgs.get_int64(5))}});
    auto dels = db->prepare("SELECT id, agent_id, status, price_cents, created_at FROM deliveries WHERE lead_id = ?");
    dels.bind(1, id);
    while (dels.step())
        items.push_back({{"type", "delivery"},
                         {"id", dels.get_int64(0)},
                         {"agentId", dels.get_int64(1)},
                         {"status", dels.get_text(2)},
                         {"priceCents", dels.get_int64(3)},
                         {"at", db::iso_or_null(dels.get_int64(4))}});
    // ISO 8601 UTC strings sort chronologically as text.
    std::stable_sort(items.begin(), items.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
        return a["at"].get<std::string>() > b["at"].get<std::string>();
    });
    return json_response(ctx.req, 200, {{"items", items}});
}

}  // namespace

void register_leads_routes(Router& router, App& app) {
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
