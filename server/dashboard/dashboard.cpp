// The dashboard's document: the figures of dashboard_repo (and the agents' of
// agents::agent_figures) with their rates; see docs/DASHBOARD.md for the definitions.
#include "dashboard/dashboard.hpp"

#include <cmath>
#include <string>

#include "agents/agents_repo.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/time.hpp"
#include "dashboard/dashboard_repo.hpp"
#include "leads/connect_rates_repo.hpp"

namespace crm::dashboard {

namespace {

using domain::UnixTime;

// Every rate on the dashboard: 4 decimals, null without a denominator (domain::rate_of).
nlohmann::json ratio(std::int64_t num, std::int64_t den) {
    const auto r = domain::rate_of(num, den);
    return r ? nlohmann::json(*r) : nlohmann::json(nullptr);
}

using domain::paris_midnight_days_before;

nlohmann::json today_figures(db::Database& db, UnixTime now) {
    const UnixTime from = domain::paris_day_start(now);
    const UnixTime to = paris_midnight_days_before(now, -1);
    const auto t = period_totals(db, from, to);
    return {{"date", domain::format_paris(now, "%Y-%m-%d")},
            {"from", domain::format_iso_utc(from)},
            {"to", domain::format_iso_utc(to)},
            {"callsPlaced", t.calls},
            {"connects", t.connects},
            {"connectRate", ratio(t.connects, t.calls)},
            {"booked", t.booked},
            {"leadsDelivered", t.delivered},
            {"collectedCents", t.delivery_cents + t.topup_cents - t.refund_cents},
            {"collected",
             {{"deliveryCents", t.delivery_cents}, {"topupCents", t.topup_cents}, {"refundCents", t.refund_cents}}}};
}

// Each step counted on its own (a lead can be delivered without a booked slot). A step's
// conversion is taken over the step before when every lead of it is in that step too (a real
// funnel step), else over the created leads, and `conversionOf` says which: never "400 %".
nlohmann::json funnel(db::Database& db, UnixTime from, UnixTime to) {
    const auto f = funnel_counts(db, from, to);
    auto step = [&f](std::int64_t n, bool subset, std::int64_t previous) {
        return subset ? ratio(n, previous) : ratio(n, f.created);
    };
    return {{"created", f.created},
            {"contacted", f.contacted},
            {"booked", f.booked},
            {"delivered", f.delivered},
            {"won", f.won},
            {"conversion",
             {{"contacted", ratio(f.contacted, f.created)},
              {"booked", step(f.booked, f.booked_in_contacted, f.contacted)},
              {"delivered", step(f.delivered, f.delivered_in_booked, f.booked)},
              {"won", step(f.won, f.won_in_delivered, f.delivered)},
              {"overall", ratio(f.won, f.created)}}},
            {"conversionOf",
             {{"contacted", "created"},
              {"booked", f.booked_in_contacted ? "contacted" : "created"},
              {"delivered", f.delivered_in_booked ? "booked" : "created"},
              {"won", f.won_in_delivered ? "delivered" : "created"}}}};
}

nlohmann::json roi_by_source(db::Database& db, UnixTime from, UnixTime to) {
    auto out = nlohmann::json::array();
    for (const auto& [source, r] : source_figures(db, from, to)) {
        const auto cost = r.lead_cost + r.manual_cost;
        const auto revenue = r.paid - r.refunded;
        nlohmann::json roi = nullptr;
        if (cost > 0)
            roi = std::round(static_cast<double>(revenue - cost) / static_cast<double>(cost) * 10000.0) / 10000.0;
        out.push_back({{"source", source},
                       {"leads", r.leads},
                       {"leadCostCents", r.lead_cost},
                       {"manualCostCents", r.manual_cost},
                       {"costCents", cost},
                       {"paidCents", r.paid},
                       {"refundedCents", r.refunded},
                       {"revenueCents", revenue},
                       {"roi", roi}});
    }
    return out;
}

nlohmann::json agents_table(db::Database& db, UnixTime now) {
    auto out = nlohmann::json::array();
    for (const auto& f : agents::agent_figures(db, domain::paris_month_start(now))) {
        // The rates and the median are domain::AgentMetrics' (its to_json writes their keys).
        nlohmann::json row = f.metrics;
        row.update({{"agentId", f.id},
                    {"username", f.username},
                    {"name", f.display_name},
                    {"ltvCents", f.ltv_cents},
                    {"monthCents", f.month_cents}});
        out.push_back(std::move(row));
    }
    return out;
}

bool legal_hour(int weekday, int hour, const domain::Settings& s) {
    if (weekday >= 5) return false;
    for (const auto& r : s.call_windows)
        if (r.start_minute <= hour * 60 && (hour + 1) * 60 <= r.end_minute) return true;
    return false;
}

nlohmann::json heatmap(db::Database& db, UnixTime now, const domain::Settings& settings) {
    // The same 90 days of call_hours the queue's connect rates are learned from.
    const auto counts = leads::recent_call_counts(db, now);
    auto out = nlohmann::json::array();
    for (std::size_t d = 0; d < 7; ++d)
        for (std::size_t h = 0; h < 24; ++h)
            out.push_back({{"weekday", d},
                           {"hour", h},
                           {"calls", counts.calls[d][h]},
                           {"connects", counts.connects[d][h]},
                           {"connectRate", ratio(counts.connects[d][h], counts.calls[d][h])},
                           {"legal", legal_hour(static_cast<int>(d), static_cast<int>(h), settings)}});
    return out;
}

}  // namespace

nlohmann::json dashboard_json(db::Database& db, std::int64_t now, int days, const domain::Settings& settings) {
    const UnixTime from = paris_midnight_days_before(now, days - 1);
    const UnixTime to = paris_midnight_days_before(now, -1);
    return {{"days", days},
            {"generatedAt", domain::format_iso_utc(now)},
            {"period", {{"from", domain::format_iso_utc(from)}, {"to", domain::format_iso_utc(to)}}},
            {"today", today_figures(db, now)},
            {"funnel", funnel(db, from, to)},
            {"roiBySource", roi_by_source(db, from, to)},
            {"agents", agents_table(db, now)},
            {"heatmapDays", kHeatmapDays},
            {"heatmap", heatmap(db, now, settings)}};
}

}  // namespace crm::dashboard
