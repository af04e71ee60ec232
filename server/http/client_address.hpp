#pragma once
// The address a request really comes from. Behind a reverse proxy every connection comes from
// the proxy, so the login limiter would count everyone as one client; the proxy's
// X-Forwarded-For is believed only when the connection comes from an address named in
// CRM_TRUSTED_PROXY (anyone else could write any X-Forwarded-For).
#include <string>
#include <vector>

#include "http/types.hpp"

namespace crm::http {

class ClientAddress {
public:
    // `trusted_proxies`: comma-separated addresses ("127.0.0.1, ::1"); empty = trust nobody.
    explicit ClientAddress(const std::string& trusted_proxies);

    // The peer address, or — when the peer is a trusted proxy — the right-most address of
    // X-Forwarded-For that is not itself a trusted proxy (the one the proxy saw).
    std::string of(const Request& req, const std::string& peer) const;
    bool trusts(const std::string& address) const;

private:
    std::vector<std::string> trusted_;  // normalised by boost::asio (e.g. "::ffff:1.2.3.4" → "1.2.3.4")
};

}  // namespace crm::http
