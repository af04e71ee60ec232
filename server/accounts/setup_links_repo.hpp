#pragma once
// One-time links (/setup/<token>) where a person chooses their password: for a new account,
// or after a reset. 256-bit random token in the link, only its SHA-256 stored; 24 hours;
// a link works once, and a new link for the same account revokes the older ones.
#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace crm::accounts {

inline constexpr std::int64_t kSetupLinkSeconds = 24 * 3600;

struct IssuedLink {
    std::string token;  // goes into the URL, never stored
    std::int64_t expires_at = 0;
};
IssuedLink issue_setup_link(db::Database& db, std::int64_t user_id, std::optional<std::int64_t> created_by,
                            std::int64_t now);

enum class LinkState { valid, spent, unknown };  // spent: used, expired or revoked
struct LinkLookup {
    LinkState state = LinkState::unknown;
    std::int64_t user_id = 0;
};
LinkLookup find_setup_link(db::Database& db, const std::string& token, std::int64_t now);
// True when this call used the link (false: someone used it in between).
bool use_setup_link(db::Database& db, const std::string& token, std::int64_t now);
// Deactivation: the person's pending links stop working too.
void revoke_setup_links(db::Database& db, std::int64_t user_id, std::int64_t now);

}  // namespace crm::accounts
