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

#include "crm/domain/delivery.hpp"
#include "crm/domain/lead.hpp"
#include "crm/domain/pricing.hpp"
#include "crm/domain/routing.hpp"
#include "crm/domain/settings.hpp"

namespace crm::console {

// ------------------------------------------------------------------ pipeline board

struct PipelineFilter {
    std::string text;  // name, city or zip contains (case-insensitive)
    bool hot_only = false;
    bool ready_only = false;
    std::string source;  // "" = every source
    bool operator==(const PipelineFilter& o) const {
        return text == o.text && hot_only == o.hot_only && ready_only == o.ready_only && source == o.source;
    }
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

// Deliveries and route candidates are the domain's wire types (crm/domain/json.hpp): read with
// the same to_json/from_json the server writes them with.
// One delivery from an answer; none when it is not a delivery (an error body, a wrong type).
std::optional<domain::Delivery> delivery_from_json(const nlohmann::json& j);
std::vector<domain::Delivery> deliveries_from_json(const nlohmann::json& list_response);  // {items: [...]}
std::string delivery_lead_name(const domain::Delivery& d);                                // "Léa Roux"
const char* delivery_status_fr(domain::DeliveryStatus status);

// ------------------------------------------------------------------ delivery dialog (P)

struct RoutePlan {
    std::int64_t lead_id = 0;
    bool ready = false;
    struct Criterion {
        std::string label;
        bool met = false, required = true;
    };
    std::vector<Criterion> criteria;
    domain::DeliveryPrice price, exclusive_price;
    std::vector<domain::RouteCandidate> candidates;
};
std::optional<RoutePlan> route_plan_from_json(const nlohmann::json& j);

// What the dialog and the tab keep between frames.
struct SalesModel {
    std::vector<domain::Delivery> deliveries;
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

    void upsert_delivery(const domain::Delivery& d);  // newest first
};

}  // namespace crm::console
