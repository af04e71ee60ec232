#include "auth/session_store.hpp"

#include <algorithm>

#include "auth/passwords.hpp"

namespace crm::auth {

NewSession create_session(db::Database& db, std::int64_t user_id, std::int64_t now, const SessionPolicy& policy) {
    NewSession s;
    s.token = random_token(32);
    s.token_hash = sha256_hex(s.token);
    db.prepare(
          "INSERT INTO sessions(token_hash, user_id, csrf, created_at, expires_at, last_seen_at) VALUES (?,?,?,?,?,?)")
        .bind_all(s.token_hash, user_id, random_token(16), now, now + policy.max_s, now)
        .run();
    return s;
}

std::optional<http::AuthUser> find_session_user(db::Database& db, const std::string& token_hash, std::int64_t now,
                                                const SessionPolicy& policy, std::int64_t* recheck_at) {
    auto st = db.prepare(
        "SELECT u.id, u.username, u.display_name, u.role, s.expires_at, s.last_seen_at "
        "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.active = 1");
    st.bind(1, token_hash);
    if (!st.step()) return std::nullopt;
    const auto expires_at = st.get_int64(4);
    const auto last_seen = st.get_int64(5);
    http::AuthUser u;
    u.id = st.get_int64(0);
    u.username = st.get_text(1);
    u.display_name = st.get_text(2);
    auto role = http::parse_role(st.get_text(3));
    st.reset();  // the read ends before either write below (see db::Statement::step)
    // A read-only database (CRM_DB_READ_ONLY maintenance) takes neither write below: the
    // session still answers, and still ends when it expires or goes idle.
    const bool writable = !db.read_only();
    if (now >= expires_at || now - last_seen >= policy.idle_s) {
        if (writable) delete_session(db, token_hash);
        return std::nullopt;
    }
    if (!role) return std::nullopt;
    u.role = *role;
    // Refresh the idle timer at most once a minute: reads stay reads.
    auto seen = last_seen;
    if (writable && now - last_seen >= 60) {
        db.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?").bind_all(now, token_hash).run();
        seen = now;
    }
    if (recheck_at) *recheck_at = std::min({expires_at, seen + policy.idle_s, seen + 60}) - 1;
    return u;
}

void delete_session(db::Database& db, const std::string& token_hash) {
    db.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).run();
}

void delete_other_sessions(db::Database& db, std::int64_t user_id, const std::string& keep_token_hash) {
    db.prepare("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?").bind_all(user_id, keep_token_hash).run();
}

void delete_user_sessions(db::Database& db, std::int64_t user_id) {
    db.prepare("DELETE FROM sessions WHERE user_id = ?").bind(1, user_id).run();
}

}  // namespace crm::auth
