#include "deliveries/deliveries_repo.hpp"

#include "crm/domain/json.hpp"
#include "crm/domain/personal_data.hpp"
#include "db/iso_json.hpp"

namespace crm::deliveries {

namespace {

const char* const kDeliverySelect =
    "SELECT d.id, d.lead_id, d.agent_id, d.status, d.channel, d.price_cents, d.pricing_json, d.exclusive, "
    "d.payment_method, d.payment_url, d.paid_at, d.sent_at, d.opened_at, d.accepted_at, d.refunded_at, "
    "d.refund_reason, d.refund_requested_at, d.created_at, d.first_call_at, "
    "l.first_name, l.last_name, l.city, l.zip, l.intention, l.timeline_months, l.price_estimate_cents, "
    "a.display_name, d.revoked_at, d.share_expires_at, d.full_contact "
    "FROM deliveries d JOIN leads l ON l.id = d.lead_id JOIN users a ON a.id = d.agent_id ";

// The JSON is domain::Delivery's own (crm/domain/json.hpp), the same code the console reads it with.
domain::Delivery delivery_from_row(const db::Statement& st) {
    domain::Delivery d;
    d.id = st.get_int64(0);
    d.lead_id = st.get_int64(1);
    d.agent_id = st.get_int64(2);
    d.status =
        domain::parse_delivery_status(st.get_text(3)).value_or(domain::DeliveryStatus::sent);  // a CHECKed column
    d.channel = st.get_text(4);
    d.price_cents = st.get_int64(5);
    d.pricing_json = st.get_text(6);
    d.exclusive = st.get_int(7) != 0;
    d.payment_method = st.get_text(8);
    d.payment_url = st.get_opt_text(9);
    d.paid_at = st.get_opt_int64(10);
    d.sent_at = st.get_opt_int64(11);
    d.opened_at = st.get_opt_int64(12);
    d.accepted_at = st.get_opt_int64(13);
    d.refunded_at = st.get_opt_int64(14);
    d.refund_reason = st.get_opt_text(15);
    d.refund_requested_at = st.get_opt_int64(16);
    d.created_at = st.get_int64(17);
    d.first_call_at = st.get_opt_int64(18);
    d.lead = {st.get_int64(1), st.get_text(19), st.get_text(20),      st.get_text(21),
              st.get_text(22), st.get_text(23), st.get_opt_int64(24), st.get_opt_int64(25)};
    d.agent_name = st.get_text(26);
    d.revoked_at = st.get_opt_int64(27);
    d.share_expires_at = st.get_opt_int64(28);
    d.full_contact = st.get_int(29) != 0;
    return d;
}

}  // namespace

nlohmann::json agent_deliveries(db::Database& db, std::int64_t agent_id) {
    auto st = db.prepare(std::string(kDeliverySelect) + "WHERE d.agent_id = ? ORDER BY d.created_at DESC, d.id DESC");
    st.bind(1, agent_id);
    auto out = nlohmann::json::array();
    while (st.step()) {
        auto d = delivery_from_row(st);
        if (!d.contact_revealed()) d.lead.last_name = domain::surname_initial(d.lead.last_name);
        out.push_back(d);
    }
    return out;
}

std::optional<nlohmann::json> find_delivery(db::Database& db, std::int64_t id) {
    auto st = db.prepare(std::string(kDeliverySelect) + "WHERE d.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return nlohmann::json(delivery_from_row(st));
}

nlohmann::json list_deliveries(db::Database& db, const DeliveryFilter& f) {
    std::string where = "WHERE 1=1";
    if (f.status) where += " AND d.status = ?1";
    if (f.agent_id) where += " AND d.agent_id = ?2";
    if (f.lead_id) where += " AND d.lead_id = ?3";
    auto st = db.prepare(std::string(kDeliverySelect) + where + " ORDER BY d.created_at DESC, d.id DESC LIMIT ?4");
    if (f.status) st.bind(1, *f.status);
    if (f.agent_id) st.bind(2, *f.agent_id);
    if (f.lead_id) st.bind(3, *f.lead_id);
    st.bind(4, static_cast<std::int64_t>(f.limit));
    auto out = nlohmann::json::array();
    while (st.step()) out.push_back(delivery_from_row(st));
    return out;
}

namespace {
const char* const kRowSelect =
    "SELECT id, lead_id, agent_id, price_cents, status, payment_method, paid_at, channel, exclusive, revoked_at, "
    "share_expires_at, payment_url, full_contact, created_at FROM deliveries ";
DeliveryRow row_from(const db::Statement& st) {
    return DeliveryRow{st.get_int64(0),     st.get_int64(1),     st.get_int64(2),      st.get_int64(3),
                       st.get_text(4),      st.get_text(5),      st.get_opt_int64(6),  st.get_text(7),
                       st.get_int(8) != 0,  st.get_opt_int64(9), st.get_opt_int64(10), st.get_opt_text(11),
                       st.get_int(12) != 0, st.get_int64(13)};
}
}  // namespace

domain::DeliveryStatus DeliveryRow::delivery_status() const {
    return domain::parse_delivery_status(status).value_or(domain::DeliveryStatus::sent);  // a CHECKed column
}

bool DeliveryRow::contact_revealed() const {
    return domain::contact_revealed(full_contact, status == "accepted", paid_at.has_value());
}

std::map<std::int64_t, DeliveryRow> live_deliveries_of_agent(db::Database& db, std::int64_t agent_id,
                                                             std::optional<std::int64_t> lead_id) {
    auto st =
        db.prepare(std::string(kRowSelect) +
                   "WHERE agent_id = ?1 AND status <> 'refunded' AND (CAST(?2 AS BIGINT) IS NULL OR lead_id = ?2) "
                   "ORDER BY created_at, id");
    st.bind(1, agent_id);
    st.bind(2, lead_id);
    std::map<std::int64_t, DeliveryRow> out;
    while (st.step()) {
        auto d = row_from(st);
        out.insert_or_assign(d.lead_id, std::move(d));  // ordered by time: the newest stays
    }
    return out;
}

std::optional<DeliveryRow> live_delivery_of_agent(db::Database& db, std::int64_t agent_id, std::int64_t lead_id) {
    auto live = live_deliveries_of_agent(db, agent_id, lead_id);
    if (live.empty()) return std::nullopt;
    return std::move(live.begin()->second);
}

std::vector<DeliveryOfLead> awaiting_first_call(db::Database& db, std::int64_t sent_before) {
    auto st = db.prepare(
        "SELECT id, lead_id FROM deliveries WHERE first_call_at IS NULL AND status IN "
        "('sent', 'opened', 'accepted') AND sent_at <= ?");
    st.bind(1, sent_before);
    std::vector<DeliveryOfLead> out;
    while (st.step()) out.push_back({st.get_int64(0), st.get_int64(1)});
    return out;
}

std::int64_t refunded_cents(db::Database& db, std::int64_t delivery_id) {
    auto st =
        db.prepare("SELECT COALESCE(-SUM(amount_cents), 0) FROM payments WHERE delivery_id = ? AND kind = 'refund'");
    st.bind(1, delivery_id);
    st.step();
    return st.get_int64(0);
}

std::optional<DeliveryRow> delivery_row(db::Database& db, std::int64_t id) {
    auto st = db.prepare(std::string(kRowSelect) + "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return row_from(st);
}

std::optional<DeliveryRow> delivery_by_token_hash(db::Database& db, const std::string& token_hash) {
    auto st = db.prepare(std::string(kRowSelect) + "WHERE share_token_hash = ?");
    st.bind(1, token_hash);
    if (!st.step()) return std::nullopt;
    return row_from(st);
}

std::int64_t credit_balance(db::Database& db, std::int64_t agent_id) {
    auto st = db.prepare("SELECT credits_cents FROM users WHERE id = ?");
    st.bind(1, agent_id);
    return st.step() ? st.get_int64(0) : 0;
}

nlohmann::json credit_ledger(db::Database& db, std::int64_t agent_id) {
    auto st = db.prepare(
        "SELECT id, amount_cents, kind, note, delivery_id, created_at FROM credit_ledger WHERE agent_id = ? "
        "ORDER BY created_at DESC, id DESC");
    st.bind(1, agent_id);
    auto out = nlohmann::json::array();
    while (st.step())
        out.push_back({{"id", st.get_int64(0)},
                       {"amountCents", st.get_int64(1)},
                       {"kind", st.get_text(2)},
                       {"note", st.get_text(3)},
                       {"deliveryId", st.is_null(4) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(4))},
                       {"createdAt", db::iso_or_null(st.get_opt_int64(5))}});
    return out;
}

void add_credit_movement(db::Database& db, std::int64_t agent_id, std::int64_t amount_cents, const std::string& kind,
                         const std::string& note, std::optional<std::int64_t> delivery_id, std::int64_t now) {
    db.prepare(
          "INSERT INTO credit_ledger(agent_id, amount_cents, kind, note, delivery_id, created_at) VALUES (?,?,?,?,?,?)")
        .bind_all(agent_id, amount_cents, kind, note, delivery_id, now)
        .run();
    db.prepare("UPDATE users SET credits_cents = credits_cents + ? WHERE id = ?")
        .bind_all(amount_cents, agent_id)
        .run();
}

std::int64_t insert_delivery_row(db::Database& db, const NewDeliveryRow& n, std::int64_t now) {
    return db
        .prepare(
            "INSERT INTO deliveries(lead_id, agent_id, status, channel, price_cents, pricing_json, exclusive, "
            "payment_method, full_contact, sent_at, created_at) VALUES (?,?,'sent',?,?,?,?,?,?,?,?) RETURNING id")
        .bind_all(n.lead_id, n.agent_id, n.channel, n.price_cents, n.pricing_json, n.exclusive, n.payment_method,
                  n.full_contact, now, now)
        .run_returning_id();
}

OpenDeliveries open_deliveries_of_lead(db::Database& db, std::int64_t lead_id, std::int64_t agent_id) {
    auto st = db.prepare(
        "SELECT COUNT(*), COALESCE(MAX(exclusive), 0), COALESCE(SUM(CAST(agent_id = ? AS INTEGER)), 0) FROM deliveries "
        "WHERE lead_id = ? AND status <> 'refunded'");
    st.bind_all(agent_id, lead_id);
    st.step();
    return {st.get_int64(0), st.get_int64(1) > 0, st.get_int64(2) > 0};
}

void mark_resent(db::Database& db, std::int64_t id, const std::string& channel, std::int64_t now) {
    db.prepare("UPDATE deliveries SET channel = ?, sent_at = ? WHERE id = ?").bind_all(channel, now, id).run();
}

bool mark_opened(db::Database& db, std::int64_t id, std::int64_t now) {
    db.prepare(
          "UPDATE deliveries SET opened_at = ?, status = CASE WHEN status = 'sent' THEN 'opened' ELSE status END "
          "WHERE id = ? AND opened_at IS NULL")
        .bind_all(now, id)
        .run();
    return db.changes() > 0;
}

void mark_accepted(db::Database& db, std::int64_t id, bool charged, std::int64_t now) {
    db.prepare(
          "UPDATE deliveries SET status = 'accepted', accepted_at = ?, opened_at = COALESCE(opened_at, ?), "
          "paid_at = CASE WHEN ? = 1 THEN ? ELSE paid_at END WHERE id = ?")
        .bind_all(now, now, charged, now, id)
        .run();
}

void mark_paid(db::Database& db, std::int64_t id, std::int64_t now) {
    db.prepare("UPDATE deliveries SET paid_at = ? WHERE id = ?").bind_all(now, id).run();
}

void mark_refunded(db::Database& db, std::int64_t id, const std::string& reason, std::int64_t now) {
    db.prepare(
          "UPDATE deliveries SET status = 'refunded', refunded_at = ?, refund_reason = ?, revoked_at = ? WHERE id = ?")
        .bind_all(now, reason, now, id)
        .run();
}

void mark_refund_requested(db::Database& db, std::int64_t id, const std::string& reason, std::int64_t now) {
    db.prepare("UPDATE deliveries SET refund_requested_at = ?, refund_reason = ? WHERE id = ?")
        .bind_all(now, reason, id)
        .run();
}

void mark_first_call(db::Database& db, std::int64_t lead_id, std::int64_t agent_id, std::int64_t now) {
    db.prepare("UPDATE deliveries SET first_call_at = ? WHERE lead_id = ? AND agent_id = ? AND first_call_at IS NULL")
        .bind_all(now, lead_id, agent_id)
        .run();
}

void set_payment_url(db::Database& db, std::int64_t id, const std::string& url, bool only_if_missing) {
    db.prepare(only_if_missing ? "UPDATE deliveries SET payment_url = ? WHERE id = ? AND payment_url IS NULL"
                               : "UPDATE deliveries SET payment_url = ? WHERE id = ?")
        .bind_all(url, id)
        .run();
}

void store_share_link(db::Database& db, std::int64_t id, const std::string& token_hash, std::int64_t expires_at,
                      const std::optional<std::string>& nonce) {
    db.prepare("UPDATE deliveries SET share_token_hash = ?, share_expires_at = ?, share_link_nonce = ? WHERE id = ?")
        .bind_all(token_hash, expires_at, nonce, id)
        .run();
}

std::optional<std::string> share_token_hash(db::Database& db, std::int64_t id) {
    auto st = db.prepare("SELECT share_token_hash FROM deliveries WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return st.get_opt_text(0);
}

std::optional<StoredShareLink> live_share_link(db::Database& db, std::int64_t id, std::int64_t now) {
    auto st = db.prepare(
        "SELECT share_token_hash, share_link_nonce FROM deliveries WHERE id = ? AND share_token_hash IS NOT NULL AND "
        "revoked_at IS NULL AND status <> 'refunded' AND (share_expires_at IS NULL OR share_expires_at > ?)");
    st.bind_all(id, now);
    if (!st.step()) return std::nullopt;
    return StoredShareLink{st.get_text(0), st.get_opt_text(1)};
}

void record_payment(db::Database& db, const NewPayment& p, std::int64_t now) {
    db.prepare(
          "INSERT INTO payments(agent_id, delivery_id, amount_cents, currency, paid_at, stripe_id, "
          "stripe_payment_intent, kind) VALUES (?,?,?,'EUR',?,?,?,?)")
        .bind_all(p.agent_id, p.delivery_id, p.amount_cents, now, p.stripe_id, p.stripe_payment_intent, p.kind)
        .run();
}

bool payment_recorded(db::Database& db, const std::string& stripe_id) {
    auto st = db.prepare("SELECT 1 FROM payments WHERE stripe_id = ?");
    st.bind(1, stripe_id);
    return st.step();
}

std::optional<StripePayment> payment_by_intent(db::Database& db, const std::string& intent) {
    auto st = db.prepare(
        "SELECT agent_id, delivery_id, amount_cents FROM payments WHERE stripe_payment_intent = ? "
        "AND kind IN ('delivery', 'credit_topup') ORDER BY id LIMIT 1");
    st.bind(1, intent);
    if (!st.step()) return std::nullopt;
    return StripePayment{st.get_int64(0), st.get_opt_int64(1), st.get_int64(2)};
}

std::int64_t refunded_cents_by_intent(db::Database& db, const std::string& intent) {
    auto st = db.prepare(
        "SELECT COALESCE(-SUM(amount_cents), 0) FROM payments WHERE stripe_payment_intent = ? AND kind = 'refund'");
    st.bind(1, intent);
    st.step();
    return st.get_int64(0);
}

bool record_stripe_event(db::Database& db, const std::string& id, const std::string& type, std::int64_t now) {
    db.prepare("INSERT INTO stripe_events(id, type, received_at) VALUES (?,?,?) ON CONFLICT(id) DO NOTHING")
        .bind_all(id, type, now)
        .run();
    return db.changes() > 0;
}

}  // namespace crm::deliveries
