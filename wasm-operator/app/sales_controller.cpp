#include "app/sales_controller.hpp"

#include <algorithm>

#include "app/browser.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/pricing.hpp"

namespace crm::console {

void SalesController::load_agents() {
    api_.get("/api/agents", [this](const ApiResult& r) {
        auto j = r.json();
        if (!r.ok() || !j.is_object() || !j.contains("items")) return;
        agents_.clear();
        for (const auto& a : j["items"])
            if (a.is_object() && a.contains("id"))
                agents_.push_back({a.value("id", 0LL), a.value("displayName", a.value("username", std::string()))});
    });
}

void SalesController::refresh_lead(std::int64_t id) {
    api_.get("/api/leads/" + std::to_string(id), [this](const ApiResult& r) {
        if (!r.ok()) return;
        try {
            state_.upsert_lead(r.json().get<domain::Lead>());
        } catch (const std::exception&) {
        }
    });
}

void SalesController::move_stage(std::int64_t lead_id, domain::Stage stage) {
    const std::string label = domain::stage_label_fr(stage);
    const auto& leads = state_.leads();
    const auto it = std::find_if(leads.begin(), leads.end(), [&](const domain::Lead& l) { return l.id == lead_id; });
    if (it == leads.end()) return;
    auto op = sync_.new_op(*it, "/api/leads/" + std::to_string(lead_id) + "/stage",
                           {{"stage", domain::to_string(stage)}}, "Étape → " + label);
    op.expected->stage = stage;  // what the board shows at once, online or not
    sync_.submit(std::move(op), [this, label](const ApiResult& r) {
        if (!r.ok()) {
            state_.sales.message = "Déplacement refusé : " + r.error_message();
            return;
        }
        try {
            const auto lead = r.json().get<domain::Lead>();
            state_.sales.message = lead.first_name + " " + lead.last_name + " → " + label + ".";
        } catch (const std::exception&) {
            state_.sales.message = "Réponse du serveur illisible.";
        }
    });
}

void SalesController::load_deliveries() {
    api_.get("/api/deliveries?limit=500", [this](const ApiResult& r) {
        state_.online = r.status != 0;
        if (!r.ok()) {
            state_.sales.deliveries_error = "Livraisons : " + r.error_message();
            return;
        }
        state_.sales.deliveries = deliveries_from_json(r.json());
        state_.sales.deliveries_loaded = true;
        state_.sales.deliveries_error.clear();
    });
}

void SalesController::open_delivery_dialog(std::int64_t lead_id) {
    if (lead_id == 0) {
        const auto* lead = state_.current_lead();
        if (!lead) return;
        lead_id = lead->id;
    }
    auto& sales = state_.sales;
    sales.plan.reset();
    sales.plan_loading = true;
    sales.plan_error.clear();
    open_deliver = true;
    if (agents_.empty()) load_agents();  // the override list
    api_.get("/api/deliveries/route?leadId=" + std::to_string(lead_id), [this](const ApiResult& r) {
        auto& s = state_.sales;
        s.plan_loading = false;
        if (!r.ok()) {
            s.plan_error = "Routage impossible : " + r.error_message();
            return;
        }
        s.plan = route_plan_from_json(r.json());
        if (!s.plan) s.plan_error = "Réponse du serveur illisible.";
    });
}

// A delivery came back (create, resend, reassign, refund): keep it, remember its link, say so.
void SalesController::after_delivery_answer(const ApiResult& r, const std::string& done) {
    const auto j = r.json();
    const auto d = delivery_from_json(j);
    if (!d || d->id == 0) return;
    state_.sales.upsert_delivery(*d);
    if (j.contains("shareUrl") && j["shareUrl"].is_string()) state_.sales.share_urls[d->id] = j["shareUrl"];
    std::string message = done;
    if (j.value("paymentPending", false)) {
        message += " Lien de paiement Stripe en préparation.";
        payment_polls_left_ = 5;
        payment_poll_at_ms_ = 0;  // set from the next frame's clock
    }
    state_.sales.message = message;
    state_.flash = message;
    if (j.contains("whatsappUrl") && j["whatsappUrl"].is_string()) open_url(j["whatsappUrl"]);
    refresh_lead(d->lead_id);
    load_deliveries();  // a reassignment also refunded the old one
}

void SalesController::create_delivery(const DeliveryChoice& c) {
    nlohmann::json body = {{"leadId", c.lead_id},           {"channel", c.channel},
                           {"payment", c.payment},          {"exclusive", c.exclusive},
                           {"fullContact", c.full_contact}, {"allowNotReady", c.allow_not_ready}};
    if (c.agent_id > 0) body["agentId"] = c.agent_id;
    api_.post("/api/deliveries", body, [this](const ApiResult& r) {
        if (!r.ok()) {
            state_.sales.message = "Livraison refusée : " + r.error_message();
            state_.flash = state_.sales.message;
            return;
        }
        const auto d = delivery_from_json(r.json());
        after_delivery_answer(r, d ? "Livré à " + d->agent_name + " pour " + domain::format_euros(d->price_cents) + "."
                                   : std::string("Livré."));
    });
}

void SalesController::resend_delivery(std::int64_t id, const std::string& channel) {
    api_.post("/api/deliveries/" + std::to_string(id) + "/resend", {{"channel", channel}}, [this](const ApiResult& r) {
        if (!r.ok()) {
            state_.sales.message = "Renvoi : échec — " + r.error_message();
            return;
        }
        after_delivery_answer(r, "Nouveau lien émis (l'ancien ne fonctionne plus).");
    });
}

void SalesController::open_delivery_pdf(std::int64_t id) {
    open_url("/api/deliveries/" + std::to_string(id) + "/pdf");
}

void SalesController::copy_text(const std::string& text, const std::string& done) {
    copy_to_clipboard(text);
    state_.sales.message = done;
}

// The link shown this session, or the current one from the server (derived again from its
// nonce: the agent's copy keeps working). A link the server cannot show again (issued before
// that was possible, refunded, expired) needs "Nouveau lien".
void SalesController::copy_share_link(std::int64_t id) {
    auto it = state_.sales.share_urls.find(id);
    if (it != state_.sales.share_urls.end()) {
        copy_to_clipboard(it->second);
        state_.sales.message = "Lien copié : " + it->second;
        return;
    }
    api_.get("/api/deliveries/" + std::to_string(id) + "/link", [this, id](const ApiResult& r) {
        const auto j = r.json();
        if (!r.ok() || !j.is_object() || !j.contains("shareUrl") || !j["shareUrl"].is_string()) {
            state_.sales.message = "Lien : " + r.error_message();
            return;
        }
        const auto url = j["shareUrl"].get<std::string>();
        state_.sales.share_urls[id] = url;
        copy_to_clipboard(url);
        state_.sales.message = "Lien copié : " + url;
    });
}

void SalesController::refund_delivery(std::int64_t delivery_id, const std::string& reason,
                                      std::int64_t notification_id) {
    act_on_delivery(delivery_id, "refund", {{"reason", reason}}, notification_id, "Remboursement",
                    "Livraison remboursée, lien révoqué.");
}

void SalesController::reassign_delivery(std::int64_t delivery_id, std::int64_t agent_id, std::int64_t notification_id) {
    act_on_delivery(delivery_id, "reassign", {{"agentId", agent_id}}, notification_id, "Réattribution",
                    "Lead réattribué : nouveau lien envoyé, l'ancien est révoqué.");
}

// A notification's action on its delivery; once the server has done it, the notification is
// handled.
void SalesController::act_on_delivery(std::int64_t delivery_id, const std::string& verb, const nlohmann::json& body,
                                      std::int64_t notification_id, const std::string& what, const std::string& done) {
    api_.post("/api/deliveries/" + std::to_string(delivery_id) + "/" + verb, body,
              [this, notification_id, what, done](const ApiResult& r) {
                  if (!r.ok()) {
                      automations_.message = what + " : échec — " + r.error_message();
                      state_.sales.message = automations_.message;
                      return;
                  }
                  automations_.message = done;
                  after_delivery_answer(r, done);
                  if (notification_id > 0) automations_.resolve_notification(notification_id);
              });
}

void SalesController::poll_payment_links(double now_ms) {
    if (payment_polls_left_ <= 0) return;
    if (payment_poll_at_ms_ == 0) payment_poll_at_ms_ = now_ms + 2000;
    if (now_ms < payment_poll_at_ms_) return;
    const bool waiting = std::any_of(state_.sales.deliveries.begin(), state_.sales.deliveries.end(),
                                     [](const domain::Delivery& d) { return d.awaiting_payment_link(); });
    if (!waiting) {
        payment_polls_left_ = 0;
        return;
    }
    --payment_polls_left_;
    payment_poll_at_ms_ = now_ms + 3000;
    load_deliveries();
}

}  // namespace crm::console
