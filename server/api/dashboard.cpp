// Dashboard figures, each from one indexed query (or a few); see docs/DASHBOARD.md for the
// definitions and docs/PERFORMANCE.md for the timing on 100k leads and 1M interactions.
#include "api/dashboard.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "crm/domain/json.hpp"
#include "crm/domain/time.hpp"
#include "leads/connect_rates_repo.hpp"

namespace crm::api {

namespace {

using domain::UnixTime;

// Every rate on the dashboard: 4 decimals, null without a denominator (domain::rate_of).
nlohmann::json ratio(std::int64_t num, std::int64_t den) {
    const auto r = domain::rate_of(num, den);
    return r ? nlohmann::json(*r) : nlohmann::json(nullptr);
}

using domain::paris_midnight_days_before;

// Calls placed by the operator side (operator and admin accounts), not the agents' own calls.
constexpr const char* kOperatorCalls =
    "kind = 'call' AND user_id IN (SELECT id FROM users WHERE role IN ('operator', 'admin'))";

// A connect is a call where someone picked up: answered, and also booked or not a seller
// (both can only be said by a person on the line).
constexpr const char* kConnect = "outcome IN ('answered', 'booked', 'not_seller')";

constexpr const char* kRefunded = "(d.refunded_at IS NOT NULL OR d.status = 'refunded')";

nlohmann::json today_figures(db::Database& db, UnixTime now) {
    const UnixTime from = domain::paris_day_start(now);
    const UnixTime to = paris_midnight_days_before(now, -1);
    std::int64_t calls = 0, connects = 0;
    {
        auto st = db.prepare(std::string("SELECT COUNT(*), COALESCE(SUM(") + kConnect +
                             "), 0) FROM interactions WHERE timestamp >= ?1 AND timestamp < ?2 AND " + kOperatorCalls);
        st.bind_all(from, to);
        st.step();
        calls = st.get_int64(0);
        connects = st.get_int64(1);
    }
    auto count = [&db, from, to](const char* sql) {
        auto st = db.prepare(sql);
        st.bind_all(from, to);
        st.step();
        return st.get_int64(0);
    };
    const auto booked = count("SELECT COUNT(*) FROM appointments WHERE created_at >= ?1 AND created_at < ?2");
    const auto delivered = count("SELECT COUNT(*) FROM deliveries WHERE created_at >= ?1 AND created_at < ?2");
    // Cash in: credit top-ups and deliveries paid directly (Stripe); a delivery paid from
    // credits is not counted again (the top-up was). Refunds of card payments are subtracted
    // (sign-agnostic); a refund in credits goes back to the agent's balance, not out of the till.
    auto st = db.prepare(
        "SELECT COALESCE(SUM(CASE WHEN p.kind = 'delivery' AND (p.stripe_id IS NOT NULL OR d.payment_method = "
        "'stripe') THEN p.amount_cents END), 0), "
        "COALESCE(SUM(CASE WHEN p.kind = 'credit_topup' THEN p.amount_cents END), 0), "
        "COALESCE(SUM(CASE WHEN p.kind = 'refund' AND (d.id IS NULL OR d.payment_method = 'stripe') "
        "THEN ABS(p.amount_cents) END), 0) "
        "FROM payments p LEFT JOIN deliveries d ON d.id = p.delivery_id WHERE p.paid_at >= ?1 AND p.paid_at < ?2");
    st.bind_all(from, to);
    st.step();
    const auto delivery_cents = st.get_int64(0), topup_cents = st.get_int64(1), refund_cents = st.get_int64(2);
    return {
        {"date", domain::format_paris(now, "%Y-%m-%d")},
        {"from", domain::format_iso_utc(from)},
        {"to", domain::format_iso_utc(to)},
        {"callsPlaced", calls},
        {"connects", connects},
        {"connectRate", ratio(connects, calls)},
        {"booked", booked},
        {"leadsDelivered", delivered},
        {"collectedCents", delivery_cents + topup_cents - refund_cents},
        {"collected", {{"deliveryCents", delivery_cents}, {"topupCents", topup_cents}, {"refundCents", refund_cents}}}};
}

// Each step counted on its own (a lead can be delivered without a booked slot). A step's
// conversion is taken over the step before when every lead of it is in that step too (a real
// funnel step), else over the created leads, and `conversionOf` says which: never "400 %".
nlohmann::json funnel(db::Database& db, UnixTime from, UnixTime to) {
    auto st = db.prepare(
        std::string("SELECT COUNT(*), COALESCE(SUM(c), 0), COALESCE(SUM(b), 0), COALESCE(SUM(d), 0), "
                    "COALESCE(SUM(w), 0), COALESCE(SUM(b AND NOT c), 0), COALESCE(SUM(d AND NOT b), 0), "
                    "COALESCE(SUM(w AND NOT d), 0) FROM (SELECT l.first_connect_at IS NOT NULL AS c, "
                    "EXISTS (SELECT 1 FROM appointments a WHERE a.lead_id = l.id) AS b, "
                    "EXISTS (SELECT 1 FROM deliveries d WHERE d.lead_id = l.id) AS d, "
                    "EXISTS (SELECT 1 FROM deliveries d WHERE d.lead_id = l.id AND d.accepted_at IS NOT NULL AND "
                    "d.paid_at IS NOT NULL AND NOT ") +
        kRefunded + ") AS w FROM leads l WHERE l.created_at >= ?1 AND l.created_at < ?2)");
    st.bind_all(from, to);
    st.step();
    const std::int64_t created = st.get_int64(0), contacted = st.get_int64(1), booked = st.get_int64(2),
                       delivered = st.get_int64(3), won = st.get_int64(4);
    const bool booked_in_contacted = st.get_int64(5) == 0, delivered_in_booked = st.get_int64(6) == 0,
               won_in_delivered = st.get_int64(7) == 0;
    auto step = [created](std::int64_t n, bool subset, std::int64_t previous) {
        return subset ? ratio(n, previous) : ratio(n, created);
    };
    return {{"created", created},
            {"contacted", contacted},
            {"booked", booked},
            {"delivered", delivered},
            {"won", won},
            {"conversion",
             {{"contacted", ratio(contacted, created)},
              {"booked", step(booked, booked_in_contacted, contacted)},
              {"delivered", step(delivered, delivered_in_booked, booked)},
              {"won", step(won, won_in_delivered, delivered)},
              {"overall", ratio(won, created)}}},
            {"conversionOf",
             {{"contacted", "created"},
              {"booked", booked_in_contacted ? "contacted" : "created"},
              {"delivered", delivered_in_booked ? "booked" : "created"},
              {"won", won_in_delivered ? "delivered" : "created"}}}};
}

nlohmann::json roi_by_source(db::Database& db, UnixTime from, UnixTime to) {
    struct Row {
        std::int64_t leads = 0, lead_cost = 0, manual_cost = 0, paid = 0, refunded = 0;
    };
    std::map<std::string, Row> rows;
    auto st =
        db.prepare(std::string("SELECT l.source, COUNT(*), COALESCE(SUM(l.cost_cents), 0), "
                               "COALESCE(SUM((SELECT SUM(d.price_cents) FROM deliveries d WHERE d.lead_id = l.id AND "
                               "d.paid_at IS NOT NULL)), 0), "
                               "COALESCE(SUM((SELECT SUM(d.price_cents) FROM deliveries d WHERE d.lead_id = l.id AND "
                               "d.paid_at IS NOT NULL AND ") +
                   kRefunded + ")), 0) FROM leads l WHERE l.created_at >= ?1 AND l.created_at < ?2 GROUP BY l.source");
    st.bind_all(from, to);
    while (st.step()) {
        auto& r = rows[st.get_text(0)];
        r.leads = st.get_int64(1);
        r.lead_cost = st.get_int64(2);
        r.paid = st.get_int64(3);
        r.refunded = st.get_int64(4);
    }
    auto costs = db.prepare(
        "SELECT source, SUM(amount_cents) FROM costs WHERE spent_at >= ?1 AND spent_at < ?2 GROUP BY source");
    costs.bind_all(from, to);
    while (costs.step()) rows[costs.get_text(0)].manual_cost = costs.get_int64(1);
    auto out = nlohmann::json::array();
    for (const auto& [source, r] : rows) {
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
    const UnixTime month_from = domain::paris_month_start(now);
    std::map<std::int64_t, std::vector<std::int64_t>> delays;
    {
        auto st = db.prepare(
            "SELECT agent_id, first_call_at - sent_at FROM deliveries WHERE first_call_at IS NOT NULL AND sent_at IS "
            "NOT NULL AND first_call_at >= sent_at ORDER BY agent_id, 2");
        while (st.step()) delays[st.get_int64(0)].push_back(st.get_int64(1));
    }
    auto st = db.prepare(std::string("SELECT u.id, u.username, u.display_name, COUNT(d.id), "
                                     "COALESCE(SUM(d.accepted_at IS NOT NULL), 0), COALESCE(SUM(") +
                         kRefunded + "), 0), COALESCE(SUM(CASE WHEN d.paid_at IS NOT NULL AND NOT " + kRefunded +
                         " THEN d.price_cents END), 0), COALESCE(SUM(CASE WHEN d.paid_at >= ?1 AND NOT " + kRefunded +
                         " THEN d.price_cents END), 0) FROM users u LEFT JOIN deliveries d ON d.agent_id = u.id "
                         "WHERE u.role = 'agent' GROUP BY u.id ORDER BY u.display_name, u.id");
    st.bind(1, month_from);
    auto out = nlohmann::json::array();
    while (st.step()) {
        const auto id = st.get_int64(0);
        domain::AgentMetrics m{st.get_int64(3), st.get_int64(4), st.get_int64(5), {}};
        if (auto it = delays.find(id); it != delays.end()) m.first_call_delays_seconds = it->second;
        // The rates and the median are domain::AgentMetrics' (its to_json writes their keys).
        nlohmann::json row = m;
        row.update({{"agentId", id},
                    {"username", st.get_text(1)},
                    {"name", st.get_text(2)},
                    {"ltvCents", st.get_int64(6)},
                    {"monthCents", st.get_int64(7)}});
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

}  // namespace crm::api
