#include "auth/login_failures_repo.hpp"

namespace crm::auth {

std::optional<LoginFailures> find_login_failures(db::Database& db, const std::string& key_sha256) {
    auto st = db.prepare("SELECT failures, last_failure, locked_until FROM login_failures WHERE key_sha256 = ?");
    st.bind(1, key_sha256);
    if (!st.step()) return std::nullopt;
    return LoginFailures{key_sha256, st.get_int(0), st.get_int64(1), st.get_int64(2)};
}

void save_login_failures(db::Database& db, const LoginFailures& row) {
    db.prepare(
          "INSERT INTO login_failures(key_sha256, failures, last_failure, locked_until) VALUES (?1, ?2, ?3, ?4) "
          "ON CONFLICT(key_sha256) DO UPDATE SET failures = ?2, last_failure = ?3, locked_until = ?4")
        .bind_all(row.key_sha256, row.failures, row.last_failure, row.locked_until)
        .run();
}

void forget_login_failures(db::Database& db, const std::string& key_sha256) {
    db.prepare("DELETE FROM login_failures WHERE key_sha256 = ?").bind_all(key_sha256).run();
}

void purge_login_failures(db::Database& db, std::int64_t quiet_since, std::int64_t now) {
    db.prepare("DELETE FROM login_failures WHERE last_failure < ? AND locked_until <= ?")
        .bind_all(quiet_since, now)
        .run();
}

std::int64_t count_login_failures(db::Database& db) {
    auto st = db.prepare("SELECT COUNT(*) FROM login_failures");
    st.step();
    return st.get_int64(0);
}

}  // namespace crm::auth
