#pragma once
// Accounts: the people who sign in, their sessions, passwords and setup links.
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::accounts {

void register_auth_routes(http::Router& router, Services& app);      // /api/auth/login, logout, /api/me
void register_users_routes(http::Router& router, Services& app);     // /api/users (operator, admin)
void register_password_routes(http::Router& router, Services& app);  // /api/me/password (anyone signed in)
void register_setup_routes(http::Router& router, Services& app);     // /setup/{token} (public)

}  // namespace crm::accounts
