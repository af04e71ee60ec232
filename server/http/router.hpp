#pragma once
// The route table: method + path pattern + Access -> handler. Patterns use `{id}` (digits
// only) and `{token}` (URL-safe characters) segments. Tests walk routes() for the RBAC matrix.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/access.hpp"
#include "http/request_context.hpp"
#include "http/types.hpp"

namespace crm::http {

using Handler = std::function<Response(RequestContext&)>;

struct Route {
    Verb method;
    std::string pattern;
    Access access;
    Handler handler;
    std::vector<std::string> segments;
    // Runs on the server's small worker pool instead of an I/O thread: the handler burns CPU
    // on purpose (an Argon2id password check) or waits on a peer (an SMTP server).
    bool on_workers = false;
};

class Router {
public:
    // The route just added, to set options on (e.g. `.on_workers = true`).
    Route& add(Verb method, std::string pattern, Access access, Handler handler);

    struct Match {
        const Route* route = nullptr;
        bool path_known = false;  // some route has this path with another method (-> 405)
        std::map<std::string, std::string> params;
    };
    Match match(Verb method, const std::string& path) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

}  // namespace crm::http
