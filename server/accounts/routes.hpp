#pragma once
// Accounts: the people who sign in, their sessions, passwords and setup links.
#include "http/router.hpp"

namespace crm {
class App;
}

namespace crm::accounts {

void register_auth_routes(http::Router& router, App& app);      // /api/auth/login, logout, /api/me
void register_users_routes(http::Router& router, App& app);     // /api/users (operator, admin)
void register_password_routes(http::Router& router, App& app);  // /api/me/password (anyone signed in)
void register_setup_routes(http::Router& router, App& app);     // /setup/{token} (public)

}  // namespace crm::accounts
