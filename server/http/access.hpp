#pragma once
// Who may call a route. A route is either explicitly public or lists the roles it allows;
// there is no third way to build an Access, so a route cannot be registered "open by default".
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::http {

enum class Role { agent, operator_, admin };

std::string_view role_name(Role r);
std::optional<Role> parse_role(std::string_view s);

class Access {
public:
    static Access public_route() { return Access(true, {}); }
    static Access roles(std::initializer_list<Role> allowed);

    bool is_public() const { return public_; }
    const std::vector<Role>& allowed() const { return roles_; }
    bool allows(Role r) const;
    // The Stripe webhook and /p/* carry their own proof (signature, share token) instead of
    // the X-Requested-With header.
    Access& without_csrf() {
        csrf_exempt_ = true;
        return *this;
    }
    bool csrf_exempt() const { return csrf_exempt_; }

private:
    Access(bool is_public, std::vector<Role> roles) : public_(is_public), roles_(std::move(roles)) {}
    bool public_;
    std::vector<Role> roles_;
    bool csrf_exempt_ = false;
};

// requireRole(...) of the brief: operator routes accept operator and admin.
inline Access require_role(std::initializer_list<Role> allowed) {
    return Access::roles(allowed);
}
inline Access operator_only() {
    return Access::roles({Role::operator_, Role::admin});
}
inline Access agent_only() {
    return Access::roles({Role::agent});
}
inline Access any_session() {
    return Access::roles({Role::agent, Role::operator_, Role::admin});
}

struct AuthUser {
    std::int64_t id = 0;
    std::string username;
    std::string display_name;
    Role role = Role::agent;
};

}  // namespace crm::http
