#pragma once
// What a handler gets: the request, its parsed path and query, the caller, and the app.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "http/access.hpp"
#include "http/types.hpp"

namespace crm {
class Services;
}

namespace crm::http {

struct RequestContext {
    const Request& req;
    Services& app;
    std::string path;
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> params;
    std::optional<AuthUser> user;
    std::string session_token_hash;
    std::string client_addr;

    const AuthUser& caller() const { return *user; }
    std::int64_t id_param(const std::string& name = "id") const;
    std::optional<std::string> query_param(const std::string& name) const;
    int query_int(const std::string& name, int fallback, int min, int max) const;
    // The request body as a JSON object; 400 bad_request when it is not one.
    nlohmann::json json_body() const;
};

// Splits "a=1&b=x%20y" into decoded pairs.
std::map<std::string, std::string> parse_query(const std::string& query);
std::string url_decode(const std::string& s);

}  // namespace crm::http
