#include "agents/agents_repo.hpp"

#include <map>

#include "crm/domain/json.hpp"
#include "deliveries/deliveries_repo.hpp"
#include "leads/leads_repo.hpp"

namespace crm::agents {

namespace {

using deliveries::kRefundedDeliverySql;

nlohmann::json parse_array(const std::string& s) {
    auto j = nlohmann::json::parse(s, nullptr, false);
    return j.is_array() ? j : nlohmann::json::array();
}

}  // namespace

std::vector<AgentFigures> agent_figures(db::Database& db, std::int64_t month_start) {
    std::map<std::int64_t, std::vector<std::int64_t>> delays;
    {
        auto st = db.prepare(
            "SELECT agent_id, first_call_at - sent_at FROM deliveries WHERE first_call_at IS NOT NULL AND sent_at IS "
            "NOT NULL AND first_call_at >= sent_at ORDER BY agent_id, 2");
        while (st.step()) delays[st.get_int64(0)].push_back(st.get_int64(1));
    }
    auto st =
        db.prepare(std::string("SELECT u.id, u.username, u.display_name, COUNT(d.id), "
                               "COALESCE(SUM(CAST(d.accepted_at IS NOT NULL AS INTEGER)), 0), "
                               "COALESCE(SUM(CAST(") +
                   kRefundedDeliverySql + " AS INTEGER)), 0), COALESCE(SUM(CASE WHEN d.paid_at IS NOT NULL AND NOT " +
                   kRefundedDeliverySql +
                   " THEN d.price_cents END), 0), COALESCE(SUM(CASE WHEN d.paid_at >= ?1 "
                   "AND NOT " +
                   kRefundedDeliverySql +
                   " THEN d.price_cents END), 0) FROM users u LEFT JOIN deliveries d ON d.agent_id = u.id "
                   "WHERE u.role = 'agent' GROUP BY u.id ORDER BY u.display_name, u.id");
    st.bind(1, month_start);
    std::vector<AgentFigures> out;
    while (st.step()) {
        AgentFigures f;
        f.id = st.get_int64(0);
        f.username = st.get_text(1);
        f.display_name = st.get_text(2);
        f.metrics = {st.get_int64(3), st.get_int64(4), st.get_int64(5), {}};
        if (auto it = delays.find(f.id); it != delays.end()) f.metrics.first_call_delays_seconds = it->second;
        f.ltv_cents = st.get_int64(6);
        f.month_cents = st.get_int64(7);
        out.push_back(std::move(f));
    }
    return out;
}

nlohmann::json list_agents_with_metrics(db::Database& db, std::int64_t month_start) {
    std::map<std::int64_t, nlohmann::json> profiles;
    {
        auto st = db.prepare(
            "SELECT u.id, u.email, u.phone, u.cities, u.zips, u.credits_cents, "
            " (SELECT COUNT(*) FROM deliveries d WHERE d.agent_id = u.id AND d.status IN ('sent', 'opened')) "
            "FROM users u WHERE u.role = 'agent'");
        while (st.step())
            profiles[st.get_int64(0)] = {
                {"email", st.is_null(1) ? nlohmann::json(nullptr) : nlohmann::json(st.get_text(1))},
                {"phone", st.is_null(2) ? nlohmann::json(nullptr) : nlohmann::json(st.get_text(2))},
                {"cities", parse_array(st.get_text(3))},
                {"zips", parse_array(st.get_text(4))},
                {"creditsCents", st.get_int64(5)},
                {"load", st.get_int64(6)}};
    }
    auto out = nlohmann::json::array();
    for (const auto& f : agent_figures(db, month_start)) {
        const auto profile = profiles.find(f.id);
        if (profile == profiles.end()) continue;  // created between the two reads
        // The rates, the counts and the median are domain::AgentMetrics' (its to_json writes their keys).
        nlohmann::json row = f.metrics;
        row.update(profile->second);
        const auto median = f.metrics.median_first_call_seconds();
        row.update({{"id", f.id},
                    {"username", f.username},
                    {"displayName", f.display_name},
                    {"delivered", f.metrics.deliveries},
                    {"medianFirstCallMinutes", median ? nlohmann::json(*median / 60.0) : nlohmann::json(nullptr)},
                    {"ltvCents", f.ltv_cents},
                    {"monthCents", f.month_cents}});
        out.push_back(std::move(row));
    }
    return out;
}

std::optional<nlohmann::json> find_agent(db::Database& db, std::int64_t id) {
    auto st = db.prepare(
        "SELECT id, username, display_name, cities, zips, credits_cents FROM users WHERE id = ? AND role = 'agent'");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return nlohmann::json{{"id", st.get_int64(0)},
                          {"username", st.get_text(1)},
                          {"displayName", st.get_text(2)},
                          {"cities", parse_array(st.get_text(3))},
                          {"zips", parse_array(st.get_text(4))},
                          {"creditsCents", st.get_int64(5)}};
}

std::vector<domain::Lead> leads_assigned_to(db::Database& db, std::int64_t agent_id) {
    auto st = db.prepare(std::string("SELECT ") + leads::kLeadColumns +
                         " FROM leads l WHERE l.assigned_agent_id = ? ORDER BY l.created_at DESC, l.id DESC");
    st.bind(1, agent_id);
    std::vector<domain::Lead> out;
    while (st.step()) out.push_back(leads::lead_from_row(st));
    return out;
}

std::int64_t log_agent_interaction(db::Database& db, const AgentInteraction& i, std::int64_t now) {
    const auto id =
        db.prepare(
              "INSERT INTO interactions(lead_id, user_id, kind, direction, summary, outcome, timestamp, duration_s) "
              "VALUES (?,?,?,?,?,?,?,?) RETURNING id")
            .bind_all(i.lead_id, i.agent_id, i.kind,
                      i.kind == "call" ? std::optional<std::string>("out") : std::nullopt, i.summary, i.outcome, now,
                      i.duration_s)
            .run_returning_id();
    leads::touch(db, i.lead_id, now);  // the console's sync sees the lead changed
    return id;
}

}  // namespace crm::agents
