#include "leads/leads_repo.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/config.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/validation.hpp"
#include "db/iso_json.hpp"

namespace crm::leads {

const char* const kLeadColumns =
    "l.id, l.first_name, l.last_name, l.phone, l.phone_e164, l.email, l.intention, l.timeline_months, l.city, "
    "l.zip, l.area, l.price_estimate_cents, l.consent, l.consent_at, l.consent_text, l.consent_source, l.source, "
    "l.cost_cents, l.stage, l.status, l.owner_user_id, l.assigned_agent_id, l.bad_number, l.dnc, l.live_touches, "
    "l.unanswered_attempts, l.not_seller_at, l.first_touch_at, l.last_touch_at, l.next_action_at, l.created_at, "
    "l.updated_at, l.replied_at, l.first_connect_at";

namespace {
nlohmann::json opt_int(const db::Statement& st, int c) {
    if (st.is_null(c)) return nullptr;
    return st.get_int64(c);
}
nlohmann::json opt_text(const db::Statement& st, int c) {
    if (st.is_null(c)) return nullptr;
    return st.get_text(c);
}
std::optional<int> opt_small(const db::Statement& st, int c) {
    if (st.is_null(c)) return std::nullopt;
    return st.get_int(c);
}
}  // namespace

domain::Lead lead_from_row(const db::Statement& st) {
    domain::Lead l;
    l.id = st.get_int64(0);
    l.first_name = st.get_text(1);
    l.last_name = st.get_text(2);
    l.phone = st.get_text(3);
    l.phone_e164 = st.get_opt_text(4);
    l.email = st.get_opt_text(5);
    l.intention = domain::parse_intention(st.get_text(6)).value_or(domain::Intention::unknown);
    l.timeline_months = opt_small(st, 7);
    l.city = st.get_text(8);
    l.zip = st.get_text(9);
    l.area = st.get_text(10);
    l.price_estimate_cents = st.get_opt_int64(11);
    l.consent = st.get_int(12) != 0;
    l.consent_at = st.get_opt_int64(13);
    l.consent_text = st.get_opt_text(14);
    l.consent_source = st.get_opt_text(15);
    l.source = st.get_text(16);
    l.cost_cents = st.get_int64(17);
    l.stage = domain::parse_stage(st.get_text(18)).value_or(domain::Stage::new_lead);
    l.status = domain::parse_status(st.get_text(19)).value_or(domain::Status::active);
    l.owner_user_id = st.get_opt_int64(20);
    l.assigned_agent_id = st.get_opt_int64(21);
    l.bad_number = st.get_int(22) != 0;
    l.dnc = st.get_int(23) != 0;
    l.live_touches = st.get_int(24);
    l.unanswered_attempts = st.get_int(25);
    l.not_seller_at = st.get_opt_int64(26);
    l.first_touch_at = st.get_opt_int64(27);
    l.last_touch_at = st.get_opt_int64(28);
    l.next_action_at = st.get_opt_int64(29);
    l.created_at = st.get_int64(30);
    l.updated_at = st.get_int64(31);
    l.replied_at = st.get_opt_int64(32);
    l.first_connect_at = st.get_opt_int64(33);
    return l;
}

namespace {
// Integers read from the database, never request text: safe to inline.
std::string id_list(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (const auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
}
}  // namespace

void load_lead_extras(db::Database& db, std::vector<domain::Lead>& leads, std::int64_t now) {
    if (leads.empty()) return;
    std::unordered_map<std::int64_t, domain::Lead*> by_id;
    by_id.reserve(leads.size());
    for (auto& l : leads) by_id[l.id] = &l;
    // A page of leads asks by id (interactions_lead); the whole queue scans the recent calls
    // once (interactions_out_calls). Both read the same rows for the leads they hold; the ids
    // are integers read from the database, never request text.
    const bool page = leads.size() <= 500;
    std::string ids;
    if (page) {
        std::vector<std::int64_t> lead_ids;
        for (const auto& l : leads) lead_ids.push_back(l.id);
        ids = id_list(lead_ids);
    }
    auto calls = db.prepare(
        page ? "SELECT lead_id, timestamp FROM interactions WHERE lead_id IN (" + ids +
                   ") AND timestamp > ?1 AND kind = 'call' AND direction = 'out'"
             : std::string("SELECT lead_id, timestamp FROM interactions WHERE timestamp > ?1 AND kind = 'call' AND "
                           "direction = 'out'"));
    calls.bind(1, now - 31 * 86400);
    while (calls.step()) {
        auto it = by_id.find(calls.get_int64(0));
        if (it != by_id.end()) it->second->call_attempt_times.push_back(calls.get_int64(1));
    }
    // Oldest first, whichever way the database read them (a page by id or the whole scan, and
    // PostgreSQL's plans, give different orders): the same lead reads the same.
    for (auto& l : leads) std::sort(l.call_attempt_times.begin(), l.call_attempt_times.end());
    auto slots =
        db.prepare(page ? "SELECT DISTINCT lead_id FROM appointments WHERE lead_id IN (" + ids + ") AND end_at > ?1"
                        : std::string("SELECT DISTINCT lead_id FROM appointments WHERE end_at > ?1"));
    slots.bind(1, now);
    while (slots.step()) {
        auto it = by_id.find(slots.get_int64(0));
        if (it != by_id.end()) it->second->has_booked_slot = true;
    }
}

std::optional<domain::Lead> find_lead(db::Database& db, std::int64_t id, std::int64_t now) {
    auto st = db.prepare(std::string("SELECT ") + kLeadColumns + " FROM leads l WHERE l.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    std::vector<domain::Lead> one{lead_from_row(st)};
    load_lead_extras(db, one, now);
    return one.front();
}

std::optional<domain::Lead> find_assigned_lead(db::Database& db, std::int64_t id, std::int64_t agent_id,
                                               std::int64_t now) {
    auto lead = find_lead(db, id, now);
    if (!lead || lead->assigned_agent_id != agent_id) return std::nullopt;
    return lead;
}

std::vector<domain::Lead> queue_candidates(db::Database& db, std::int64_t now) {
    auto st =
        db.prepare(std::string("SELECT ") + kLeadColumns +
                   " FROM leads l WHERE l.dnc = 0 AND l.bad_number = 0 AND l.stage NOT IN ('sold', 'refunded_bad')");
    std::vector<domain::Lead> leads;
    while (st.step()) leads.push_back(lead_from_row(st));
    load_lead_extras(db, leads, now);
    return leads;
}

std::vector<domain::Lead> leads_by_ids(db::Database& db, const std::vector<std::int64_t>& ids, std::int64_t now) {
    std::vector<domain::Lead> leads;
    if (ids.empty()) return leads;
    auto st = db.prepare(std::string("SELECT ") + kLeadColumns + " FROM leads l WHERE l.id IN (" + id_list(ids) + ")");
    while (st.step()) leads.push_back(lead_from_row(st));
    load_lead_extras(db, leads, now);
    return leads;
}

std::unordered_map<std::int64_t, std::int64_t> booked_slot_ends(db::Database& db, std::int64_t now,
                                                                const std::vector<std::int64_t>* ids) {
    std::unordered_map<std::int64_t, std::int64_t> ends;
    if (ids && ids->empty()) return ends;
    auto st = db.prepare("SELECT lead_id, MAX(end_at) FROM appointments WHERE end_at > ?1" +
                         (ids ? " AND lead_id IN (" + id_list(*ids) + ")" : std::string()) + " GROUP BY lead_id");
    st.bind(1, now);
    while (st.step()) ends[st.get_int64(0)] = st.get_int64(1);
    return ends;
}

const char* const kInteractionColumns =
    "i.id, i.lead_id, i.kind, i.direction, i.summary, i.outcome, i.timestamp, i.duration_s, i.user_id, "
    "COALESCE(u.display_name, '') FROM interactions i LEFT JOIN users u ON u.id = i.user_id";

nlohmann::json interaction_from_row(const db::Statement& st) {
    return {{"id", st.get_int64(0)},
            {"leadId", st.get_int64(1)},
            {"kind", st.get_text(2)},
            {"direction", opt_text(st, 3)},
            {"summary", st.get_text(4)},
            {"outcome", opt_text(st, 5)},
            {"timestamp", format_iso_utc(st.get_int64(6))},
            {"durationS", opt_int(st, 7)},
            {"userId", opt_int(st, 8)},
            {"userName", st.get_text(9)}};
}

namespace {
nlohmann::json interaction_rows(db::Statement& st) {
    auto out = nlohmann::json::array();
    while (st.step()) out.push_back(interaction_from_row(st));
    return out;
}
}  // namespace

nlohmann::json lead_interactions(db::Database& db, std::int64_t lead_id) {
    auto st = db.prepare(std::string("SELECT ") + kInteractionColumns +
                         " WHERE i.lead_id = ? ORDER BY i.timestamp DESC, i.id DESC");
    st.bind(1, lead_id);
    return interaction_rows(st);
}

nlohmann::json lead_interactions_for_agent(db::Database& db, std::int64_t lead_id, std::int64_t agent_id,
                                           std::int64_t delivered_at) {
    auto st = db.prepare(std::string("SELECT ") + kInteractionColumns +
                         " WHERE i.lead_id = ?1 AND (i.user_id = ?2 OR i.timestamp >= ?3) "
                         "ORDER BY i.timestamp DESC, i.id DESC");
    st.bind_all(lead_id, agent_id, delivered_at);
    return interaction_rows(st);
}

nlohmann::json interaction_by_id(db::Database& db, std::int64_t id) {
    auto st = db.prepare(std::string("SELECT ") + kInteractionColumns + " WHERE i.id = ?");
    st.bind(1, id);
    if (!st.step()) return nullptr;
    return interaction_from_row(st);
}

nlohmann::json lead_appointments(db::Database& db, std::int64_t lead_id) {
    auto st = db.prepare(
        "SELECT id, start_at, end_at, location, with_agent_id, ics_uid, reminders_sent FROM appointments "
        "WHERE lead_id = ? ORDER BY start_at");
    st.bind(1, lead_id);
    auto out = nlohmann::json::array();
    while (st.step())
        out.push_back({{"id", st.get_int64(0)},
                       {"leadId", lead_id},
                       {"start", format_iso_utc(st.get_int64(1))},
                       {"end", format_iso_utc(st.get_int64(2))},
                       {"location", st.get_text(3)},
                       {"withAgentId", opt_int(st, 4)},
                       {"icsUid", st.get_text(5)},
                       {"remindersSent", st.get_int64(6)}});
    return out;
}

std::vector<LeadContact> leads_with_phone(db::Database& db, const std::string& e164) {
    auto st = db.prepare("SELECT id, first_name, last_name, dnc FROM leads WHERE phone_e164 = ? ORDER BY id");
    st.bind(1, e164);
    std::vector<LeadContact> out;
    while (st.step()) out.push_back({st.get_int64(0), st.get_text(1), st.get_text(2), st.get_int(3) != 0});
    return out;
}

void mark_dnc(db::Database& db, std::int64_t id, std::int64_t now) {
    db.prepare("UPDATE leads SET dnc = 1, status = 'dnc', updated_at = ? WHERE id = ?").bind_all(now, id).run();
}

void mark_replied(db::Database& db, std::int64_t id, std::int64_t now) {
    db.prepare("UPDATE leads SET replied_at = ?1, updated_at = ?1 WHERE id = ?2").bind_all(now, id).run();
}

void add_incoming_sms(db::Database& db, std::int64_t lead_id, const std::string& text, std::int64_t now) {
    db.prepare("INSERT INTO interactions(lead_id, kind, direction, summary, timestamp) VALUES (?,'sms','in',?,?)")
        .bind_all(lead_id, text, now)
        .run();
}

void set_next_action(db::Database& db, std::int64_t id, std::int64_t at) {
    db.prepare("UPDATE leads SET next_action_at = ? WHERE id = ?").bind_all(at, id).run();
}

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

}  // namespace

LeadPage search_leads(db::Database& db, const LeadSearch& search, std::int64_t now) {
    const auto& q = search.q;
    // Three characters or more: the trigram index (migration 011) finds the matching leads;
    // shorter text cannot use it and scans with LIKE (same meaning: inside one of the columns).
    // On PostgreSQL, ILIKE at any length: pg_trgm's GIN indexes (its migration 011) answer it
    // from 3 characters on.
    const bool pg = db.dialect() == db::Dialect::postgresql;
    const bool indexed = !pg && utf8_length(q) >= 3;
    const std::string like = pg ? " ILIKE ?1 ESCAPE '\\'" : " LIKE ?1 ESCAPE '\\'";
    std::string where = " WHERE 1=1";
    if (!q.empty())
        where += indexed ? " AND l.id IN (SELECT rowid FROM lead_search WHERE lead_search MATCH ?1)"
                         : " AND (l.first_name" + like + " OR l.last_name" + like + " OR l.phone" + like +
                               " OR l.phone_e164" + like + " OR l.email" + like + " OR l.city" + like + " OR l.zip" +
                               like + ")";
    if (!search.stage.empty()) where += " AND l.stage = ?2";
    if (!search.status.empty()) where += " AND l.status = ?3";
    const std::string pattern = indexed ? fts_phrase(q) : "%" + like_escaped(q) + "%";

    auto count = db.prepare("SELECT COUNT(*) FROM leads l" + where);
    auto list =
        db.prepare(std::string("SELECT ") + kLeadColumns + " FROM leads l" + where +
                   // A search sorts its few matches; walking the date index instead would visit
                   // every row for a rare name.
                   (q.empty() ? " ORDER BY l.created_at DESC, l.id DESC" : " ORDER BY +l.created_at DESC, l.id DESC") +
                   " LIMIT ?4 OFFSET ?5");
    for (auto* st : {&count, &list}) {
        if (!q.empty()) st->bind(1, pattern);
        if (!search.stage.empty()) st->bind(2, search.stage);
        if (!search.status.empty()) st->bind(3, search.status);
    }
    list.bind(4, search.limit).bind(5, search.offset);
    // PostgreSQL's planner prices ILIKE as cheap and so, on some statistics, prefers reading
    // every lead to the seven trigram indexes: a search then took 1.75 s at 100,000 leads under
    // load instead of ~16 ms (docs/SCALING.md). From 3 characters the indexes always answer, so
    // this search is told not to scan; shorter text has no trigram and scans anyway.
    std::optional<db::ReadTransaction> planned;
    if (pg && utf8_length(q) >= 3) {
        planned.emplace(db);
        db.exec("SET LOCAL enable_seqscan = off");
    }
    count.step();
    LeadPage page;
    page.total = count.get_int64(0);
    // With the same scoring inputs as the queue, so the console ranks exactly as the server.
    while (list.step()) page.leads.push_back(lead_from_row(list));
    load_lead_extras(db, page.leads, now);
    return page;
}

nlohmann::json duplicate_candidates(db::Database& db, const domain::Lead& lead) {
    const auto keys = domain::duplicate_keys(lead);
    auto out = nlohmann::json::array();
    if (!keys.phone_e164 && !keys.email_lower) return out;
    auto st = db.prepare(std::string("SELECT ") + kLeadColumns +
                         " FROM leads l WHERE l.id <> ?1 AND ((CAST(?2 AS TEXT) IS NOT NULL AND l.phone_e164 = ?2) OR "
                         "(CAST(?3 AS TEXT) IS NOT NULL AND lower(l.email) = ?3)) ORDER BY l.created_at LIMIT 20");
    st.bind(1, lead.id).bind(2, keys.phone_e164).bind(3, keys.email_lower);
    while (st.step()) {
        auto candidate = lead_from_row(st);
        nlohmann::json j = candidate;
        j["matchedOn"] = keys.phone_e164 && candidate.phone_e164 == keys.phone_e164 ? "phone" : "email";
        out.push_back(j);
    }
    return out;
}

std::int64_t write_lead(db::Database& db, const domain::Lead& l, bool insert) {
    auto st = db.prepare(
        insert
            ? "INSERT INTO leads(first_name, last_name, phone, phone_e164, email, intention, timeline_months, city, "
              "zip, "
              "area, price_estimate_cents, consent, consent_at, consent_text, consent_source, source, cost_cents, "
              "bad_number, status, owner_user_id, created_at, updated_at) "
              "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22) RETURNING id"
            : "UPDATE leads SET first_name=?1, last_name=?2, phone=?3, phone_e164=?4, email=?5, intention=?6, "
              "timeline_months=?7, city=?8, zip=?9, area=?10, price_estimate_cents=?11, consent=?12, consent_at=?13, "
              "consent_text=?14, consent_source=?15, source=?16, cost_cents=?17, bad_number=?18, status=?19, "
              "updated_at=?22 WHERE id=?23");
    st.bind_all(l.first_name, l.last_name, l.phone, l.phone_e164, l.email, domain::to_string(l.intention),
                l.timeline_months ? std::optional<std::int64_t>(*l.timeline_months) : std::nullopt, l.city, l.zip,
                l.area, l.price_estimate_cents, l.consent, l.consent_at, l.consent_text, l.consent_source, l.source,
                l.cost_cents, l.bad_number, domain::to_string(l.status), l.owner_user_id, l.created_at, l.updated_at);
    if (insert) return st.run_returning_id();
    st.bind(23, l.id).run();
    return l.id;
}

void delete_lead_row(db::Database& db, std::int64_t id) {
    db.prepare("DELETE FROM leads WHERE id = ?").bind(1, id).run();
}

void save_merged_state(db::Database& db, const domain::Lead& m, std::int64_t now) {
    db.prepare(
          "UPDATE leads SET stage=?, status=?, dnc=?, live_touches=?, unanswered_attempts=?, first_touch_at=?, "
          "last_touch_at=?, next_action_at=?, not_seller_at=?, assigned_agent_id=?, owner_user_id=?, updated_at=?, "
          "first_connect_at=? WHERE id=?")
        .bind_all(domain::to_string(m.stage), domain::to_string(m.status), m.dnc, m.live_touches, m.unanswered_attempts,
                  m.first_touch_at, m.last_touch_at, m.next_action_at, m.not_seller_at, m.assigned_agent_id,
                  m.owner_user_id, now, m.first_connect_at, m.id)
        .run();
}

std::int64_t insert_note(db::Database& db, std::int64_t lead_id, std::int64_t user_id, const std::string& text,
                         std::int64_t now) {
    const auto id = db.prepare(
                          "INSERT INTO interactions(lead_id, user_id, kind, summary, timestamp) VALUES "
                          "(?,?,'note',?,?) RETURNING id")
                        .bind_all(lead_id, user_id, text, now)
                        .run_returning_id();
    touch(db, lead_id, now);
    return id;
}

std::int64_t add_call(db::Database& db, std::int64_t lead_id, std::int64_t user_id, const std::string& summary,
                      const std::string& outcome, std::int64_t now, std::optional<std::int64_t> seconds) {
    return db
        .prepare(
            "INSERT INTO interactions(lead_id, user_id, kind, direction, summary, outcome, timestamp, duration_s) "
            "VALUES (?,?,'call','out',?,?,?,?) RETURNING id")
        .bind_all(lead_id, user_id, summary, outcome, now, seconds)
        .run_returning_id();
}

nlohmann::json lead_timeline(db::Database& db, std::int64_t lead_id) {
    auto items = nlohmann::json::array();
    for (auto& i : lead_interactions(db, lead_id)) {
        i["type"] = "interaction";
        i["at"] = i["timestamp"];
        items.push_back(i);
    }
    for (auto& a : lead_appointments(db, lead_id)) {
        a["type"] = "appointment";
        a["at"] = a["start"];
        items.push_back(a);
    }
    auto tasks = db.prepare("SELECT id, due_at, note, done_at, created_at FROM tasks WHERE lead_id = ?");
    tasks.bind(1, lead_id);
    while (tasks.step())
        items.push_back({{"type", "task"},
                         {"id", tasks.get_int64(0)},
                         {"dueAt", db::iso_or_null(tasks.get_int64(1))},
                         {"note", tasks.get_text(2)},
                         {"doneAt", db::iso_or_null(tasks.get_opt_int64(3))},
                         {"at", db::iso_or_null(tasks.get_int64(4))}});
    auto msgs =
        db.prepare("SELECT id, channel, to_addr, body, status, queued_at, sent_at FROM messages WHERE lead_id = ?");
    msgs.bind(1, lead_id);
    while (msgs.step())
        items.push_back({{"type", "message"},
                         {"id", msgs.get_int64(0)},
                         {"channel", msgs.get_text(1)},
                         {"to", msgs.get_text(2)},
                         {"body", msgs.get_text(3)},
                         {"status", msgs.get_text(4)},
                         {"sentAt", db::iso_or_null(msgs.get_opt_int64(6))},
                         {"at", db::iso_or_null(msgs.get_int64(5))}});
    auto dels = db.prepare("SELECT id, agent_id, status, price_cents, created_at FROM deliveries WHERE lead_id = ?");
    dels.bind(1, lead_id);
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
    return items;
}

void set_stage(db::Database& db, std::int64_t id, domain::Stage stage, std::int64_t now) {
    db.prepare("UPDATE leads SET stage = ?, updated_at = ? WHERE id = ?")
        .bind_all(domain::to_string(stage), now, id)
        .run();
}

void set_status(db::Database& db, std::int64_t id, domain::Status status, std::int64_t now) {
    db.prepare("UPDATE leads SET status = ?, updated_at = ? WHERE id = ?")
        .bind_all(domain::to_string(status), now, id)
        .run();
}

void set_next_action(db::Database& db, std::int64_t id, std::int64_t at, std::int64_t now) {
    db.prepare("UPDATE leads SET next_action_at = ?, updated_at = ? WHERE id = ?").bind_all(at, now, id).run();
}

void refresh_next_action(db::Database& db, std::int64_t lead_id, std::int64_t now) {
    db.prepare(
          "UPDATE leads SET next_action_at = (SELECT MIN(t) FROM (SELECT due_at AS t FROM tasks WHERE lead_id = ?1 "
          "AND done_at IS NULL UNION ALL SELECT due_at FROM jobs WHERE lead_id = ?1 AND kind = 'schedule_ping' AND "
          "status = 'pending') AS due), updated_at = ?2 WHERE id = ?1")
        .bind_all(lead_id, now)
        .run();
}

void save_call_state(db::Database& db, const domain::Lead& lead, std::int64_t now) {
    db.prepare(
          "UPDATE leads SET stage=?, status=?, bad_number=?, dnc=?, live_touches=?, unanswered_attempts=?, "
          "first_touch_at=?, not_seller_at=?, last_touch_at=?, next_action_at=?, replied_at=?, updated_at=?, "
          "first_connect_at=? WHERE id=?")
        .bind_all(domain::to_string(lead.stage), domain::to_string(lead.status), lead.bad_number, lead.dnc,
                  lead.live_touches, lead.unanswered_attempts, lead.first_touch_at, lead.not_seller_at,
                  lead.last_touch_at, lead.next_action_at, lead.replied_at, now, lead.first_connect_at, lead.id)
        .run();
}

void mark_sent_to_agent(db::Database& db, std::int64_t id, std::int64_t agent_id, std::int64_t now) {
    db.prepare("UPDATE leads SET stage = 'sent_to_agent', assigned_agent_id = ?, updated_at = ? WHERE id = ?")
        .bind_all(agent_id, now, id)
        .run();
}

void mark_sold(db::Database& db, std::int64_t id, std::int64_t now) {
    db.prepare("UPDATE leads SET stage = 'sold', updated_at = ? WHERE id = ?").bind_all(now, id).run();
}

void mark_refunded_bad(db::Database& db, std::int64_t id, std::int64_t now) {
    db.prepare("UPDATE leads SET stage = 'refunded_bad', assigned_agent_id = NULL, updated_at = ? WHERE id = ?")
        .bind_all(now, id)
        .run();
}

void touch(db::Database& db, std::int64_t id, std::int64_t now) {
    db.prepare("UPDATE leads SET updated_at = ? WHERE id = ?").bind_all(now, id).run();
}

std::vector<IdleLead> idle_leads(db::Database& db, std::int64_t untouched_since) {
    auto st = db.prepare(
        "SELECT id, COALESCE(last_touch_at, created_at) FROM leads WHERE status IN ('active', 'follow_up') "
        "AND stage IN ('new', 'contacted', 'qualified') AND dnc = 0 AND bad_number = 0 "
        "AND COALESCE(last_touch_at, created_at) <= ?1 AND (next_action_at IS NULL OR next_action_at <= ?1)");
    st.bind(1, untouched_since);
    std::vector<IdleLead> out;
    while (st.step()) out.push_back({st.get_int64(0), st.get_int64(1)});
    return out;
}

}  // namespace crm::leads
