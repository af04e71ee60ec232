#include "http/idempotency.hpp"

#include <cstdio>

#include "auth/passwords.hpp"
#include "crm/domain/json.hpp"
#include "http/errors.hpp"
#include "http/idempotency_repo.hpp"

namespace crm::http {

namespace {

constexpr std::int64_t kAbandonedAfter = 5 * 60;  // longer than any request may take
constexpr std::int64_t kKeptFor = 7 * 86400;
constexpr std::int64_t kPruneEvery = 60;

Response replay(const Request& req, const IdempotencyRecord& r) {
    Response res{static_cast<bhttp::status>(r.status), req.version()};
    if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
    res.set(bhttp::field::cache_control, "no-store");
    res.set("Idempotent-Replayed", "true");
    res.keep_alive(req.keep_alive());
    res.body() = r.response;
    res.prepare_payload();
    return res;
}

ApiError in_progress() {
    return conflict("in_progress", "Cette requête est déjà en cours de traitement, réessayez dans un instant.");
}

struct Claim {
    std::string id, method, target, body_sha256;
    std::int64_t user_id = 0;
};

// Takes the key for this request with a placeholder (status 0): nullopt, run it. Otherwise
// the kept answer, or an error saying why not.
std::optional<Response> claim(db::Database& db, const Request& req, const Claim& c, std::int64_t now) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (insert_idempotency_placeholder(db, c.id, c.user_id, c.method, c.target, c.body_sha256, now))
            return std::nullopt;
        const auto seen = find_idempotency_record(db, c.id);
        if (!seen) continue;  // its request failed in the meantime: claim it again
        if (seen->method != c.method || seen->target != c.target || seen->body_sha256 != c.body_sha256)
            throw ApiError(422, "idempotency_mismatch", "Cette clé d'idempotence a déjà servi pour une autre requête.");
        if (seen->status != 0) return replay(req, *seen);
        if (now - seen->created_at < kAbandonedAfter) throw in_progress();
        // Abandoned: take it over, unless another retry has just done so.
        if (take_over_idempotency_placeholder(db, c.id, seen->created_at, now)) return std::nullopt;
        throw in_progress();
    }
    throw in_progress();
}

// Recording is best effort: failing it must not turn the handler's answer into an error (the
// record stays a placeholder, answered 409 until it counts as abandoned).
template <typename Write>
void best_effort(Write&& write) {
    try {
        write();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "{\"level\":\"error\",\"what\":\"idempotency\",\"error\":%s}\n",
                     domain::json_text(e.what()).c_str());
    }
}

}  // namespace

std::optional<std::string> idempotency_key(const Request& req) {
    auto it = req.find("Idempotency-Key");
    if (it == req.end()) return std::nullopt;
    const std::string key(it->value());
    const bool ok = !key.empty() && key.size() <= 100 &&
                    key.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-") ==
                        std::string::npos;
    if (!ok)
        throw bad_request(
            "L'en-tête Idempotency-Key doit compter 1 à 100 caractères parmi A-Z, a-z, 0-9, « . _ : - ».");
    return key;
}

Response IdempotentWrites::run(const Request& req, std::int64_t user_id, const std::string& key, std::int64_t now,
                               const std::function<Response()>& handler) {
    // Two users never share a key.
    const Claim c{std::to_string(user_id) + ":" + key, std::string(req.method_string()), std::string(req.target()),
                  auth::sha256_hex(req.body()), user_id};
    {
        auto db = pool_.acquire();
        prune(*db, now);
        if (auto answer = claim(*db, req, c, now)) return std::move(*answer);
    }
    Response res;
    try {
        res = handler();
    } catch (...) {
        forget(c.id);  // an exception becomes an error answer: nothing was applied
        throw;
    }
    const auto status = res.result_int();
    if (status >= 200 && status < 300)
        keep(c.id, res);
    else
        forget(c.id);
    return res;
}

void IdempotentWrites::keep(const std::string& id, const Response& res) {
    best_effort([&] {
        auto db = pool_.acquire();
        auto type = res.find(bhttp::field::content_type);
        keep_idempotent_answer(*db, id, static_cast<int>(res.result_int()), res.body(),
                               type == res.end() ? std::string() : std::string(type->value()));
    });
}

// A retry of a refused request runs again.
void IdempotentWrites::forget(const std::string& id) {
    best_effort([&] {
        auto db = pool_.acquire();
        delete_idempotency_placeholder(*db, id);
    });
}

// At most once a minute, from a write that is writing anyway.
void IdempotentWrites::prune(db::Database& db, std::int64_t now) {
    auto last = pruned_at_.load();
    if (now >= last && now - last < kPruneEvery) return;
    if (!pruned_at_.compare_exchange_strong(last, now)) return;  // another request prunes
    delete_idempotency_keys_before(db, now - kKeptFor);
}

}  // namespace crm::http
