#include "accounts/setup_links_repo.hpp"

#include "auth/passwords.hpp"

namespace crm::accounts {

IssuedLink issue_setup_link(db::Database& db, std::int64_t user_id, std::optional<std::int64_t> created_by,
                            std::int64_t now) {
    revoke_setup_links(db, user_id, now);
    IssuedLink link{auth::random_token(32), now + kSetupLinkSeconds};
    db.prepare("INSERT INTO setup_links(token_hash, user_id, created_by, created_at, expires_at) VALUES (?,?,?,?,?)")
        .bind_all(auth::sha256_hex(link.token), user_id, created_by, now, link.expires_at)
        .run();
    return link;
}

LinkLookup find_setup_link(db::Database& db, const std::string& token, std::int64_t now) {
    auto st = db.prepare("SELECT user_id, expires_at, used_at FROM setup_links WHERE token_hash = ?");
    st.bind(1, auth::sha256_hex(token));
    if (!st.step()) return {};
    LinkLookup out;
    out.user_id = st.get_int64(0);
    const bool expired = now >= st.get_int64(1);
    out.state = expired || !st.is_null(2) ? LinkState::spent : LinkState::valid;
    return out;
}

bool use_setup_link(db::Database& db, const std::string& token, std::int64_t now) {
    db.prepare("UPDATE setup_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
        .bind_all(now, auth::sha256_hex(token), now)
        .run();
    return db.changes() == 1;
}

void revoke_setup_links(db::Database& db, std::int64_t user_id, std::int64_t now) {
    // A revoked link counts as used: the page then says it no longer works.
    db.prepare("UPDATE setup_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL").bind_all(now, user_id).run();
}

}  // namespace crm::accounts
