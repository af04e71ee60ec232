#pragma once
// What the Pipeline and Deliveries tabs and the delivery dialog show: the board's columns
// computed from the console's leads with the domain library (Hot badge, expected value,
// Ready-to-Sell, the same numbers as the server), the deliveries as the server sent them, and
// the routing plan for one lead. Pure: natively tested.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/lead.hpp"
#include "crm/domain/settings.hpp"

namespace crm::console {

// ------------------------------------------------------------------ pipeline board

struct PipelineFilter {
    std::string text;  // name, city or zip contains (case-insensitive)
    bool hot_only = false;
    bool ready_only = false;
    std::string source;  // "" = every source
};

struct PipelineCard {
    std::size_t lead_index = 0;
    bool hot = false;
    bool ready = false;
    domain::Money expected_value_cents = 0;
};

struct PipelineColumn {
    domain::Stage stage;
    std::vector<PipelineCard> cards;  // hottest expected value first
    domain::Money total_ev_cents = 0;
};

// The seven columns in board order, with their cards (filtered) and totals.
std::vector<PipelineColumn> pipeline_columns(const std::vector<domain::Lead>& leads, const domain::Settings& s,
                                             const PipelineFilter& f);
const std::vector<domain::Stage>& pipeline_stages();

// ------------------------------------------------------------------ deliveries

struct DeliveryRow {
    std::int64_t id = 0, lead_id = 0, agent_id = 0;
    std::string lead_name, city, agent_name, status, channel, payment_method, payment_url, refund_reason;
    domain::Money price_cents = 0;
    bool exclusive = false, full_contact = false;
    std::optional<domain::UnixTime> paid_at, sent_at, opened_at, accepted_at, refunded_at, refund_requested_at;
    // Paid by card, unpaid and live, and the server's payment_link job has not made the link yet.
    bool awaiting_payment_link() const {
        return payment_method == "stripe" && payment_url.empty() && !paid_at && status != "refunded";
    }
};
DeliveryRow delivery_from_json(const nlohmann::json& j);
std::vector<DeliveryRow> deliveries_from_json(const nlohmann::json& list_response);  // {items: [...]}
const char* delivery_status_fr(const std::string& status);

// ------------------------------------------------------------------ delivery dialog (P)

struct PriceBreakdown {
    domain::Money base = 0, slot_bonus = 0, exclusive_bonus = 0, total = 0;
};

struct RouteCandidate {
    std::int64_t agent_id = 0;
    std::string name, match;
    std::vector<std::string> reasons;
};

struct RoutePlan {
    std::int64_t lead_id = 0;
    bool ready = false;
    struct Criterion {
        std::string label;
        bool met = false, required = true;
    };
    std::vector<Criterion> criteria;
    PriceBreakdown price, exclusive_price;
    std::vector<RouteCandidate> candidates;
};
std::optional<RoutePlan> route_plan_from_json(const nlohmann::json& j);

// What the dialog and the tab keep between frames.
struct SalesModel {
    std::vector<DeliveryRow> deliveries;
    bool deliveries_loaded = false;
    std::string deliveries_error;
    std::optional<RoutePlan> plan;  // for the delivery dialog
    bool plan_loading = false;
    std::string plan_error;
    // Links shown this session (the server shows the current one again: GET /api/deliveries/{id}/link).
    std::map<std::int64_t, std::string> share_urls;
    std::string message;                 // the result of the last action, shown in the tab / dialog
    std::int64_t pipeline_selected = 0;  // the card P delivers from the Pipeline tab
    PipelineFilter pipeline_filter;

    void upsert_delivery(const DeliveryRow& d);  // newest first
};

}  // namespace crm::console
