#include "app/sales_model.hpp"

#include <algorithm>
#include <cctype>

#include "app/json_read.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/scoring.hpp"

namespace crm::console {

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool contains(const std::string& hay, const std::string& needle_lower) {
    return lower(hay).find(needle_lower) != std::string::npos;
}

using json_read::text;

// A part of the answer read with the domain's from_json; the default when absent or malformed.
template <typename T>
T read_or_default(const nlohmann::json& j, const char* key) {
    if (!j.contains(key) || !j[key].is_object()) return {};
    try {
        return j[key].get<T>();
    } catch (const nlohmann::json::exception&) {
        return {};
    }
}

}  // namespace

const std::vector<domain::Stage>& pipeline_stages() {
    using S = domain::Stage;
    static const std::vector<S> stages = {S::new_lead,      S::contacted, S::qualified,   S::booked,
                                          S::sent_to_agent, S::sold,      S::refunded_bad};
    return stages;
}

std::vector<PipelineColumn> pipeline_columns(const std::vector<domain::Lead>& leads, const domain::Settings& s,
                                             const PipelineFilter& f) {
    std::vector<PipelineColumn> columns;
    for (auto stage : pipeline_stages()) columns.push_back({stage, {}, 0});
    const auto needle = lower(f.text);
    for (std::size_t i = 0; i < leads.size(); ++i) {
        const auto& l = leads[i];
        if (!needle.empty() && !contains(l.first_name + " " + l.last_name, needle) && !contains(l.city, needle) &&
            !contains(l.zip, needle))
            continue;
        if (!f.source.empty() && l.source != f.source) continue;
        PipelineCard card{i, domain::is_hot_lead(l, domain::hot_score_value(l, s), s), domain::is_ready_to_sell(l),
                          domain::expected_value_cents(l, s)};
        if (f.hot_only && !card.hot) continue;
        if (f.ready_only && !card.ready) continue;
        auto& col = columns[static_cast<std::size_t>(l.stage)];
        col.total_ev_cents += card.expected_value_cents;
        col.cards.push_back(card);
    }
    for (auto& col : columns)
        // Ties by lead id: the order of `leads` (the sync's order) must not show.
        std::sort(col.cards.begin(), col.cards.end(), [&leads](const PipelineCard& a, const PipelineCard& b) {
            if (a.expected_value_cents != b.expected_value_cents)
                return a.expected_value_cents > b.expected_value_cents;
            return leads[a.lead_index].id < leads[b.lead_index].id;
        });
    return columns;
}

std::optional<domain::Delivery> delivery_from_json(const nlohmann::json& j) {
    if (!j.is_object()) return std::nullopt;
    try {
        return j.get<domain::Delivery>();
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::vector<domain::Delivery> deliveries_from_json(const nlohmann::json& list_response) {
    return json_read::parse_items<domain::Delivery>(list_response,
                                                    [](const nlohmann::json& j) { return j.get<domain::Delivery>(); });
}

std::string delivery_lead_name(const domain::Delivery& d) {
    return d.lead.first_name + " " + d.lead.last_name;
}

const char* delivery_status_fr(domain::DeliveryStatus status) {
    switch (status) {
        case domain::DeliveryStatus::sent:
            return "Envoyé";
        case domain::DeliveryStatus::opened:
            return "Ouvert";
        case domain::DeliveryStatus::accepted:
            return "Accepté";
        case domain::DeliveryStatus::refunded:
            return "Remboursé";
    }
    return "?";
}

std::optional<RoutePlan> route_plan_from_json(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("candidates") || !j["candidates"].is_array()) return std::nullopt;
    RoutePlan p;
    p.lead_id = j.value("leadId", 0LL);
    if (j.contains("readyToSell") && j["readyToSell"].is_object()) {
        p.ready = j["readyToSell"].value("ready", false);
        if (j["readyToSell"].contains("criteria"))
            for (const auto& c : j["readyToSell"]["criteria"])
                p.criteria.push_back({text(c, "label"), c.value("met", false), c.value("required", true)});
    }
    p.price = read_or_default<domain::DeliveryPrice>(j, "price");
    p.exclusive_price = read_or_default<domain::DeliveryPrice>(j, "exclusivePrice");
    for (const auto& c : j["candidates"]) {
        if (!c.is_object()) continue;
        try {
            p.candidates.push_back(c.get<domain::RouteCandidate>());
        } catch (const nlohmann::json::exception&) {
        }  // a malformed candidate is left out, the others stay choosable
    }
    return p;
}

void SalesModel::upsert_delivery(const domain::Delivery& d) {
    auto it =
        std::find_if(deliveries.begin(), deliveries.end(), [&](const domain::Delivery& x) { return x.id == d.id; });
    if (it != deliveries.end())
        *it = d;
    else
        deliveries.insert(deliveries.begin(), d);
}

}  // namespace crm::console
