#include "auth/login_limiter.hpp"

#include <algorithm>

#include "auth/login_failures_repo.hpp"
#include "auth/passwords.hpp"

namespace crm::auth {

namespace {
// Distinct key spaces: a username can never collide with an address. Stored as SHA-256: the
// table never holds a username or a client address in clear.
std::string pair_key(const std::string& username, const std::string& address) {
    return sha256_hex("u\x1f" + username + "\x1f" + address);
}
std::string address_key(const std::string& address) {
    return sha256_hex("a\x1f" + address);
}

std::int64_t wait(db::Database& db, const std::string& key, std::int64_t now) {
    const auto row = find_login_failures(db, key);
    return row && row->locked_until > now ? row->locked_until - now : 0;
}
}  // namespace

void LoginLimiter::fail(db::Database& db, const std::string& key, int free_failures, std::int64_t now) const {
    auto row = find_login_failures(db, key).value_or(LoginFailures{key});
    if (now - row.last_failure >= limits_.window_s) row.failures = 0;
    ++row.failures;
    row.last_failure = now;
    if (const int over = row.failures - free_failures; over >= 0) {
        std::int64_t delay = limits_.first_delay_s;
        for (int i = 0; i < over && delay < limits_.max_delay_s; ++i) delay *= 2;
        row.locked_until = now + std::min(delay, limits_.max_delay_s);
    }
    save_login_failures(db, row);
}

std::int64_t LoginLimiter::retry_after(db::Database& db, const std::string& username, const std::string& address,
                                       std::int64_t now) const {
    return std::max(wait(db, pair_key(username, address), now), wait(db, address_key(address), now));
}

void LoginLimiter::record_failure(db::Database& db, const std::string& username, const std::string& address,
                                  std::int64_t now) const {
    // One transaction: two instances counting the same key at once must not both read 4 and
    // write 5 (the writer lock serialises them on either engine).
    db::Transaction tx(db);
    purge_login_failures(db, now - limits_.window_s, now);
    fail(db, pair_key(username, address), limits_.free_per_user_and_address, now);
    fail(db, address_key(address), limits_.free_per_address, now);
    tx.commit();
}

void LoginLimiter::record_success(db::Database& db, const std::string& username, const std::string& address) const {
    forget_login_failures(db, pair_key(username, address));
}

}  // namespace crm::auth
