#pragma once
// What every libcurl client here shares: one global init, URL escaping, and one form-encoded
// POST with basic auth, extra headers and bounded timeouts (a slow peer fails, never hangs).
#include <string>
#include <vector>

namespace crm::integrations {

void global_curl_init();
std::string url_escape(const std::string& value);

struct FormPost {
    std::string url, form;             // form: already escaped, "a=1&b=2"
    std::vector<std::string> headers;  // "Name: value"
    std::string user, password;        // basic auth
    long timeout_ms = 10000;           // total; connecting gets at most 5 s of it
};

struct HttpAnswer {
    std::string transport_error;  // empty when the peer answered; otherwise curl's reason
    long status = 0;
    std::string body;
};

HttpAnswer post_form(const FormPost& request);

}  // namespace crm::integrations
