#include "http/access.hpp"

#include <algorithm>
#include <stdexcept>

namespace crm::http {

std::string_view role_name(Role r) {
    switch (r) {
        case Role::agent:
            return "agent";
        case Role::operator_:
            return "operator";
        case Role::admin:
            return "admin";
    }
    return "agent";
}

std::optional<Role> parse_role(std::string_view s) {
    if (s == "agent") return Role::agent;
    if (s == "operator") return Role::operator_;
    if (s == "admin") return Role::admin;
    return std::nullopt;
}

Access Access::roles(std::initializer_list<Role> allowed) {
    if (allowed.size() == 0) throw std::logic_error("a route must allow at least one role or be public");
    return Access(false, std::vector<Role>(allowed));
}

bool Access::allows(Role r) const {
    return public_ || std::find(roles_.begin(), roles_.end(), r) != roles_.end();
}

}  // namespace crm::http
