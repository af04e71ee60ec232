#include "auth/session_store.hpp"

#include <algorithm>

#include "auth/passwords.hpp"

namespace crm::auth {

NewSession create_session(db::Database& db, std::int64_t user_id, std::int64_t now, const SessionPolicy& policy) {
    NewSession s;
    s.token = random_token(32);
    s.token_hash = sha256_hex(s.token);
    insert_session(db, s.token_hash, user_id, random_token(16), now, now + policy.max_s);
    return s;
}

std::optional<http::AuthUser> find_session_user(db::Database& db, const std::string& token_hash, std::int64_t now,
                                                const SessionPolicy& policy, std::int64_t* recheck_at) {
    const auto stored = find_session(db, token_hash);  // the read ends before either write below
    if (!stored) return std::nullopt;
    http::AuthUser u;
    u.id = stored->user_id;
    u.username = stored->username;
    u.display_name = stored->display_name;
    auto role = http::parse_role(stored->role);
    // A read-only database (CRM_DB_READ_ONLY maintenance) takes neither write below: the
    // session still answers, and still ends when it expires or goes idle.
    const bool writable = !db.read_only();
    if (now >= stored->expires_at || now - stored->last_seen_at >= policy.idle_s) {
        if (writable) delete_session(db, token_hash);
        return std::nullopt;
    }
    if (!role) return std::nullopt;
    u.role = *role;
    // Refresh the idle timer at most once a minute: reads stay reads.
    auto seen = stored->last_seen_at;
    if (writable && now - seen >= 60) {
        touch_session(db, token_hash, now);
        seen = now;
    }
    if (recheck_at) *recheck_at = std::min({stored->expires_at, seen + policy.idle_s, seen + 60}) - 1;
    return u;
}

}  // namespace crm::auth
