#include "deliveries/delivery_actions.hpp"

#include "appointments/agent_invitations.hpp"
#include "audit/audit_repo.hpp"
#include "auth/passwords.hpp"
#include "automation/jobs_repo.hpp"
#include "core/services.hpp"
#include "crm/domain/pricing.hpp"
#include "crm/domain/validation.hpp"
#include "deliveries/package_repo.hpp"
#include "deliveries/share_link_key.hpp"
#include "http/errors.hpp"
#include "integrations/curl_util.hpp"
#include "leads/leads_repo.hpp"
#include "messages/messages_repo.hpp"
#include "notifications/notifications_repo.hpp"

namespace crm::deliveries {

using namespace crm::http;

Response package_pdf_response(const Request& req, const PackageView& view) {
    Response res{bhttp::status::ok, req.version()};
    res.set(bhttp::field::content_type, "application/pdf");
    res.set(bhttp::field::content_disposition,
            "inline; filename=\"lead-" + std::to_string(view.package.delivery_id) + ".pdf\"");
    res.set(bhttp::field::cache_control, "no-store");
    res.keep_alive(req.keep_alive());
    res.body() = render_lead_package_pdf(view.package);
    res.prepare_payload();
    return res;
}

ShareLink share_link_for(Services& app, const std::string& token) {
    ShareLink link;
    link.token = token;
    link.share_url = app.public_url() + "/p/" + link.token;
    link.pdf_url = link.share_url + "/pdf";
    return link;
}

ShareLink issue_share_link(db::Database& db, Services& app, std::int64_t delivery_id, std::int64_t now) {
    // 128 bits derived from a fresh nonce under the server's key (share_link_key.hpp), so the
    // same link can be shown again; without a key, 128 random bits that cannot.
    const auto& key = share_link_key(app);
    const std::optional<std::string> nonce = key.empty() ? std::nullopt : std::optional(auth::random_token(16));
    const auto token = nonce ? derive_share_token(key, delivery_id, *nonce) : auth::random_token(16);
    store_share_link(db, delivery_id, auth::sha256_hex(token),
                     static_cast<std::int64_t>(now + app.config().share_link_days * 86400LL), nonce);
    return share_link_for(app, token);
}

std::optional<ShareLink> current_share_link(db::Database& db, Services& app, std::int64_t delivery_id,
                                            std::int64_t now) {
    const auto stored = live_share_link(db, delivery_id, now);
    if (!stored || !stored->nonce) return std::nullopt;
    const auto& key = share_link_key(app);
    if (key.empty()) return std::nullopt;
    const auto token = derive_share_token(key, delivery_id, *stored->nonce);
    if (auth::sha256_hex(token) != stored->token_hash) return std::nullopt;  // the key changed since
    return share_link_for(app, token);
}

std::optional<std::string> send_package(db::Database& db, Services& app, std::int64_t delivery_id,
                                        const std::string& channel, const ShareLink& link, std::int64_t now) {
    if (channel == "link") return std::nullopt;
    auto view = load_package(db, delivery_id, now);
    if (!view) throw not_found("Livraison introuvable.");
    const auto lead = view->lead_id;
    if (channel == "email") {
        if (view->agent_email.empty()) throw validation({{"channel", "cet agent n'a pas d'adresse e-mail"}});
        // The token rides in the job until the e-mail is sent, then the runner removes it.
        automation::NewJob job;
        job.lead_id = lead;
        job.kind = domain::JobKind::send_package;
        job.payload = {{"deliveryId", delivery_id}, {"shareUrl", link.share_url}};
        job.due_at = now;
        job.idempotency_key =
            "package:" + std::to_string(delivery_id) + ":" + auth::sha256_hex(link.token).substr(0, 16);
        automation::enqueue(db, job, now);
        return std::nullopt;
    }
    // WhatsApp: click-to-chat to the agent's mobile, logged like any message (link masked).
    const auto e164 = domain::normalize_phone(view->agent_phone_e164);
    if (!e164) throw validation({{"channel", "cet agent n'a pas de numéro de mobile valide"}});
    const std::string text = "Nouveau lead : " + view->package.full_name + " (" + view->package.city_area + "), " +
                             view->package.price + ". Fiche et bouton Accepter : ";
    messages::add_prepared_whatsapp(db, lead, *e164, text + app.public_url() + "/p/…", now);
    return "https://wa.me/" + e164->substr(1) + "?text=" + integrations::url_escape(text + link.share_url);
}

void mark_lead_sold_when_it_sells(db::Database& db, std::int64_t lead_id, domain::DeliveryStatus status, bool paid,
                                  std::int64_t now) {
    if (domain::delivery_sells_lead(status, paid)) leads::mark_sold(db, lead_id, now);
}

void accept_delivery(db::Database& db, const DeliveryRow& d, std::optional<std::int64_t> actor, std::int64_t now) {
    if (d.status == "refunded") throw conflict("refunded", "Cette livraison a été remboursée.");
    if (d.status == "accepted") return;
    const bool charge = d.payment_method == "credits" && !d.paid_at;
    if (charge) {
        const auto balance = credit_balance(db, d.agent_id);
        if (balance < d.price_cents)
            throw conflict("insufficient_credits", "Crédit insuffisant pour accepter ce lead.",
                           {{"balanceCents", balance}, {"priceCents", d.price_cents}});
        add_credit_movement(db, d.agent_id, -d.price_cents, "delivery", "Lead #" + std::to_string(d.lead_id), d.id,
                            now);
        record_payment(db, {d.agent_id, d.id, d.price_cents, "delivery", std::nullopt, std::nullopt}, now);
    }
    mark_accepted(db, d.id, charge, now);
    mark_lead_sold_when_it_sells(db, d.lead_id, domain::DeliveryStatus::accepted, /*paid=*/charge || d.paid_at, now);
    audit(db, actor, "delivery.accept", "delivery", d.id, {{"status", d.status}},
          {{"status", "accepted"}, {"charged", charge}}, now);
}

void refund_delivery(db::Database& db, const DeliveryRow& d, const std::string& reason,
                     std::optional<std::int64_t> actor, std::int64_t now, bool keep_lead_stage) {
    if (d.status == "refunded") throw conflict("refunded", "Cette livraison est déjà remboursée.");
    if (d.paid_at) {
        if (d.payment_method == "credits")
            add_credit_movement(db, d.agent_id, d.price_cents, "refund",
                                "Remboursement lead #" + std::to_string(d.lead_id), d.id, now);
        // A card payment is recorded as refunded here; the money goes back from Stripe's dashboard.
        // Whatever Stripe already reported as given back (charge.refunded) is not counted twice.
        const auto owed = d.price_cents - refunded_cents(db, d.id);
        if (owed > 0) record_payment(db, {d.agent_id, d.id, -owed, "refund", std::nullopt, std::nullopt}, now);
    }
    mark_refunded(db, d.id, reason, now);
    notifications::resolve_delivery_notifications(db, d.id, now);
    appointments::withdraw_agent_invitation(db, d.lead_id, d.agent_id, now);  // a CANCEL to the agent's calendar
    if (!keep_lead_stage) leads::mark_refunded_bad(db, d.lead_id, now);
    audit(db, actor, "delivery.refund", "delivery", d.id, {{"status", d.status}},
          {{"status", "refunded"}, {"reason", reason}, {"paid", d.paid_at.has_value()}}, now);
}

}  // namespace crm::deliveries
