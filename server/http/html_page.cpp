#include "http/html_page.hpp"

namespace crm::http {

Response private_html(const Request& req, unsigned status, std::string html, const char* csp) {
    Response res{static_cast<bhttp::status>(status), req.version()};
    res.set(bhttp::field::content_type, "text/html; charset=utf-8");
    res.set(bhttp::field::cache_control, "no-store");
    res.set("X-Robots-Tag", "noindex, nofollow");
    res.set("Referrer-Policy", "no-referrer");  // the token is in the URL: never pass it on
    if (csp) res.set("Content-Security-Policy", csp);
    res.keep_alive(req.keep_alive());
    if (req.method() != bhttp::verb::head) res.body() = std::move(html);
    res.prepare_payload();
    return res;
}

}  // namespace crm::http
