#include "db/leads_repo.hpp"

#include "core/config.hpp"

namespace crm::db {

const char* const kLeadColumns =
    "l.id, l.first_name, l.last_name, l.phone, l.phone_e164, l.email, l.intention, l.timeline_months, l.city, "
    "l.zip, l.area, l.price_estimate_cents, l.consent, l.consent_at, l.consent_text, l.consent_source, l.source, "
    "l.cost_cents, l.stage, l.status, l.owner_user_id, l.assigned_agent_id, l.bad_number, l.dnc, l.live_touches, "
    "l.unanswered_attempts, l.not_seller_at, l.first_touch_at, l.last_touch_at, l.next_action_at, l.created_at, "
    "l.updated_at";

nlohmann::json iso_or_null(const std::optional<std::int64_t>& t) {
    if (!t) return nullptr;
    return format_iso_utc(*t);
}

namespace {
nlohmann::json opt_int(const Statement& st, int c) {
    if (st.is_null(c)) return nullptr;
    return st.get_int64(c);
}
nlohmann::json opt_text(const Statement& st, int c) {
    if (st.is_null(c)) return nullptr;
    return st.get_text(c);
}
}  // namespace

nlohmann::json lead_from_row(const Statement& st) {
    return {
        {"id", st.get_int64(0)},
        {"firstName", st.get_text(1)},
        {"lastName", st.get_text(2)},
        {"phone", st.get_text(3)},
        {"phoneE164", opt_text(st, 4)},
        {"email", opt_text(st, 5)},
        {"intention", st.get_text(6)},
        {"timelineMonths", opt_int(st, 7)},
        {"city", st.get_text(8)},
        {"zip", st.get_text(9)},
        {"area", st.get_text(10)},
        {"priceEstimateCents", opt_int(st, 11)},
        {"consent", st.get_int(12) != 0},
        {"consentAt", iso_or_null(st.get_opt_int64(13))},
        {"consentText", opt_text(st, 14)},
        {"consentSource", opt_text(st, 15)},
        {"source", st.get_text(16)},
        {"costCents", st.get_int64(17)},
        {"stage", st.get_text(18)},
        {"status", st.get_text(19)},
        {"ownerUserId", opt_int(st, 20)},
        {"assignedAgentId", opt_int(st, 21)},
        {"badNumber", st.get_int(22) != 0},
        {"dnc", st.get_int(23) != 0},
        {"liveTouches", st.get_int64(24)},
        {"unansweredAttempts", st.get_int64(25)},
        {"notSellerAt", iso_or_null(st.get_opt_int64(26))},
        {"firstTouchAt", iso_or_null(st.get_opt_int64(27))},
        {"lastTouchAt", iso_or_null(st.get_opt_int64(28))},
        {"nextActionAt", iso_or_null(st.get_opt_int64(29))},
        {"createdAt", iso_or_null(st.get_opt_int64(30))},
        {"updatedAt", iso_or_null(st.get_opt_int64(31))},
    };
}

std::optional<nlohmann::json> find_lead(Database& db, std::int64_t id) {
    auto st = db.prepare(std::string("SELECT ") + kLeadColumns + " FROM leads l WHERE l.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return lead_from_row(st);
}

std::optional<nlohmann::json> find_assigned_lead(Database& db, std::int64_t id, std::int64_t agent_id) {
    auto st =
        db.prepare(std::string("SELECT ") + kLeadColumns + " FROM leads l WHERE l.id = ? AND l.assigned_agent_id = ?");
    st.bind_all(id, agent_id);
    if (!st.step()) return std::nullopt;
    return lead_from_row(st);
}

static const char* const kInteractionColumns =
    "i.id, i.lead_id, i.kind, i.direction, i.summary, i.outcome, i.timestamp, i.duration_s, i.user_id, "
    "COALESCE(u.display_name, '') FROM interactions i LEFT JOIN users u ON u.id = i.user_id";

static nlohmann::json interaction_from_row(const Statement& st) {
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

nlohmann::json lead_interactions(Database& db, std::int64_t lead_id) {
    auto st = db.prepare(std::string("SELECT ") + kInteractionColumns +
                         " WHERE i.lead_id = ? ORDER BY i.timestamp DESC, i.id DESC");
    st.bind(1, lead_id);
    auto out = nlohmann::json::array();
    while (st.step()) out.push_back(interaction_from_row(st));
    return out;
}

nlohmann::json interaction_by_id(Database& db, std::int64_t id) {
    auto st = db.prepare(std::string("SELECT ") + kInteractionColumns + " WHERE i.id = ?");
    st.bind(1, id);
    if (!st.step()) return nullptr;
    return interaction_from_row(st);
}

nlohmann::json lead_appointments(Database& db, std::int64_t lead_id) {
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

}  // namespace crm::db
