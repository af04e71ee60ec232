#include "integrations/curl_util.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>

namespace crm::integrations {

void global_curl_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

namespace {
std::size_t collect_into_string(char* data, std::size_t size, std::size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}
}  // namespace

std::string url_escape(const std::string& value) {
    global_curl_init();
    char* e = curl_easy_escape(nullptr, value.c_str(), static_cast<int>(value.size()));
    std::string out = e ? e : "";
    curl_free(e);
    return out;
}

HttpAnswer post_form(const FormPost& r) {
    global_curl_init();
    HttpAnswer answer;
    CURL* curl = curl_easy_init();
    if (!curl) {
        answer.transport_error = "curl init failed";
        return answer;
    }
    curl_slist* headers = nullptr;
    for (const auto& h : r.headers) headers = curl_slist_append(headers, h.c_str());
    curl_easy_setopt(curl, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, r.form.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_USERNAME, r.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, r.password.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_into_string);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, std::min(r.timeout_ms, 5000L));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, r.timeout_ms);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    const CURLcode rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) answer.transport_error = curl_easy_strerror(rc);
    return answer;
}

}  // namespace crm::integrations
