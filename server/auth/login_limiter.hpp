#pragma once
// Slows down password guessing without letting an attacker lock the owner out.
//
// Failures are counted per (username, client address) and per client address, never per
// username alone: a flood against `admin` from one address delays that address only, and the
// right password from any other address still works. Past a number of free failures, each
// further failure locks the key for a delay that doubles up to a ceiling; a key with no
// failure for a whole window starts again from zero; a success clears its (username,
// address) key.
//
// The counts live in the database (auth/login_failures_repo), so every server instance on a
// shared PostgreSQL applies the same limits: a second instance behind the load balancer is not
// a second set of free guesses. The table stays small: a locked key is refused before the
// password is checked, so it gains no row; rows whose window and lock have passed are deleted
// with each new failure; and new rows come only as fast as the password workers can check
// passwords (Argon2id), i.e. a few dozen a second at most, over a 15-minute window.
#include <cstdint>
#include <string>

#include "db/database.hpp"

namespace crm::auth {

struct LoginLimits {
    int free_per_user_and_address = 5;  // failures before the first delay
    int free_per_address = 20;
    std::int64_t first_delay_s = 30;  // doubles with each further failure
    std::int64_t max_delay_s = 15 * 60;
    std::int64_t window_s = 15 * 60;  // failures older than this are forgotten
};

class LoginLimiter {
public:
    explicit LoginLimiter(LoginLimits limits) : limits_(limits) {}

    // Seconds before `username` may be tried from `address` again; 0 = go ahead.
    std::int64_t retry_after(db::Database& db, const std::string& username, const std::string& address,
                             std::int64_t now) const;
    void record_failure(db::Database& db, const std::string& username, const std::string& address,
                        std::int64_t now) const;
    void record_success(db::Database& db, const std::string& username, const std::string& address) const;

private:
    void fail(db::Database& db, const std::string& key, int free_failures, std::int64_t now) const;

    LoginLimits limits_;
};

}  // namespace crm::auth
