#pragma once
// Cookie sessions: a random 256-bit token goes to the browser; the database keeps only its
// SHA-256 (auth/sessions_repo). Sessions end after an idle period or an absolute lifetime,
// whichever comes first.
#include <cstdint>
#include <optional>
#include <string>

#include "auth/sessions_repo.hpp"
#include "db/database.hpp"
#include "http/access.hpp"

namespace crm::auth {

struct SessionPolicy {
    std::int64_t idle_s;
    std::int64_t max_s;
};

struct NewSession {
    std::string token;  // goes into the cookie, never stored
    std::string token_hash;
};

NewSession create_session(db::Database& db, std::int64_t user_id, std::int64_t now, const SessionPolicy& policy);
// The session's user, or nothing when unknown or expired (an expired row is deleted).
// `recheck_at`, when given, receives the last instant this answer may be reused without asking
// the database again: before the session expires, goes idle, or needs its idle timer refreshed.
std::optional<http::AuthUser> find_session_user(db::Database& db, const std::string& token_hash, std::int64_t now,
                                                const SessionPolicy& policy, std::int64_t* recheck_at = nullptr);
// Ending sessions (delete_session, delete_user_sessions, delete_other_sessions): sessions_repo.

}  // namespace crm::auth
