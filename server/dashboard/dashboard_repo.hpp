#pragma once
// The SQL behind the operator dashboard (definitions: docs/DASHBOARD.md) and the manual cost
// entries per source that feed its ROI table. The agents' figures are agents::agent_figures.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace crm::dashboard {

// [from, to): the operator side's calls and connects, slots booked, leads delivered, and cash
// in and out (deliveries paid by card, credit top-ups, card refunds).
struct PeriodTotals {
    std::int64_t calls = 0, connects = 0, booked = 0, delivered = 0;
    std::int64_t delivery_cents = 0, topup_cents = 0, refund_cents = 0;
};
PeriodTotals period_totals(db::Database& db, std::int64_t from, std::int64_t to);

// The leads created in [from, to) at each step (each counted on its own), and whether every lead
// of a step is in the step before it.
struct FunnelCounts {
    std::int64_t created = 0, contacted = 0, booked = 0, delivered = 0, won = 0;
    bool booked_in_contacted = true, delivered_in_booked = true, won_in_delivered = true;
};
FunnelCounts funnel_counts(db::Database& db, std::int64_t from, std::int64_t to);

// Per source: the leads created in [from, to), their cost, what their deliveries brought in and
// gave back, and the manual costs spent in [from, to).
struct SourceFigures {
    std::int64_t leads = 0, lead_cost = 0, manual_cost = 0, paid = 0, refunded = 0;
};
std::map<std::string, SourceFigures> source_figures(db::Database& db, std::int64_t from, std::int64_t to);

// --- Manual costs (GET/POST /api/costs): {id, source, amountCents, spentAt, note, createdBy, createdAt}.

struct CostList {
    nlohmann::json items = nlohmann::json::array();  // newest spending first
    std::int64_t total_cents = 0;
};
CostList recent_costs(db::Database& db, const std::optional<std::string>& source, int limit);

struct NewCost {
    std::string source;
    std::int64_t amount_cents = 0, spent_at = 0;
    std::string note;
};
// Returns the new entry's id.
std::int64_t insert_cost(db::Database& db, const NewCost& c, std::int64_t created_by, std::int64_t now);
std::optional<nlohmann::json> find_cost(db::Database& db, std::int64_t id);

}  // namespace crm::dashboard
