#include "deliveries/stripe_events.hpp"

#include <algorithm>
#include <optional>

#include "agents/agents_repo.hpp"
#include "audit/audit_repo.hpp"
#include "crm/domain/pricing.hpp"
#include "deliveries/deliveries_repo.hpp"
#include "deliveries/delivery_actions.hpp"
#include "notifications/notifications_repo.hpp"

namespace crm::deliveries {

namespace {

using nlohmann::json;

std::optional<std::int64_t> reference_id(const std::string& ref, const std::string& prefix) {
    if (ref.rfind(prefix, 0) != 0) return std::nullopt;
    const auto digits = ref.substr(prefix.size());
    if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoll(digits);
}

std::string text_field(const json& o, const char* key) {
    return o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : "";
}

std::optional<std::int64_t> cents_field(const json& o, const char* key) {
    if (!o.contains(key) || !o[key].is_number_integer()) return std::nullopt;
    const auto v = o[key].get<std::int64_t>();
    return v >= 0 ? std::optional<std::int64_t>(v) : std::nullopt;
}

std::string ascii_lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The facts of a Checkout Session that decide what it pays.
struct Session {
    std::string id, reference, payment_status, currency, payment_intent;
    std::optional<std::int64_t> amount_total;
    Session(const json& o, const std::string& event_id)
        : id(text_field(o, "id").empty() ? event_id : text_field(o, "id")),
          reference(text_field(o, "client_reference_id")),
          payment_status(text_field(o, "payment_status")),
          currency(ascii_lower(text_field(o, "currency"))),
          payment_intent(text_field(o, "payment_intent")),
          amount_total(cents_field(o, "amount_total")) {}
    std::optional<std::string> intent() const {
        return payment_intent.empty() ? std::nullopt : std::optional<std::string>(payment_intent);
    }
};

// Nothing changes; the operator is told why, with Reassign / Refund when a live delivery is concerned.
json mismatch(db::Database& db, const std::optional<DeliveryRow>& d, const std::string& session_id,
              const std::string& reason, std::int64_t now) {
    const std::string what = d ? "la livraison n° " + std::to_string(d->id) : "un paiement Stripe";
    notifications::NewNotification n{"payment_mismatch",
                                     std::nullopt,
                                     std::nullopt,
                                     "Paiement Stripe non appliqué à " + what + " : " + reason + ".",
                                     {}};
    if (d) {
        n.lead_id = d->lead_id;
        n.delivery_id = d->id;
        if (d->status != "refunded") n.actions = {"reassign", "refund"};
    }
    notifications::add_notification(db, n, now);
    audit(db, std::nullopt, "payment.mismatch", d ? "delivery" : "payment",
          d ? std::optional<std::int64_t>(d->id) : std::nullopt, nullptr,
          {{"stripeId", session_id}, {"reason", reason}}, now);
    json out = {{"mismatch", reason}};
    if (d) out["deliveryId"] = d->id;
    return out;
}

// A session not paid yet: an async method (SEPA debit) completes `unpaid` and reports later.
bool awaiting_async(const std::string& type, const Session& s) {
    return type == "checkout.session.completed" && s.payment_status == "unpaid";
}

// Why a session does not pay this delivery, or "" when it does.
std::string delivery_payment_problem(const Session& s, const DeliveryRow& d) {
    if (d.payment_method != "stripe") return "la livraison se règle en crédits, pas par carte";
    if (s.payment_status != "paid") return "statut « " + s.payment_status + " » et non « paid »";
    if (s.currency != "eur") return "devise « " + s.currency + " » au lieu de « eur »";
    if (!s.amount_total || *s.amount_total < d.price_cents)
        return domain::format_euros(s.amount_total.value_or(0)) + " payés pour un prix de " +
               domain::format_euros(d.price_cents);
    if (d.status == "refunded") return "la livraison est déjà remboursée (à rembourser dans Stripe)";
    if (d.paid_at) return "la livraison était déjà payée (à rembourser dans Stripe)";
    return "";
}

json pay_delivery(db::Database& db, const std::string& type, const Session& s, std::int64_t delivery_id,
                  std::int64_t now) {
    const auto d = delivery_row(db, delivery_id);
    if (!d) return mismatch(db, std::nullopt, s.id, "livraison n° " + std::to_string(delivery_id) + " inconnue", now);
    if (payment_recorded(db, s.id)) return {{"deliveryId", d->id}, {"alreadyApplied", true}};
    if (awaiting_async(type, s)) {
        audit(db, std::nullopt, "delivery.payment_pending", "delivery", d->id, nullptr, {{"stripeId", s.id}}, now);
        return {{"deliveryId", d->id}, {"pending", true}};
    }
    if (const auto problem = delivery_payment_problem(s, *d); !problem.empty())
        return mismatch(db, d, s.id, problem, now);
    mark_paid(db, d->id, now);
    record_payment(db, {d->agent_id, d->id, *s.amount_total, "delivery", s.id, s.intent()}, now);
    mark_lead_sold_when_it_sells(db, d->lead_id, d->delivery_status(), /*paid=*/true, now);
    audit(db, std::nullopt, "delivery.paid", "delivery", d->id, nullptr,
          {{"stripeId", s.id}, {"amountCents", *s.amount_total}}, now);
    return {{"deliveryId", d->id}, {"paidCents", *s.amount_total}};
}

json top_up(db::Database& db, const std::string& type, const Session& s, std::int64_t agent_id, std::int64_t now) {
    const std::string who = "la recharge de l'agent n° " + std::to_string(agent_id);
    if (!agents::find_agent(db, agent_id)) return mismatch(db, std::nullopt, s.id, who + " (agent inconnu)", now);
    if (payment_recorded(db, s.id)) return {{"agentId", agent_id}, {"alreadyApplied", true}};
    if (awaiting_async(type, s)) return {{"agentId", agent_id}, {"pending", true}};
    if (s.payment_status != "paid" || s.currency != "eur" || !s.amount_total || *s.amount_total <= 0)
        return mismatch(db, std::nullopt, s.id,
                        who + " : statut « " + s.payment_status + " », devise « " + s.currency + " », montant " +
                            std::to_string(s.amount_total.value_or(0)) + " centimes",
                        now);
    record_payment(db, {agent_id, std::nullopt, *s.amount_total, "credit_topup", s.id, s.intent()}, now);
    add_credit_movement(db, agent_id, *s.amount_total, "topup", "Recharge Stripe", std::nullopt, now);
    return {{"agentId", agent_id}, {"creditedCents", *s.amount_total}};
}

json session_event(db::Database& db, const std::string& type, const Session& s, std::int64_t now) {
    const auto delivery_id = reference_id(s.reference, "delivery:");
    const auto agent_id = reference_id(s.reference, "topup:");
    if (type == "checkout.session.async_payment_failed") {
        if (delivery_id) return mismatch(db, delivery_row(db, *delivery_id), s.id, "le paiement différé a échoué", now);
        if (agent_id)
            return mismatch(db, std::nullopt, s.id,
                            "la recharge de l'agent n° " + std::to_string(*agent_id) + " a échoué", now);
        return nullptr;
    }
    if (delivery_id) return pay_delivery(db, type, s, *delivery_id, now);
    if (agent_id) return top_up(db, type, s, *agent_id, now);
    return nullptr;  // a session of another product on the same Stripe account
}

// A refund made in Stripe's dashboard. `amount_refunded` is the charge's running total, so
// only the part not recorded yet becomes a refund payment (cash out on the dashboard); the
// operator's own refund of the delivery, recorded earlier, counts as recorded.
json charge_refunded(db::Database& db, const json& charge, std::int64_t now) {
    const auto intent = text_field(charge, "payment_intent");
    const auto total = cents_field(charge, "amount_refunded");
    if (intent.empty() || !total) return nullptr;
    const auto payment = payment_by_intent(db, intent);
    if (!payment) return {{"ignored", "paiement inconnu"}};
    const auto agent_id = payment->agent_id;
    const auto delivery_id = payment->delivery_id;
    const auto paid = payment->amount_cents;
    const auto refunded = std::min(*total, paid);

    const std::int64_t recorded = delivery_id ? refunded_cents(db, *delivery_id) : refunded_cents_by_intent(db, intent);
    const auto delta = refunded - recorded;
    if (delta > 0) {
        record_payment(
            db,
            {agent_id, delivery_id, -delta, "refund", text_field(charge, "id") + ":" + std::to_string(*total), intent},
            now);
        // A top-up given back takes its credits back (the balance may go below zero).
        if (!delivery_id)
            add_credit_movement(db, agent_id, -delta, "adjustment", "Recharge remboursée dans Stripe", std::nullopt,
                                now);
    }
    json out = {{"agentId", agent_id}, {"refundedCents", std::max<std::int64_t>(delta, 0)}};
    if (!delivery_id) return out;

    out["deliveryId"] = *delivery_id;
    const auto d = delivery_row(db, *delivery_id);
    if (d && d->status != "refunded") {
        if (refunded >= paid) {
            refund_delivery(db, *d, "Remboursé dans Stripe", std::nullopt, now);
        } else if (delta > 0) {
            notifications::add_notification(
                db,
                {"payment_mismatch",
                 d->lead_id,
                 d->id,
                 "Remboursement partiel dans Stripe sur la livraison n° " + std::to_string(d->id) + " : " +
                     domain::format_euros(refunded) + " sur " + domain::format_euros(paid) + ".",
                 {"refund"}},
                now);
        }
    }
    audit(db, std::nullopt, "delivery.stripe_refund", "delivery", *delivery_id, nullptr,
          {{"refundedCents", refunded}, {"recordedCents", std::max<std::int64_t>(delta, 0)}}, now);
    return out;
}

}  // namespace

json apply_stripe_event(db::Database& db, const std::string& event_id, const std::string& type, const json& object,
                        std::int64_t now) {
    if (!object.is_object()) return nullptr;
    if (type == "checkout.session.completed" || type == "checkout.session.async_payment_succeeded" ||
        type == "checkout.session.async_payment_failed")
        return session_event(db, type, Session(object, event_id), now);
    if (type == "charge.refunded") return charge_refunded(db, object, now);
    return nullptr;
}

}  // namespace crm::deliveries
