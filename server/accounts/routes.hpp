#pragma once
// Accounts: the people who sign in, their passwords and their setup links.
#include "http/router.hpp"

namespace crm {
class App;
}

namespace crm::accounts {

void register_users_routes(http::Router& router, App& app);     // /api/users (operator, admin)
void register_password_routes(http::Router& router, App& app);  // /api/me/password (anyone signed in)
void register_setup_routes(http::Router& router, App& app);     // /setup/{token} (public)

}  // namespace crm::accounts
