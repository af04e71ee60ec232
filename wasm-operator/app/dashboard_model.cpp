#include "app/dashboard_model.hpp"

#include "app/json_read.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace crm::console {

namespace {

using json_read::number;
using json_read::text;

std::optional<double> ratio(const nlohmann::json& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_number()) return std::nullopt;
    return j[key].get<double>();
}

const nlohmann::json& object_at(const nlohmann::json& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_object())
        throw std::runtime_error(std::string("tableau de bord illisible : « ") + key + " » manquant");
    return j[key];
}

nlohmann::json opt_json(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

Dashboard dashboard_from_json(const nlohmann::json& answer) {
    Dashboard d;
    const auto& today = object_at(answer, "today");
    const auto& funnel = object_at(answer, "funnel");
    d.days = answer.value("days", 7);
    d.generated_at = text(answer, "generatedAt");
    d.today = {number(today, "callsPlaced"),    number(today, "connects"),       number(today, "booked"),
               number(today, "leadsDelivered"), number(today, "collectedCents"), ratio(today, "connectRate")};

    const nlohmann::json conversion = funnel.contains("conversion") ? funnel["conversion"] : nlohmann::json::object();
    const nlohmann::json of = funnel.contains("conversionOf") ? funnel["conversionOf"] : nlohmann::json::object();
    const std::pair<const char*, const char*> steps[] = {{"created", "Créés"},
                                                         {"contacted", "Contactés"},
                                                         {"booked", "RDV pris"},
                                                         {"delivered", "Livrés"},
                                                         {"won", "Gagnés"}};
    for (const auto& [key, label] : steps) {
        const bool first = std::string(key) == "created";
        d.funnel.push_back({key, label, number(funnel, key), first ? std::nullopt : ratio(conversion, key),
                            first            ? ""
                            : of.is_object() ? text(of, key)
                                             : ""});
    }

    if (answer.contains("roiBySource") && answer["roiBySource"].is_array())
        for (const auto& r : answer["roiBySource"]) {
            if (!r.is_object()) continue;
            d.roi_by_source.push_back({text(r, "source"), number(r, "leads"), number(r, "costCents"),
                                       number(r, "paidCents"), number(r, "refundedCents"), number(r, "revenueCents"),
                                       ratio(r, "roi")});
        }

    if (answer.contains("agents") && answer["agents"].is_array())
        for (const auto& a : answer["agents"]) {
            if (!a.is_object()) continue;
            AgentRow row;
            row.id = number(a, "agentId");
            row.name = text(a, "name").empty() ? text(a, "username") : text(a, "name");
            row.deliveries = number(a, "deliveries");
            row.accepted = number(a, "accepted");
            row.refunded = number(a, "refunded");
            row.ltv_cents = number(a, "ltvCents");
            row.month_cents = number(a, "monthCents");
            row.acceptance_rate = ratio(a, "acceptanceRate");
            row.refund_rate = ratio(a, "refundRate");
            if (a.contains("medianFirstCallSeconds") && a["medianFirstCallSeconds"].is_number())
                row.median_first_call_seconds = a["medianFirstCallSeconds"].get<std::int64_t>();
            d.agents.push_back(row);
        }

    for (int w = 0; w < 7; ++w)
        for (int h = 0; h < 24; ++h) {
            auto& c = d.heatmap[static_cast<std::size_t>(w * 24 + h)];
            c.weekday = w;
            c.hour = h;
        }
    d.heatmap_days = answer.value("heatmapDays", 90);
    if (answer.contains("heatmap") && answer["heatmap"].is_array())
        for (const auto& c : answer["heatmap"]) {
            if (!c.is_object()) continue;
            const auto w = static_cast<int>(number(c, "weekday")), h = static_cast<int>(number(c, "hour"));
            if (w < 0 || w > 6 || h < 0 || h > 23) continue;  // a cell off the grid is not drawn anywhere
            auto& cell = d.heatmap[static_cast<std::size_t>(w * 24 + h)];
            cell.calls = number(c, "calls");
            cell.connects = number(c, "connects");
            cell.connect_rate = ratio(c, "connectRate");
            cell.legal = c.value("legal", false);
        }
    return d;
}

int DashboardModel::request(int days) {
    days_ = days;
    loading_ = true;
    return ++ticket_;
}

bool DashboardModel::set_answer(int ticket, const nlohmann::json& answer) {
    if (ticket != ticket_) return false;  // a newer request is on its way
    loading_ = false;
    try {
        data_ = dashboard_from_json(answer);
        ++version_;
        error_.clear();
    } catch (const std::exception& e) {
        error_ = e.what();
        return false;
    }
    return true;
}

void DashboardModel::set_error(int ticket, const std::string& message) {
    if (ticket != ticket_) return;
    loading_ = false;
    error_ = message;
}

nlohmann::json DashboardModel::snapshot() const {
    nlohmann::json out = {{"days", days_}, {"loading", loading_}, {"loaded", loaded()}, {"error", error_}};
    if (!data_) return out;
    const auto& d = *data_;
    out["shownDays"] = d.days;
    out["generatedAt"] = d.generated_at;
    out["today"] = {{"callsPlaced", d.today.calls_placed},
                    {"connects", d.today.connects},
                    {"booked", d.today.booked},
                    {"leadsDelivered", d.today.leads_delivered},
                    {"collectedCents", d.today.collected_cents},
                    {"connectRate", opt_json(d.today.connect_rate)}};
    auto funnel = nlohmann::json::array();
    for (const auto& s : d.funnel)
        funnel.push_back(
            {{"key", s.key}, {"count", s.count}, {"conversion", opt_json(s.conversion)}, {"conversionOf", s.base}});
    out["funnel"] = funnel;
    auto roi = nlohmann::json::array();
    for (const auto& r : d.roi_by_source)
        roi.push_back({{"source", r.source},
                       {"leads", r.leads},
                       {"costCents", r.cost_cents},
                       {"revenueCents", r.revenue_cents},
                       {"roi", opt_json(r.roi)}});
    out["roiBySource"] = roi;
    auto agents = nlohmann::json::array();
    for (const auto& a : d.agents)
        agents.push_back(
            {{"agentId", a.id},
             {"name", a.name},
             {"acceptanceRate", opt_json(a.acceptance_rate)},
             {"refundRate", opt_json(a.refund_rate)},
             {"medianFirstCallSeconds",
              a.median_first_call_seconds ? nlohmann::json(*a.median_first_call_seconds) : nlohmann::json(nullptr)},
             {"ltvCents", a.ltv_cents},
             {"monthCents", a.month_cents}});
    out["agents"] = agents;
    // Only the cells with calls: 168 mostly empty cells would drown the hook's answer.
    auto cells = nlohmann::json::array();
    int legal = 0;
    for (const auto& c : d.heatmap) {
        legal += c.legal ? 1 : 0;
        if (c.calls > 0)
            cells.push_back({{"weekday", c.weekday}, {"hour", c.hour}, {"calls", c.calls}, {"connects", c.connects}});
    }
    out["heatmap"] = cells;
    out["legalCells"] = legal;
    return out;
}

std::string format_percent(std::optional<double> ratio) {
    if (!ratio || !std::isfinite(*ratio)) return "—";
    const long percent = std::lround(*ratio * 100.0);
    return std::to_string(percent) + "\u00a0%";
}

std::string format_duration(std::optional<std::int64_t> seconds) {
    if (!seconds || *seconds < 0) return "—";
    const auto s = *seconds;
    if (s < 60) return std::to_string(s) + " s";
    if (s < 3600) return std::to_string(s / 60) + " min";
    if (s < 86400) {
        const auto m = (s % 3600) / 60;
        return std::to_string(s / 3600) + " h " + (m < 10 ? "0" : "") + std::to_string(m);
    }
    return std::to_string(s / 86400) + " j " + std::to_string((s % 86400) / 3600) + " h";
}

std::string conversion_fr(const FunnelStep& s) {
    if (s.key == "created") return "";
    static const std::pair<const char*, const char*> bases[] = {{"created", "des créés"},
                                                                {"contacted", "des contactés"},
                                                                {"booked", "des RDV pris"},
                                                                {"delivered", "des livrés"}};
    std::string base;
    for (const auto& [key, words] : bases)
        if (s.base == key) base = words;
    return format_percent(s.conversion) + (base.empty() ? "" : " " + base);
}

const char* weekday_short_fr(int weekday) {
    static const char* const names[] = {"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."};
    return weekday >= 0 && weekday < 7 ? names[weekday] : "?";
}

Rgba heat_color(const HeatCell& cell) {
    if (cell.calls == 0 || !cell.connect_rate) return {0.5f, 0.52f, 0.58f, 0.18f};
    const float t = static_cast<float>(std::clamp(*cell.connect_rate, 0.0, 1.0));
    const Rgba low{0.20f, 0.30f, 0.58f, 1}, high{0.36f, 0.88f, 0.50f, 1};  // blue → green
    return {low.r + (high.r - low.r) * t, low.g + (high.g - low.g) * t, low.b + (high.b - low.b) * t, 1};
}

bool heat_text_dark(const Rgba& c) {
    return c.a > 0.5f && 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b > 0.5f;
}

unsigned legal_edges(const Dashboard& d, int weekday, int hour) {
    if (!d.cell(weekday, hour).legal) return 0;
    unsigned edges = 0;
    if (weekday == 0 || !d.cell(weekday - 1, hour).legal) edges |= edge_top;
    if (weekday == 6 || !d.cell(weekday + 1, hour).legal) edges |= edge_bottom;
    if (hour == 0 || !d.cell(weekday, hour - 1).legal) edges |= edge_left;
    if (hour == 23 || !d.cell(weekday, hour + 1).legal) edges |= edge_right;
    return edges;
}

std::vector<HeatCell> best_windows(const Dashboard& d, std::int64_t min_calls, std::size_t n) {
    std::vector<HeatCell> out;
    for (const auto& c : d.heatmap)
        if (c.calls >= min_calls && c.connect_rate) out.push_back(c);
    std::stable_sort(out.begin(), out.end(), [](const HeatCell& a, const HeatCell& b) {
        if (*a.connect_rate != *b.connect_rate) return *a.connect_rate > *b.connect_rate;
        return a.calls > b.calls;
    });
    if (out.size() > n) out.resize(n);
    return out;
}

std::vector<std::size_t> agent_order(const std::vector<AgentRow>& agents, AgentColumn column, bool descending) {
    std::vector<std::size_t> order(agents.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (agents[a].name != agents[b].name) return agents[a].name < agents[b].name;
        return agents[a].id < agents[b].id;
    });
    if (column == AgentColumn::name) {
        if (descending) std::reverse(order.begin(), order.end());
        return order;
    }
    auto value = [column](const AgentRow& r) -> std::optional<double> {
        switch (column) {
            case AgentColumn::deliveries:
                return static_cast<double>(r.deliveries);
            case AgentColumn::acceptance:
                return r.acceptance_rate;
            case AgentColumn::first_call:
                if (!r.median_first_call_seconds) return std::nullopt;
                return static_cast<double>(*r.median_first_call_seconds);
            case AgentColumn::refund:
                return r.refund_rate;
            case AgentColumn::ltv:
                return static_cast<double>(r.ltv_cents);
            case AgentColumn::month:
                return static_cast<double>(r.month_cents);
            default:
                return std::nullopt;
        }
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto va = value(agents[a]), vb = value(agents[b]);
        if (!va || !vb) return va.has_value() && !vb.has_value();  // missing values last
        return descending ? *va > *vb : *va < *vb;
    });
    return order;
}

}  // namespace crm::console
