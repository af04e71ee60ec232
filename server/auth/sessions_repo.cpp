#include "auth/sessions_repo.hpp"

namespace crm::auth {

void insert_session(db::Database& db, const std::string& token_hash, std::int64_t user_id, const std::string& csrf,
                    std::int64_t now, std::int64_t expires_at) {
    db.prepare(
          "INSERT INTO sessions(token_hash, user_id, csrf, created_at, expires_at, last_seen_at) VALUES (?,?,?,?,?,?)")
        .bind_all(token_hash, user_id, csrf, now, expires_at, now)
        .run();
}

std::optional<StoredSession> find_session(db::Database& db, const std::string& token_hash) {
    auto st = db.prepare(
        "SELECT u.id, u.username, u.display_name, u.role, s.expires_at, s.last_seen_at "
        "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.active = 1");
    st.bind(1, token_hash);
    if (!st.step()) return std::nullopt;
    return StoredSession{st.get_int64(0), st.get_text(1),  st.get_text(2),
                         st.get_text(3),  st.get_int64(4), st.get_int64(5)};
}

void touch_session(db::Database& db, const std::string& token_hash, std::int64_t now) {
    db.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?").bind_all(now, token_hash).run();
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
