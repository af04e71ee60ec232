#include "http/client_address.hpp"

#include "crm/domain/text.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <optional>
#include <stdexcept>

namespace crm::http {

namespace {

// One spelling per address, so "::ffff:10.0.0.1" and "10.0.0.1" compare equal.
std::optional<std::string> normalise(const std::string& text) {
    boost::system::error_code ec;
    auto a = boost::asio::ip::make_address(domain::trim_blanks(text), ec);
    if (ec) return std::nullopt;
    if (a.is_v6() && a.to_v6().is_v4_mapped()) a = a.to_v6().to_v4();
    return a.to_string();
}

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        const auto comma = s.find(',', start);
        out.push_back(
            domain::trim_blanks(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

}  // namespace

ClientAddress::ClientAddress(const std::string& trusted_proxies) {
    for (const auto& part : split_commas(trusted_proxies)) {
        if (part.empty()) continue;
        auto a = normalise(part);
        if (!a) throw std::runtime_error("CRM_TRUSTED_PROXY: not an IP address: " + part);
        trusted_.push_back(*a);
    }
}

bool ClientAddress::trusts(const std::string& address) const {
    return std::find(trusted_.begin(), trusted_.end(), address) != trusted_.end();
}

std::string ClientAddress::of(const Request& req, const std::string& peer) const {
    const std::string from = normalise(peer).value_or(peer);
    if (!trusts(from)) return from;
    auto it = req.find("X-Forwarded-For");
    if (it == req.end()) return from;
    const auto hops = split_commas(std::string(it->value()));
    for (auto h = hops.rbegin(); h != hops.rend(); ++h) {
        const auto a = normalise(*h);
        if (!a) return from;  // a malformed hop: believe nothing to its left
        if (!trusts(*a)) return *a;
    }
    return from;
}

}  // namespace crm::http
