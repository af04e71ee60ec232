#pragma once
// Every SQL statement about idempotency keys: one record per (user, key), a placeholder
// (status 0) while its request runs, then the answer kept for a replay.
#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace crm::http {

struct IdempotencyRecord {
    std::string method, target, body_sha256, response, content_type;
    int status = 0;  // 0: the request is still running (or was abandoned)
    std::int64_t created_at = 0;
};
std::optional<IdempotencyRecord> find_idempotency_record(db::Database& db, const std::string& id);

// The placeholder for a request about to run; false when the key is already there.
bool insert_idempotency_placeholder(db::Database& db, const std::string& id, std::int64_t user_id,
                                    const std::string& method, const std::string& target,
                                    const std::string& body_sha256, std::int64_t now);
// An abandoned placeholder restarts now, unless another retry took it over since `created_at`.
bool take_over_idempotency_placeholder(db::Database& db, const std::string& id, std::int64_t created_at,
                                       std::int64_t now);
void keep_idempotent_answer(db::Database& db, const std::string& id, int status, const std::string& body,
                            const std::string& content_type);
// The placeholder goes (a refused request runs again when retried); a kept answer stays.
void delete_idempotency_placeholder(db::Database& db, const std::string& id);
void delete_idempotency_keys_before(db::Database& db, std::int64_t cutoff);

}  // namespace crm::http
