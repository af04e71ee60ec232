#include "db/postgres_url.hpp"

#include "db/database.hpp"

namespace crm::db {

UrlWithoutPassword split_password(const std::string& url) {
    // postgresql://user:password@host:port/db?options: the password sits between the first ':'
    // after the scheme and the last '@' before the path.
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return {url, ""};
    const auto authority = scheme_end + 3;
    const auto path = url.find('/', authority);
    const auto at = url.rfind('@', path == std::string::npos ? std::string::npos : path);
    if (at == std::string::npos || at < authority) return {url, ""};
    const auto colon = url.find(':', authority);
    if (colon == std::string::npos || colon > at) return {url, ""};
    return {url.substr(0, colon) + url.substr(at), url.substr(colon + 1, at - colon - 1)};
}

std::string printable_location(const std::string& location) {
    if (dialect_of(location) != Dialect::postgresql) return location;
    auto parts = split_password(location);
    if (parts.password.empty()) return parts.url;
    const auto at = parts.url.find('@', parts.url.find("://") + 3);
    return parts.url.substr(0, at) + ":***" + parts.url.substr(at);
}

}  // namespace crm::db
