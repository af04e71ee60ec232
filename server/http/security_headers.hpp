#pragma once
// The headers every answer carries, the server's early answers (400, 413, 431, 429, 503
// written before a request reaches the app) included: a strict Content-Security-Policy,
// no sniffing, no framing, and HSTS whenever the site is served over HTTPS.
#include "http/types.hpp"

namespace crm::http {

struct SecurityHeaders {
    bool hsts = false;  // TLS on, or a public URL in https (a proxy terminates TLS)

    // A handler may have set a stricter policy (the public lead package: no referrer, no script).
    void apply(Response& res) const;
};

}  // namespace crm::http
