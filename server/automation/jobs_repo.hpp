#pragma once
// Every SQL statement about jobs: the `jobs` table as a durable queue. Jobs are created in the
// same transaction as their cause, claimed with a lease (a crashed run is claimed again once
// the lease ends), and finished exactly once: a job's side effect and its completion stamp
// commit together.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/job_kinds.hpp"
#include "db/database.hpp"

namespace crm::automation {

struct NewJob {
    std::optional<std::int64_t> rule_id;
    std::optional<std::int64_t> lead_id;
    domain::JobKind kind = domain::JobKind::send_sms;  // stored by its name (domain::to_string)
    nlohmann::json payload = nlohmann::json::object();
    std::int64_t due_at = 0;
    std::string idempotency_key;  // unique: enqueuing the same key twice is a no-op
};

struct Job {
    std::int64_t id = 0;
    std::optional<std::int64_t> rule_id, lead_id;
    domain::JobKind kind = domain::JobKind::send_sms;
    nlohmann::json payload;
    std::int64_t due_at = 0;
    std::string status;
    int attempts = 0;
    std::string idempotency_key;
};

// Inserts the job unless its idempotency key exists; returns its id either way.
std::int64_t enqueue(db::Database& db, const NewJob& job, std::int64_t now);

constexpr std::int64_t kLeaseSeconds = 120;
constexpr int kMaxAttempts = 5;

// Claims up to `limit` due jobs (pending and due, or running with an expired lease). A job of a
// kind this server does not know fails there and is not returned.
std::vector<Job> claim_due(db::Database& db, std::int64_t now, int limit);
void mark_done(db::Database& db, std::int64_t job_id, std::int64_t now, bool sent);
// Back to pending with exponential backoff, or `failed` after kMaxAttempts.
void mark_retry(db::Database& db, const Job& job, std::int64_t now, const std::string& error);
// `failed` at once, without retrying (an unknown template, a provider's final refusal).
void mark_failed(db::Database& db, std::int64_t job_id, const std::string& why);
void mark_cancelled(db::Database& db, std::int64_t job_id, std::int64_t now, const std::string& why);
// Pushes a job to a later time without counting an attempt (e.g. outside the SMS window).
void defer(db::Database& db, std::int64_t job_id, std::int64_t until);
// A failed job goes back to pending, due now, with a fresh attempt count (the operator's Retry).
// Returns false when the job is not in `failed`.
bool retry_failed(db::Database& db, std::int64_t job_id, std::int64_t now);
// A done job that left its message in the local outbox runs again ("Envoyer la boîte d'envoi"),
// marked `resend` so its one-time side effects are not repeated. Only a done job is re-armed:
// one pending or running is left alone, so pressing twice sends once.
bool rearm_for_resend(db::Database& db, std::int64_t job_id, std::int64_t now);
// A state change the rule engine applied at once (set_status, set_stage, create_task...): its
// job, still pending, is recorded done on its first attempt.
void mark_applied(db::Database& db, std::int64_t job_id, std::int64_t now);
int cancel_pending_for_lead(db::Database& db, std::int64_t lead_id, std::int64_t now, const std::string& why);
// The package's share link leaves a done job's payload: only the e-mail carried it.
void forget_share_url(db::Database& db, std::int64_t job_id);

nlohmann::json job_to_json(db::Statement& st);                    // for SELECT kJobColumns
nlohmann::json find_job_json(db::Database& db, std::int64_t id);  // one job as API JSON
extern const char* const kJobColumns;
// The operator's list, latest due first: of one status and one lead when given.
nlohmann::json list_jobs(db::Database& db, const std::string& status, std::optional<std::int64_t> lead_id, int limit);

}  // namespace crm::automation
