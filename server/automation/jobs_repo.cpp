#include "automation/jobs_repo.hpp"

#include <algorithm>
#include <optional>

#include "db/iso_json.hpp"

namespace crm::automation {

const char* const kJobColumns =
    "id, rule_id, lead_id, kind, payload, due_at, status, attempts, last_error, idempotency_key, sent_at, "
    "completed_at, created_at";

nlohmann::json job_to_json(db::Statement& st) {
    auto payload = nlohmann::json::parse(st.get_text(4), nullptr, false);
    if (payload.is_discarded()) payload = nlohmann::json::object();
    return {{"id", st.get_int64(0)},
            {"ruleId", st.is_null(1) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(1))},
            {"leadId", st.is_null(2) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(2))},
            {"kind", st.get_text(3)},
            {"payload", payload},
            {"dueAt", db::iso_or_null(st.get_int64(5))},
            {"status", st.get_text(6)},
            {"attempts", st.get_int64(7)},
            {"lastError", st.is_null(8) ? nlohmann::json(nullptr) : nlohmann::json(st.get_text(8))},
            {"idempotencyKey", st.get_text(9)},
            {"sentAt", db::iso_or_null(st.get_opt_int64(10))},
            {"completedAt", db::iso_or_null(st.get_opt_int64(11))},
            {"createdAt", db::iso_or_null(st.get_opt_int64(12))}};
}

nlohmann::json find_job_json(db::Database& db, std::int64_t id) {
    auto st = db.prepare(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return nullptr;
    return job_to_json(st);
}

std::int64_t enqueue(db::Database& db, const NewJob& job, std::int64_t now) {
    db.prepare(
          "INSERT INTO jobs(rule_id, lead_id, kind, payload, due_at, idempotency_key, created_at) "
          "VALUES (?,?,?,?,?,?,?) ON CONFLICT(idempotency_key) DO NOTHING")
        .bind_all(job.rule_id, job.lead_id, std::string(domain::to_string(job.kind)), job.payload.dump(), job.due_at,
                  job.idempotency_key, now)
        .run();
    auto st = db.prepare("SELECT id FROM jobs WHERE idempotency_key = ?");
    st.bind(1, job.idempotency_key);
    st.step();
    return st.get_int64(0);
}

std::vector<Job> claim_due(db::Database& db, std::int64_t now, int limit) {
    // One statement claims the batch. On SQLite it runs under the write lock, one scheduler at a
    // time. On PostgreSQL it takes no writers' lock: FOR UPDATE SKIP LOCKED lets the schedulers
    // of several instances claim side by side, each skipping the rows another is claiming, so
    // no job is claimed twice and none waits for the other's writes (docs/SCALING.md).
    const bool pg = db.dialect() == db::Dialect::postgresql;
    std::optional<db::Transaction> tx;
    if (!pg) tx.emplace(db);
    std::vector<Job> jobs;
    std::vector<std::pair<std::int64_t, std::string>> unknown;  // id, kind
    {  // the RETURNING statement must be finalized before COMMIT
        auto st = db.prepare(
            std::string("UPDATE jobs SET status = 'running', lease_until = ?1, attempts = attempts + 1 "
                        "WHERE id IN (SELECT id FROM jobs WHERE (status = 'pending' AND due_at <= ?2) "
                        "             OR (status = 'running' AND lease_until < ?2) ORDER BY due_at, id LIMIT ?3") +
            (pg ? " FOR UPDATE SKIP LOCKED" : "") +
            ") RETURNING id, rule_id, lead_id, kind, payload, due_at, status, attempts, idempotency_key");
        st.bind_all(now + kLeaseSeconds, now, limit);
        while (st.step()) {
            Job j;
            j.id = st.get_int64(0);
            j.rule_id = st.get_opt_int64(1);
            j.lead_id = st.get_opt_int64(2);
            const auto kind = domain::parse_job_kind(st.get_text(3));
            if (!kind) {
                unknown.emplace_back(j.id, st.get_text(3));
                continue;
            }
            j.kind = *kind;
            j.payload = nlohmann::json::parse(st.get_text(4), nullptr, false);
            if (j.payload.is_discarded()) j.payload = nlohmann::json::object();
            j.due_at = st.get_int64(5);
            j.status = st.get_text(6);
            j.attempts = st.get_int(7);
            j.idempotency_key = st.get_text(8);
            jobs.push_back(std::move(j));
        }
    }
    for (const auto& [id, kind] : unknown) mark_failed(db, id, "type de job inconnu « " + kind + " »");
    if (tx) tx->commit();
    std::sort(jobs.begin(), jobs.end(),
              [](const Job& a, const Job& b) { return a.due_at != b.due_at ? a.due_at < b.due_at : a.id < b.id; });
    return jobs;
}

void mark_done(db::Database& db, std::int64_t job_id, std::int64_t now, bool sent) {
    db.prepare(sent ? "UPDATE jobs SET status = 'done', sent_at = ?1, completed_at = ?1, lease_until = NULL, "
                      "last_error = NULL WHERE id = ?2"
                    : "UPDATE jobs SET status = 'done', completed_at = ?1, lease_until = NULL, last_error = NULL WHERE "
                      "id = ?2")
        .bind_all(now, job_id)
        .run();
}

void mark_retry(db::Database& db, const Job& job, std::int64_t now, const std::string& error) {
    if (job.attempts >= kMaxAttempts) {
        db.prepare("UPDATE jobs SET status = 'failed', last_error = ?, lease_until = NULL WHERE id = ?")
            .bind_all(error, job.id)
            .run();
        return;
    }
    // 1, 2, 4, 8 minutes...
    const std::int64_t backoff = 60LL << std::max(0, job.attempts - 1);
    db.prepare("UPDATE jobs SET status = 'pending', due_at = ?, last_error = ?, lease_until = NULL WHERE id = ?")
        .bind_all(now + backoff, error, job.id)
        .run();
}

void mark_failed(db::Database& db, std::int64_t job_id, const std::string& why) {
    db.prepare("UPDATE jobs SET status = 'failed', last_error = ? WHERE id = ?").bind_all(why, job_id).run();
}

void mark_cancelled(db::Database& db, std::int64_t job_id, std::int64_t now, const std::string& why) {
    db.prepare(
          "UPDATE jobs SET status = 'cancelled', completed_at = ?, last_error = ?, lease_until = NULL WHERE id = ?")
        .bind_all(now, why, job_id)
        .run();
}

void defer(db::Database& db, std::int64_t job_id, std::int64_t until) {
    db.prepare(
          "UPDATE jobs SET status = 'pending', due_at = ?, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 "
          "END, lease_until = NULL WHERE "
          "id = ?")
        .bind_all(until, job_id)
        .run();
}

bool retry_failed(db::Database& db, std::int64_t job_id, std::int64_t now) {
    db.prepare(
          "UPDATE jobs SET status = 'pending', due_at = ?, attempts = 0, lease_until = NULL "
          "WHERE id = ? AND status = 'failed'")
        .bind_all(now, job_id)
        .run();
    return db.changes() == 1;
}

bool rearm_for_resend(db::Database& db, std::int64_t job_id, std::int64_t now) {
    const bool pg = db.dialect() == db::Dialect::postgresql;
    db.prepare(
          std::string("UPDATE jobs SET status = 'pending', due_at = ?, attempts = 0, lease_until = NULL, "
                      "completed_at = NULL, last_error = NULL, payload = ") +
          (pg ? "jsonb_set(payload::jsonb, '{resend}', 'true')::text" : "json_set(payload, '$.resend', json('true'))") +
          " WHERE id = ? AND status = 'done'")
        .bind_all(now, job_id)
        .run();
    return db.changes() == 1;
}

void mark_applied(db::Database& db, std::int64_t job_id, std::int64_t now) {
    db.prepare("UPDATE jobs SET status = 'done', attempts = 1, completed_at = ? WHERE id = ? AND status = 'pending'")
        .bind_all(now, job_id)
        .run();
}

nlohmann::json list_jobs(db::Database& db, const std::string& status, std::optional<std::int64_t> lead_id, int limit) {
    std::string sql = std::string("SELECT ") + kJobColumns + " FROM jobs WHERE 1=1";
    if (!status.empty()) sql += " AND status = ?1";
    if (lead_id) sql += " AND lead_id = ?2";
    sql += " ORDER BY due_at DESC, id DESC LIMIT ?3";
    auto st = db.prepare(sql);
    if (!status.empty()) st.bind(1, status);
    if (lead_id) st.bind(2, *lead_id);
    st.bind(3, limit);
    auto items = nlohmann::json::array();
    while (st.step()) items.push_back(job_to_json(st));
    return items;
}

int cancel_pending_for_lead(db::Database& db, std::int64_t lead_id, std::int64_t now, const std::string& why) {
    db.prepare(
          "UPDATE jobs SET status = 'cancelled', completed_at = ?, last_error = ? "
          "WHERE lead_id = ? AND status IN ('pending', 'running')")
        .bind_all(now, why, lead_id)
        .run();
    return db.changes();
}

void forget_share_url(db::Database& db, std::int64_t job_id) {
    const bool pg = db.dialect() == db::Dialect::postgresql;
    db.prepare(std::string("UPDATE jobs SET payload = ") +
               (pg ? "(payload::jsonb - 'shareUrl')::text" : "json_remove(payload, '$.shareUrl')") +
               " WHERE id = ? AND status = 'done'")
        .bind(1, job_id)
        .run();
}

}  // namespace crm::automation
