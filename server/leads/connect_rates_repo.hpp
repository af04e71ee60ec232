#pragma once
// The operator's calls by Paris weekday and hour (the `call_hours` rollup, migration 005) and
// the connect-rate table the queue learns from them (domain/connect_rates.hpp). The table is
// the settings row "connect_rates" ({computedAt, days, calls, rates: 7 × 24}): load_settings
// lays it over the operator's document, so it reaches the console with the settings
// (GET /api/settings, GET /api/sync) and an offline console ranks with the last one it synced.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "crm/domain/connect_rates.hpp"
#include "db/database.hpp"

namespace crm::leads {

// The heatmap's window and the queue's: the last 90 Paris days, today included.
constexpr int kCallHistoryDays = 90;

domain::CallCounts recent_call_counts(db::Database& db, std::int64_t now);

// Learns the table again when the stored one was computed in an earlier hour (or a later one:
// a clock set back), so at most once an hour. Returns whether it wrote. Called by each
// scheduler pass and at start.
bool refresh_connect_rates(db::Database& db, std::int64_t now);
// Learns and stores the table now, inside the caller's transaction (the settings changed).
void store_learned_connect_rates(db::Database& db, std::int64_t now);

// The stored row's rates into `s.connect_rate` (a row that does not read as 7 × 24 rates is
// ignored: the rates stay as they were).
void apply_learned_connect_rates(const nlohmann::json& stored, domain::Settings& s);

}  // namespace crm::leads
