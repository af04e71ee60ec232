#pragma once
// Every SQL statement about sessions. Only the token's SHA-256 is stored, never the token.
#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace crm::auth {

void insert_session(db::Database& db, const std::string& token_hash, std::int64_t user_id, const std::string& csrf,
                    std::int64_t now, std::int64_t expires_at);

struct StoredSession {
    std::int64_t user_id = 0;
    std::string username, display_name, role;
    std::int64_t expires_at = 0, last_seen_at = 0;
};
// The session and its user, while the user is active (expired or not: the caller decides).
std::optional<StoredSession> find_session(db::Database& db, const std::string& token_hash);
// The session was seen now (its idle timer starts again).
void touch_session(db::Database& db, const std::string& token_hash, std::int64_t now);

void delete_session(db::Database& db, const std::string& token_hash);
void delete_user_sessions(db::Database& db, std::int64_t user_id);
// Every session of the user but the one given (a password change keeps the caller's own).
void delete_other_sessions(db::Database& db, std::int64_t user_id, const std::string& keep_token_hash);

}  // namespace crm::auth
