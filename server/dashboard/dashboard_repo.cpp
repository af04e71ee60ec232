// Dashboard figures, each from one indexed query (or a few); see docs/PERFORMANCE.md for the
// timing on 100k leads and 1M interactions.
#include "dashboard/dashboard_repo.hpp"

#include "crm/domain/time.hpp"
#include "deliveries/deliveries_repo.hpp"

namespace crm::dashboard {

namespace {

using deliveries::kRefundedDeliverySql;

// Calls placed by the operator side (operator and admin accounts), not the agents' own calls.
constexpr const char* kOperatorCalls =
    "kind = 'call' AND user_id IN (SELECT id FROM users WHERE role IN ('operator', 'admin'))";

// A connect is a call where someone picked up: answered, and also booked or not a seller
// (both can only be said by a person on the line).
constexpr const char* kConnect = "outcome IN ('answered', 'booked', 'not_seller')";

constexpr const char* kCostColumns = "id, source, amount_cents, spent_at, note, created_by, created_at";

nlohmann::json cost_json(const db::Statement& st) {
    return {{"id", st.get_int64(0)},
            {"source", st.get_text(1)},
            {"amountCents", st.get_int64(2)},
            {"spentAt", domain::format_iso_utc(st.get_int64(3))},
            {"note", st.get_text(4)},
            {"createdBy", st.is_null(5) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(5))},
            {"createdAt", domain::format_iso_utc(st.get_int64(6))}};
}

}  // namespace

PeriodTotals period_totals(db::Database& db, std::int64_t from, std::int64_t to) {
    PeriodTotals t;
    {
        auto st = db.prepare(std::string("SELECT COUNT(*), COALESCE(SUM(CAST(") + kConnect +
                             " AS INTEGER)), 0) FROM interactions WHERE timestamp >= ?1 AND timestamp < ?2 AND " +
                             kOperatorCalls);
        st.bind_all(from, to);
        st.step();
        t.calls = st.get_int64(0);
        t.connects = st.get_int64(1);
    }
    auto count = [&db, from, to](const char* sql) {
        auto st = db.prepare(sql);
        st.bind_all(from, to);
        st.step();
        return st.get_int64(0);
    };
    t.booked = count("SELECT COUNT(*) FROM appointments WHERE created_at >= ?1 AND created_at < ?2");
    t.delivered = count("SELECT COUNT(*) FROM deliveries WHERE created_at >= ?1 AND created_at < ?2");
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
    t.delivery_cents = st.get_int64(0);
    t.topup_cents = st.get_int64(1);
    t.refund_cents = st.get_int64(2);
    return t;
}

FunnelCounts funnel_counts(db::Database& db, std::int64_t from, std::int64_t to) {
    auto st = db.prepare(
        std::string(  // Each flag is a boolean (PostgreSQL) or 0/1 (SQLite): summed as integers on both.
            "SELECT COUNT(*), COALESCE(SUM(CAST(c AS INTEGER)), 0), COALESCE(SUM(CAST(b AS INTEGER)), 0), "
            "COALESCE(SUM(CAST(d AS INTEGER)), 0), COALESCE(SUM(CAST(w AS INTEGER)), 0), "
            "COALESCE(SUM(CAST(b AND NOT c AS INTEGER)), 0), COALESCE(SUM(CAST(d AND NOT b AS INTEGER)), 0), "
            "COALESCE(SUM(CAST(w AND NOT d AS INTEGER)), 0) FROM (SELECT l.first_connect_at IS NOT NULL AS c, "
            "EXISTS (SELECT 1 FROM appointments a WHERE a.lead_id = l.id) AS b, "
            "EXISTS (SELECT 1 FROM deliveries d WHERE d.lead_id = l.id) AS d, "
            "EXISTS (SELECT 1 FROM deliveries d WHERE d.lead_id = l.id AND d.accepted_at IS NOT NULL AND "
            "d.paid_at IS NOT NULL AND NOT ") +
        kRefundedDeliverySql + ") AS w FROM leads l WHERE l.created_at >= ?1 AND l.created_at < ?2) AS flags");
    st.bind_all(from, to);
    st.step();
    FunnelCounts f;
    f.created = st.get_int64(0);
    f.contacted = st.get_int64(1);
    f.booked = st.get_int64(2);
    f.delivered = st.get_int64(3);
    f.won = st.get_int64(4);
    f.booked_in_contacted = st.get_int64(5) == 0;
    f.delivered_in_booked = st.get_int64(6) == 0;
    f.won_in_delivered = st.get_int64(7) == 0;
    return f;
}

std::map<std::string, SourceFigures> source_figures(db::Database& db, std::int64_t from, std::int64_t to) {
    std::map<std::string, SourceFigures> rows;
    auto st = db.prepare(
        std::string("SELECT l.source, COUNT(*), COALESCE(SUM(l.cost_cents), 0), "
                    "COALESCE(SUM((SELECT SUM(d.price_cents) FROM deliveries d WHERE d.lead_id = l.id AND "
                    "d.paid_at IS NOT NULL)), 0), "
                    "COALESCE(SUM((SELECT SUM(d.price_cents) FROM deliveries d WHERE d.lead_id = l.id AND "
                    "d.paid_at IS NOT NULL AND ") +
        kRefundedDeliverySql + ")), 0) FROM leads l WHERE l.created_at >= ?1 AND l.created_at < ?2 GROUP BY l.source");
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
    return rows;
}

CostList recent_costs(db::Database& db, const std::optional<std::string>& source, int limit) {
    std::string sql = std::string("SELECT ") + kCostColumns + " FROM costs";
    if (source) sql += " WHERE source = ?1";
    sql += " ORDER BY spent_at DESC, id DESC LIMIT ?2";
    auto st = db.prepare(sql);
    if (source) st.bind(1, *source);
    st.bind(2, limit);
    CostList out;
    while (st.step()) {
        out.items.push_back(cost_json(st));
        out.total_cents += st.get_int64(2);
    }
    return out;
}

std::int64_t insert_cost(db::Database& db, const NewCost& c, std::int64_t created_by, std::int64_t now) {
    return db
        .prepare(
            "INSERT INTO costs(source, amount_cents, spent_at, note, created_by, created_at) VALUES (?,?,?,?,?,?) "
            "RETURNING id")
        .bind_all(c.source, c.amount_cents, c.spent_at, c.note, created_by, now)
        .run_returning_id();
}

std::optional<nlohmann::json> find_cost(db::Database& db, std::int64_t id) {
    auto st = db.prepare(std::string("SELECT ") + kCostColumns + " FROM costs WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return cost_json(st);
}

}  // namespace crm::dashboard
