#include "db/agents_repo.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace crm::db {

namespace {

nlohmann::json parse_array(const std::string& s) {
    auto j = nlohmann::json::parse(s, nullptr, false);
    return j.is_array() ? j : nlohmann::json::array();
}

}  // namespace

nlohmann::json list_agents_with_metrics(Database& db, std::int64_t month_start) {
    // Time to first call per delivery, for the medians.
    std::map<std::int64_t, std::vector<std::int64_t>> first_call_minutes;
    {
        auto st = db.prepare(
            "SELECT agent_id, (first_call_at - sent_at) / 60 FROM deliveries "
            "WHERE first_call_at IS NOT NULL AND sent_at IS NOT NULL");
        while (st.step()) first_call_minutes[st.get_int64(0)].push_back(st.get_int64(1));
    }
    auto st = db.prepare(
        "SELECT u.id, u.username, u.display_name, u.email, u.phone, u.cities, u.zips, u.credits_cents, "
        " (SELECT COUNT(*) FROM deliveries d WHERE d.agent_id = u.id), "
        " (SELECT COUNT(*) FROM deliveries d WHERE d.agent_id = u.id AND d.accepted_at IS NOT NULL), "
        " (SELECT COUNT(*) FROM deliveries d WHERE d.agent_id = u.id AND d.status = 'refunded'), "
        " (SELECT COUNT(*) FROM deliveries d WHERE d.agent_id = u.id AND d.status IN ('sent', 'opened')), "
        " (SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p WHERE p.agent_id = u.id AND p.kind = 'delivery'), "
        " (SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p WHERE p.agent_id = u.id AND p.kind = 'delivery' AND "
        "p.paid_at >= ?), "
        " (SELECT -COALESCE(SUM(ABS(p.amount_cents)), 0) FROM payments p WHERE p.agent_id = u.id AND p.kind = 'refund') "
        "FROM users u WHERE u.role = 'agent' ORDER BY u.display_name");
    st.bind(1, month_start);
    auto out = nlohmann::json::array();
    while (st.step()) {
        const auto id = st.get_int64(0);
        const auto delivered = st.get_int64(8), accepted = st.get_int64(9), refunded = st.get_int64(10);
        nlohmann::json median = nullptr;
        auto& mins = first_call_minutes[id];
        if (!mins.empty()) {
            std::sort(mins.begin(), mins.end());
            const auto n = mins.size();
            median = n % 2 ? static_cast<double>(mins[n / 2]) : (mins[n / 2 - 1] + mins[n / 2]) / 2.0;
        }
        out.push_back({{"id", id},
                       {"username", st.get_text(1)},
                       {"displayName", st.get_text(2)},
                       {"email", st.is_null(3) ? nlohmann::json(nullptr) : nlohmann::json(st.get_text(3))},
                       {"phone", st.is_null(4) ? nlohmann::json(nullptr) : nlohmann::json(st.get_text(4))},
                       {"cities", parse_array(st.get_text(5))},
                       {"zips", parse_array(st.get_text(6))},
                       {"creditsCents", st.get_int64(7)},
                       {"delivered", delivered},
                       {"accepted", accepted},
                       {"refunded", refunded},
                       {"acceptanceRate", delivered ? nlohmann::json(static_cast<double>(accepted) / delivered)
                                                    : nlohmann::json(nullptr)},
                       {"refundRate", delivered ? nlohmann::json(static_cast<double>(refunded) / delivered)
                                                : nlohmann::json(nullptr)},
                       {"medianFirstCallMinutes", median},
                       {"load", st.get_int64(11)},
                       {"ltvCents", st.get_int64(12) + st.get_int64(14)},
                       {"monthCents", st.get_int64(13)}});
    }
    return out;
}

std::optional<nlohmann::json> find_agent(Database& db, std::int64_t id) {
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

}  // namespace crm::db
