#pragma once
// The login limiter's rows (table login_failures): one per throttled key, shared by every
// server instance on the store. The policy that reads and writes them is auth/login_limiter.
#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace crm::auth {

struct LoginFailures {
    std::string key_sha256;
    int failures = 0;
    std::int64_t last_failure = 0;
    std::int64_t locked_until = 0;
};

std::optional<LoginFailures> find_login_failures(db::Database& db, const std::string& key_sha256);
void save_login_failures(db::Database& db, const LoginFailures& row);
void forget_login_failures(db::Database& db, const std::string& key_sha256);
// Rows with no failure since `quiet_since` and no lock left at `now`: they can no longer delay
// anyone, so they go.
void purge_login_failures(db::Database& db, std::int64_t quiet_since, std::int64_t now);
std::int64_t count_login_failures(db::Database& db);

}  // namespace crm::auth
