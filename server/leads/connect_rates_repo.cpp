#include "leads/connect_rates_repo.hpp"

#include "crm/domain/time.hpp"
#include "settings/settings_repo.hpp"

namespace crm::leads {

domain::CallCounts recent_call_counts(db::Database& db, std::int64_t now) {
    domain::CallCounts counts;
    // Operator calls per UTC hour, kept by triggers with the dashboard's definition of a connect.
    auto st = db.prepare("SELECT hour, calls, connects FROM call_hours WHERE hour >= ?1 / 3600 AND hour <= ?2 / 3600");
    st.bind_all(domain::paris_midnight_days_before(now, kCallHistoryDays - 1), now);
    while (st.step()) counts.add_hour(st.get_int64(0), st.get_int64(1), st.get_int64(2));
    return counts;
}

bool refresh_connect_rates(db::Database& db, std::int64_t now) {
    {
        auto st = db.prepare("SELECT value_json FROM settings WHERE key = 'connect_rates'");
        if (st.step()) {
            const auto stored = nlohmann::json::parse(st.get_text(0), nullptr, false);
            const auto at = stored.is_object() && stored.contains("computedAt") && stored["computedAt"].is_string()
                                ? domain::parse_iso_utc(stored["computedAt"].get<std::string>())
                                : std::nullopt;
            if (at && *at / 3600 == now / 3600) return false;
        }
    }
    db::Transaction tx(db);
    store_learned_connect_rates(db, now);
    tx.commit();
    return true;
}

void store_learned_connect_rates(db::Database& db, std::int64_t now) {
    const auto counts = recent_call_counts(db, now);
    const auto table = domain::learn_connect_rates(counts, settings::load_settings(db));
    std::int64_t calls = 0;
    for (const auto& day : counts.calls)
        for (auto c : day) calls += c;
    auto rates = nlohmann::json::array();
    for (const auto& day : table) rates.push_back(nlohmann::json(std::vector<double>(day.begin(), day.end())));
    const nlohmann::json row = {
        {"computedAt", domain::format_iso_utc(now)}, {"days", kCallHistoryDays}, {"calls", calls}, {"rates", rates}};
    db.prepare(
          "INSERT INTO settings(key, value_json, updated_at) VALUES ('connect_rates', ?1, ?2) "
          "ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at")
        .bind_all(row.dump(), now)
        .run();
}

void apply_learned_connect_rates(const nlohmann::json& stored, domain::Settings& s) {
    if (!stored.is_object() || !stored.contains("rates")) return;
    const auto& rates = stored["rates"];
    if (!rates.is_array() || rates.size() != 7) return;
    domain::ConnectRateTable table{};
    for (std::size_t d = 0; d < 7; ++d) {
        if (!rates[d].is_array() || rates[d].size() != 24) return;
        for (std::size_t h = 0; h < 24; ++h) {
            if (!rates[d][h].is_number()) return;
            table[d][h] = rates[d][h].get<double>();
        }
    }
    s.connect_rate = table;
}

}  // namespace crm::leads
