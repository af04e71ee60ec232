#include "leads/leads_repo.hpp"

#include <unordered_map>

#include "core/config.hpp"

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
    if (page)
        for (const auto& l : leads) ids += (ids.empty() ? "" : ",") + std::to_string(l.id);
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

std::optional<domain::Lead> find_assigned_lead(db::Database& db, std::int64_t id, std::int64_t agent_id, std::int64_t now) {
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

}  // namespace crm::leads
