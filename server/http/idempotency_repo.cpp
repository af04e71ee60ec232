#include "http/idempotency_repo.hpp"

namespace crm::http {

std::optional<IdempotencyRecord> find_idempotency_record(db::Database& db, const std::string& id) {
    auto st = db.prepare(
        "SELECT method, path, body_sha256, status, response, content_type, created_at FROM idempotency_keys "
        "WHERE key = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return IdempotencyRecord{st.get_text(0), st.get_text(1), st.get_text(2), st.get_text(4),
                             st.get_text(5), st.get_int(3),  st.get_int64(6)};
}

bool insert_idempotency_placeholder(db::Database& db, const std::string& id, std::int64_t user_id,
                                    const std::string& method, const std::string& target,
                                    const std::string& body_sha256, std::int64_t now) {
    db.prepare(
          "INSERT INTO idempotency_keys(key, user_id, method, path, body_sha256, status, response, "
          "created_at) VALUES (?, ?, ?, ?, ?, 0, '', ?) ON CONFLICT DO NOTHING")
        .bind_all(id, user_id, method, target, body_sha256, now)
        .run();
    return db.changes() == 1;
}

bool take_over_idempotency_placeholder(db::Database& db, const std::string& id, std::int64_t created_at,
                                       std::int64_t now) {
    db.prepare("UPDATE idempotency_keys SET created_at = ? WHERE key = ? AND status = 0 AND created_at = ?")
        .bind_all(now, id, created_at)
        .run();
    return db.changes() == 1;
}

void keep_idempotent_answer(db::Database& db, const std::string& id, int status, const std::string& body,
                            const std::string& content_type) {
    db.prepare("UPDATE idempotency_keys SET status = ?, response = ?, content_type = ? WHERE key = ?")
        .bind_all(status, body, content_type, id)
        .run();
}

void delete_idempotency_placeholder(db::Database& db, const std::string& id) {
    db.prepare("DELETE FROM idempotency_keys WHERE key = ? AND status = 0").bind(1, id).run();
}

void delete_idempotency_keys_before(db::Database& db, std::int64_t cutoff) {
    db.prepare("DELETE FROM idempotency_keys WHERE created_at < ?").bind(1, cutoff).run();
}

}  // namespace crm::http
