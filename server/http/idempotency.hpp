#pragma once
// Idempotency-Key on writes: a client that retries a write it may already have sent (the
// console's offline outbox, a timeout) gets the first answer again instead of a second
// application. One record per (user, key) in idempotency_keys; App::dispatch calls it after
// the session, CSRF and role checks, so handlers know nothing about it.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "db/database.hpp"
#include "http/types.hpp"

namespace crm::http {

// The Idempotency-Key header when present: 1-100 characters of [A-Za-z0-9._:-], else 400.
std::optional<std::string> idempotency_key(const Request& req);

class IdempotentWrites {
public:
    explicit IdempotentWrites(db::Pool& pool) : pool_(pool) {}

    // First sight of the key: runs `handler` and keeps a 2xx answer (anything else is
    // forgotten, so a retry runs again). Seen before with the same method, target and body:
    // the kept answer with `Idempotent-Replayed: true`; with another request: 422
    // idempotency_mismatch; still running: 409 in_progress, unless for over 5 minutes (a crash
    // between the handler's commit and the record): then it runs again (at least once).
    Response run(const Request& req, std::int64_t user_id, const std::string& key, std::int64_t now,
                 const std::function<Response()>& handler);

private:
    void prune(db::Database& db, std::int64_t now);
    void keep(const std::string& id, const Response& res);
    void forget(const std::string& id);

    db::Pool& pool_;
    std::atomic<std::int64_t> pruned_at_{0};
};

}  // namespace crm::http
