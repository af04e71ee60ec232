#pragma once
// The operator dashboard as one JSON document (definitions: docs/DASHBOARD.md). A plain
// function of the database and the clock, so the benchmark can time it without HTTP.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "crm/domain/settings.hpp"
#include "db/database.hpp"
#include "leads/connect_rates_repo.hpp"

namespace crm::dashboard {

// Days the heatmap looks back, whatever `days` the funnel and ROI use (the queue learns its
// connect rates from the same days).
constexpr int kHeatmapDays = leads::kCallHistoryDays;

// `days` is 7 or 30 (the route checks it).
nlohmann::json dashboard_json(db::Database& db, std::int64_t now, int days, const domain::Settings& settings);

}  // namespace crm::dashboard
