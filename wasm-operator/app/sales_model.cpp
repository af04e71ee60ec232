#include "app/sales_model.hpp"

#include <algorithm>
#include <cctype>

#include "app/json_read.hpp"
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

using json_read::number;
using json_read::opt_time;
using json_read::text;

PriceBreakdown price_from(const nlohmann::json& j) {
    if (!j.is_object()) return {};
    return {number(j, "baseCents"), number(j, "slotBonusCents"), number(j, "exclusiveBonusCents"),
            number(j, "totalCents")};
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
        std::stable_sort(col.cards.begin(), col.cards.end(), [](const PipelineCard& a, const PipelineCard& b) {
            return a.expected_value_cents > b.expected_value_cents;
        });
    return columns;
}

DeliveryRow delivery_from_json(const nlohmann::json& j) {
    DeliveryRow d;
    if (!j.is_object()) return d;
    d.id = j.value("id", 0LL);
    d.lead_id = j.value("leadId", 0LL);
    d.agent_id = j.value("agentId", 0LL);
    d.agent_name = text(j, "agentName");
    d.status = text(j, "status");
    d.channel = text(j, "channel");
    d.payment_method = text(j, "paymentMethod");
    d.payment_url = text(j, "paymentUrl");
    d.refund_reason = text(j, "refundReason");
    d.price_cents = number(j, "priceCents");
    d.exclusive = j.value("exclusive", false);
    d.full_contact = j.value("fullContact", false);
    d.paid_at = opt_time(j, "paidAt");
    d.sent_at = opt_time(j, "sentAt");
    d.opened_at = opt_time(j, "openedAt");
    d.accepted_at = opt_time(j, "acceptedAt");
    d.refunded_at = opt_time(j, "refundedAt");
    d.refund_requested_at = opt_time(j, "refundRequestedAt");
    if (j.contains("lead") && j["lead"].is_object()) {
        const auto& l = j["lead"];
        d.lead_name = text(l, "firstName") + " " + text(l, "lastName");
        d.city = text(l, "city");
    }
    return d;
}

std::vector<DeliveryRow> deliveries_from_json(const nlohmann::json& list_response) {
    return json_read::parse_items<DeliveryRow>(list_response, delivery_from_json);
}

const char* delivery_status_fr(const std::string& status) {
    if (status == "sent") return "Envoyé";
    if (status == "opened") return "Ouvert";
    if (status == "accepted") return "Accepté";
    if (status == "refunded") return "Remboursé";
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
    p.price = price_from(j.value("price", nlohmann::json()));
    p.exclusive_price = price_from(j.value("exclusivePrice", nlohmann::json()));
    for (const auto& c : j["candidates"]) {
        RouteCandidate rc{c.value("agentId", 0LL), text(c, "name"), text(c, "match"), {}};
        if (c.contains("reasons") && c["reasons"].is_array())
            for (const auto& r : c["reasons"])
                if (r.is_string()) rc.reasons.push_back(r.get<std::string>());
        p.candidates.push_back(std::move(rc));
    }
    return p;
}

void SalesModel::upsert_delivery(const DeliveryRow& d) {
    auto it = std::find_if(deliveries.begin(), deliveries.end(), [&](const DeliveryRow& x) { return x.id == d.id; });
    if (it != deliveries.end())
        *it = d;
    else
        deliveries.insert(deliveries.begin(), d);
}

}  // namespace crm::console
