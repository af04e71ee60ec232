#include "compliance/gdpr_repo.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "audit/audit_repo.hpp"
#include "compliance/redaction.hpp"

namespace crm::compliance {

using db::Database;

namespace {

using Ids = std::vector<std::int64_t>;

Ids ids_of(Database& db, const std::string& sql, std::int64_t id) {
    auto st = db.prepare(sql);
    st.bind(1, id);
    Ids out;
    while (st.step()) out.push_back(st.get_int64(0));
    return out;
}

// "1,2,3" for an IN (...) list: integers only, so nothing from outside reaches the SQL.
std::string in_list(const Ids& ids) {
    std::string out;
    for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
    return out.empty() ? "NULL" : out;
}

bool contains(const Ids& ids, const nlohmann::json& v) {
    return v.is_number_integer() && std::find(ids.begin(), ids.end(), v.get<std::int64_t>()) != ids.end();
}

// The lead and every lead merged into it (their history now hangs on this one; their audit
// rows still carry their own ids), recursively.
Ids lead_and_merged_ids(Database& db, std::int64_t id) {
    Ids ids{id};
    for (std::size_t i = 0; i < ids.size(); ++i)
        for (auto from : ids_of(db,
                                std::string("SELECT entity_id FROM audit_log WHERE action = 'lead.merged_into' AND "
                                            "entity = 'lead' AND ") +
                                    (db.dialect() == db::Dialect::postgresql
                                         ? "(after_json::jsonb ->> 'intoId')::bigint = ?"
                                         : "json_valid(after_json) AND json_extract(after_json, '$.intoId') = ?"),
                                ids[i]))
            if (std::find(ids.begin(), ids.end(), from) == ids.end()) ids.push_back(from);
    return ids;
}

// Calls `visit` on every object inside `j` that is one of these leads, or is about one.
template <typename Visit>
void each_lead_object(const nlohmann::json& j, const Ids& ids, const Visit& visit) {
    if (j.is_object()) {
        const bool is_lead = j.contains("id") && contains(ids, j["id"]) && j.contains("firstName");
        if (is_lead || (j.contains("leadId") && contains(ids, j["leadId"]))) visit(j);
    }
    if (j.is_structured())
        for (const auto& [key, v] : j.items()) each_lead_object(v, ids, visit);
}

// A kept Idempotency-Key answer that is about these leads: its target names one, it holds one,
// or it quotes the person's e-mail or number.
bool answer_concerns(const std::string& target, const nlohmann::json& answer, const std::string& raw, const Ids& ids,
                     const Redactor& who) {
    for (auto id : ids) {
        const auto prefix = "/api/leads/" + std::to_string(id);
        if (target.rfind(prefix, 0) == 0 &&
            (target.size() == prefix.size() || target[prefix.size()] == '/' || target[prefix.size()] == '?'))
            return true;
    }
    bool holds = false;
    each_lead_object(answer, ids, [&](const nlohmann::json&) { holds = true; });
    return holds || who.identifies(raw);
}

struct KeptAnswer {
    std::string key, target, response;
};

std::vector<KeptAnswer> kept_answers(Database& db) {
    auto st = db.prepare("SELECT key, path, response FROM idempotency_keys WHERE status <> 0");
    std::vector<KeptAnswer> out;
    while (st.step()) out.push_back({st.get_text(0), st.get_text(1), st.get_text(2)});
    return out;
}

std::vector<std::string> texts_of(Database& db, const std::string& sql) {
    auto st = db.prepare(sql);
    std::vector<std::string> out;
    while (st.step())
        for (int c = 0; c < st.column_count(); ++c)
            if (!st.is_null(c)) out.push_back(st.get_text(c));
    return out;
}

// Everything that identifies the person, gathered before anything is overwritten: the lead as it
// is, as the audit log and kept answers saw it (an old number, a merged duplicate), and the
// texts written about them.
Redactor person(Database& db, std::int64_t id, const Ids& leads, const std::vector<KeptAnswer>& answers) {
    Redactor who(kErasedMarker);
    {
        auto st = db.prepare("SELECT first_name, last_name, phone, phone_e164, email FROM leads WHERE id = ?");
        st.bind(1, id);
        if (st.step()) {
            who.add_name(st.get_text(0));
            who.add_name(st.get_text(1));
            who.add_phone(st.get_text(2));
            who.add_phone(st.get_opt_text(3).value_or(""));
            who.add_email(st.get_opt_text(4).value_or(""));
        }
    }
    const auto in = in_list(leads);
    for (const auto& copy : texts_of(db,
                                     "SELECT before_json, after_json FROM audit_log WHERE entity = 'lead' AND "
                                     "entity_id IN (" +
                                         in + ")"))
        who.add_people_in(nlohmann::json::parse(copy, nullptr, false));
    for (const auto& a : answers)
        each_lead_object(nlohmann::json::parse(a.response, nullptr, false), leads,
                         [&](const nlohmann::json& o) { who.add_people_in(o); });
    const auto lead = std::to_string(id);
    for (const auto& sql :
         {"SELECT summary, transcript FROM interactions WHERE lead_id = " + lead,
          "SELECT body, subject FROM messages WHERE lead_id = " + lead,
          "SELECT note FROM tasks WHERE lead_id = " + lead, "SELECT location FROM appointments WHERE lead_id = " + lead,
          "SELECT consent_text, area FROM leads WHERE id = " + lead})
        for (const auto& t : texts_of(db, sql)) who.add_free_text(t);
    return who;
}

// Every non-null value of `column` in the rows `where` selects, through the redactor (as a JSON
// document when `document`); only the values that change are written.
void redact_column(Database& db, const Redactor& who, const std::string& table, const std::string& column,
                   const std::string& where, bool document) {
    std::vector<std::pair<std::int64_t, std::string>> changed;
    {
        auto st = db.prepare("SELECT id, " + column + " FROM " + table + " WHERE " + column + " IS NOT NULL AND (" +
                             where + ")");
        while (st.step()) {
            const auto value = st.get_text(1);
            auto redacted = document ? who.document(value) : who.text(value);
            if (redacted != value) changed.emplace_back(st.get_int64(0), std::move(redacted));
        }
    }
    for (const auto& [row_id, value] : changed)
        db.prepare("UPDATE " + table + " SET " + column + " = ? WHERE id = ?").bind_all(value, row_id).run();
}

}  // namespace

void erase_lead_data(Database& db, std::int64_t id, std::optional<std::int64_t> user_id, const std::string& why,
                     std::int64_t now) {
    const auto leads = lead_and_merged_ids(db, id);
    const auto deliveries = in_list(ids_of(db, "SELECT id FROM deliveries WHERE lead_id = ?", id));
    const auto jobs = in_list(ids_of(db, "SELECT id FROM jobs WHERE lead_id = ?", id));
    const auto answers = kept_answers(db);
    const auto who = person(db, id, leads, answers);

    db.prepare(
          "UPDATE leads SET first_name = ?1, last_name = ?1, phone = ?1, phone_e164 = NULL, email = NULL, "
          "area = '', consent_text = NULL, dnc = 1, status = 'dnc', updated_at = ?2, erased_at = ?2 WHERE id = ?3")
        .bind_all(kErasedMarker, now, id)
        .run();
    db.prepare("UPDATE interactions SET summary = ?1, transcript = NULL, recording_url = NULL WHERE lead_id = ?2")
        .bind_all(kErasedMarker, id)
        .run();
    db.prepare(
          "UPDATE messages SET to_addr = ?1, body = ?1, subject = NULL, error = CASE WHEN error IS NULL THEN NULL "
          "ELSE ?1 END WHERE lead_id = ?2")
        .bind_all(kErasedMarker, id)
        .run();
    // A WhatsApp message's provider id is its wa.me link, which holds the number.
    redact_column(db, who, "messages", "provider_id", "lead_id = " + std::to_string(id), false);
    db.prepare("UPDATE appointments SET location = ?1 WHERE lead_id = ?2").bind_all(kErasedMarker, id).run();
    db.prepare("UPDATE tasks SET note = ?1 WHERE lead_id = ?2").bind_all(kErasedMarker, id).run();
    // Share links die with the data; prices, payments and counts stay for the books.
    db.prepare(
          "UPDATE deliveries SET share_token_hash = NULL, revoked_at = COALESCE(revoked_at, ?1) WHERE lead_id = ?2")
        .bind_all(now, id)
        .run();
    redact_column(db, who, "deliveries", "refund_reason", "id IN (" + deliveries + ")", false);
    // What was still to be sent goes; what ran stays as a count, its payload and error redacted.
    db.prepare("DELETE FROM jobs WHERE lead_id = ? AND status IN ('pending', 'running')").bind(1, id).run();
    redact_column(db, who, "jobs", "payload", "id IN (" + jobs + ")", true);
    db.prepare("UPDATE jobs SET last_error = ?1 WHERE lead_id = ?2 AND last_error IS NOT NULL")
        .bind_all(kErasedMarker, id)
        .run();
    redact_column(db, who, "notifications", "message",
                  "lead_id = " + std::to_string(id) + " OR delivery_id IN (" + deliveries + ")", false);
    // Audit copies of the lead (create, update, merge, delete) and of what was done about it.
    const auto audited = "(entity = 'lead' AND entity_id IN (" + in_list(leads) +
                         ")) OR (entity = 'delivery' AND "
                         "entity_id IN (" +
                         deliveries + ")) OR (entity = 'job' AND entity_id IN (" + jobs + "))";
    redact_column(db, who, "audit_log", "before_json", audited, true);
    redact_column(db, who, "audit_log", "after_json", audited, true);
    // Answers kept for Idempotency-Key replays hold whole leads: redacted, so a replay still
    // answers (the write stays applied once) without the person in it.
    for (const auto& a : answers) {
        const auto parsed = nlohmann::json::parse(a.response, nullptr, false);
        if (!answer_concerns(a.target, parsed, a.response, leads, who)) continue;
        const auto redacted = who.document(a.response);
        if (redacted != a.response)
            db.prepare("UPDATE idempotency_keys SET response = ? WHERE key = ?").bind_all(redacted, a.key).run();
    }
    audit(db, user_id, "lead.erase", "lead", id, nullptr, {{"why", why}}, now);
}

void purge_search_index(Database& db) {
    // PostgreSQL: the trigram indexes are on `leads` itself; VACUUM drops their dead entries
    // with the dead row versions (checkpoint_wal).
    if (db.dialect() == db::Dialect::postgresql) return;
    db.prepare("INSERT INTO lead_search(lead_search) VALUES ('optimize')").run();
}

bool checkpoint_wal(Database& db) {
    if (db.dialect() == db::Dialect::postgresql) {
        // An UPDATE or DELETE leaves the old row version in the table until VACUUM reclaims
        // it; the tables an erasure writes are vacuumed now (outside any transaction).
        // PostgreSQL's own WAL recycling and the owner's backups are docs/PRIVACY.md's part.
        db.exec(
            "VACUUM leads, interactions, messages, tasks, appointments, deliveries, jobs, notifications, audit_log, "
            "idempotency_keys, change_log");
        return true;
    }
    auto st = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    return st.step() && st.get_int(0) == 0;
}

std::vector<std::int64_t> leads_untouched_since(Database& db, std::int64_t cutoff, int limit) {
    auto st = db.prepare(
        "SELECT l.id FROM leads l WHERE l.erased_at IS NULL AND COALESCE(l.last_touch_at, l.created_at) < ?1 "
        "AND l.created_at < ?1 AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.lead_id = l.id AND i.timestamp "
        ">= ?1) ORDER BY l.id LIMIT ?2");
    st.bind(1, cutoff);
    st.bind(2, limit);
    std::vector<std::int64_t> ids;
    while (st.step()) ids.push_back(st.get_int64(0));
    return ids;
}

namespace {

// Every row `sql` selects for the lead (bound to ?1), each column as text.
nlohmann::json rows_as_text(Database& db, const char* sql, std::int64_t lead_id) {
    auto st = db.prepare(sql);
    st.bind(1, lead_id);
    auto out = nlohmann::json::array();
    while (st.step()) {
        nlohmann::json row = nlohmann::json::object();
        for (int c = 0; c < st.column_count(); ++c)
            row[st.column_name(c)] = st.is_null(c) ? nlohmann::json(nullptr) : nlohmann::json(st.get_text(c));
        out.push_back(row);
    }
    return out;
}

}  // namespace

nlohmann::json lead_records_for_export(Database& db, std::int64_t lead_id) {
    return {
        {"messages",
         rows_as_text(
             db,
             "SELECT id, channel, to_addr, subject, body, status, queued_at, sent_at FROM messages WHERE lead_id = ?",
             lead_id)},
        {"tasks",
         rows_as_text(db, "SELECT id, due_at, note, done_at, created_at FROM tasks WHERE lead_id = ?", lead_id)},
        {"deliveries", rows_as_text(db,
                                    "SELECT id, agent_id, status, price_cents, paid_at, sent_at, accepted_at, "
                                    "refunded_at FROM deliveries WHERE lead_id = ?",
                                    lead_id)},
    };
}

void record_phone_consent(Database& db, std::int64_t lead_id, std::int64_t user_id, const std::string& words,
                          std::int64_t now) {
    db.prepare(
          "UPDATE leads SET consent = 1, consent_at = ?1, consent_source = 'call', consent_text = ?2, updated_at = ?1 "
          "WHERE id = ?3")
        .bind_all(now, words, lead_id)
        .run();
    db.prepare("INSERT INTO interactions(lead_id, user_id, kind, summary, timestamp) VALUES (?, ?, 'note', ?, ?)")
        .bind_all(lead_id, user_id, "Consentement recueilli par téléphone : « " + words + " »", now)
        .run();
}

}  // namespace crm::compliance
