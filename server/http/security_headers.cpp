#include "http/security_headers.hpp"

namespace crm::http {

namespace {
// The WASM console needs 'wasm-unsafe-eval' and nothing else inline.
constexpr const char* kCsp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}  // namespace

void SecurityHeaders::apply(Response& res) const {
    if (res.find("Content-Security-Policy") == res.end()) res.set("Content-Security-Policy", kCsp);
    if (res.find("Referrer-Policy") == res.end()) res.set("Referrer-Policy", "same-origin");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    // One year; browsers then refuse plain HTTP for this host (no includeSubDomains: the owner's
    // other sites are not ours to decide).
    if (hsts) res.set("Strict-Transport-Security", "max-age=31536000");
}

}  // namespace crm::http
