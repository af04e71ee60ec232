#include "integrations/stripe_checkout.hpp"

#include <nlohmann/json.hpp>

#include "integrations/curl_util.hpp"

namespace crm::integrations {

PaymentLinkResult create_payment_link(const StripeSettings& s, const PaymentLinkRequest& r) {
    if (s.secret_key.empty()) {
        if (s.payment_link_url.empty()) return {false, "", "Stripe n'est pas configuré."};
        const char sep = s.payment_link_url.find('?') == std::string::npos ? '?' : '&';
        return {true, s.payment_link_url + sep + "client_reference_id=" + r.client_reference_id, ""};
    }
    const std::string form = "mode=payment&client_reference_id=" + url_escape(r.client_reference_id) +
                             "&success_url=" + url_escape(s.success_url) +
                             "&line_items[0][quantity]=1&line_items[0][price_data][currency]=eur"
                             "&line_items[0][price_data][unit_amount]=" +
                             std::to_string(r.amount_cents) +
                             "&line_items[0][price_data][product_data][name]=" + url_escape(r.description) +
                             "&metadata[reference]=" + url_escape(r.client_reference_id);
    // Stripe takes the secret key as the basic-auth user, with no password.
    const auto answer = post_form({s.api_base + "/v1/checkout/sessions",
                                   form,
                                   {"Idempotency-Key: " + r.idempotency_key},
                                   s.secret_key,
                                   "",
                                   s.timeout_ms});
    if (!answer.transport_error.empty()) return {false, "", "Stripe injoignable : " + answer.transport_error};
    if (answer.status < 200 || answer.status >= 300)
        return {false, "", "Stripe a répondu HTTP " + std::to_string(answer.status)};
    auto j = nlohmann::json::parse(answer.body, nullptr, false);
    if (!j.is_object() || !j.contains("url") || !j["url"].is_string()) return {false, "", "Réponse Stripe sans url."};
    return {true, j["url"].get<std::string>(), ""};
}

PaymentLinkRequest delivery_payment_request(std::int64_t delivery_id, std::int64_t lead_id, std::int64_t price_cents) {
    return {"delivery:" + std::to_string(delivery_id), price_cents, "Lead vendeur n° " + std::to_string(lead_id),
            "delivery-" + std::to_string(delivery_id)};
}

}  // namespace crm::integrations
