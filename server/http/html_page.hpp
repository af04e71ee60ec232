#pragma once
// A server-rendered HTML page behind a secret link (/p/<token>, /setup/<token>): never cached,
// never indexed, never passing the URL on as a referrer.
#include <string>

#include "http/types.hpp"

namespace crm::http {

// `csp` replaces the default policy (e.g. a page with no script at all).
Response private_html(const Request& req, unsigned status, std::string html, const char* csp = nullptr);

}  // namespace crm::http
