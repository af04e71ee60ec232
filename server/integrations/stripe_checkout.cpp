#include "integrations/stripe_checkout.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "integrations/curl_util.hpp"

namespace crm::integrations {

namespace {

std::string url_escape(CURL* curl, const std::string& v) {
    char* e = curl_easy_escape(curl, v.c_str(), static_cast<int>(v.size()));
    std::string out = e ? e : "";
    curl_free(e);
    return out;
}

}  // namespace

PaymentLinkResult create_payment_link(const StripeSettings& s, const PaymentLinkRequest& r) {
    if (s.secret_key.empty()) {
        if (s.payment_link_url.empty()) return {false, "", "Stripe n'est pas configuré."};
        const char sep = s.payment_link_url.find('?') == std::string::npos ? '?' : '&';
        return {true, s.payment_link_url + sep + "client_reference_id=" + r.client_reference_id, ""};
    }
    global_curl_init();
    CURL* curl = curl_easy_init();
    if (!curl) return {false, "", "Stripe : initialisation impossible."};
    const std::string form = "mode=payment&client_reference_id=" + url_escape(curl, r.client_reference_id) +
                             "&success_url=" + url_escape(curl, s.success_url) +
                             "&line_items[0][quantity]=1&line_items[0][price_data][currency]=eur"
                             "&line_items[0][price_data][unit_amount]=" +
                             std::to_string(r.amount_cents) +
                             "&line_items[0][price_data][product_data][name]=" + url_escape(curl, r.description) +
                             "&metadata[reference]=" + url_escape(curl, r.client_reference_id);
    const std::string url = s.api_base + "/v1/checkout/sessions";
    std::string response;
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, ("Idempotency-Key: " + r.idempotency_key).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_USERNAME, s.secret_key.c_str());  // Stripe: the key as basic-auth user
    curl_easy_setopt(curl, CURLOPT_PASSWORD, "");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_into_string);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, std::min(s.timeout_ms, 5000L));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, s.timeout_ms);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    const CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) return {false, "", std::string("Stripe injoignable : ") + curl_easy_strerror(rc)};
    if (status < 200 || status >= 300) return {false, "", "Stripe a répondu HTTP " + std::to_string(status)};
    auto j = nlohmann::json::parse(response, nullptr, false);
    if (!j.is_object() || !j.contains("url") || !j["url"].is_string()) return {false, "", "Réponse Stripe sans url."};
    return {true, j["url"].get<std::string>(), ""};
}

}  // namespace crm::integrations
