#pragma once
// Every SQL statement about outgoing messages (the `messages` table): the row a job writes
// before calling a provider, what the provider answered, its receipts, the local outbox and
// the list the UIs show. A status says what happened, never more (migration 017).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/job_kinds.hpp"
#include "db/database.hpp"

namespace crm::messages {

struct NewMessage {
    std::int64_t job_id = 0;
    std::optional<std::int64_t> lead_id;
    std::string channel;  // sms | email | whatsapp
    std::string to;
    std::string subject;
    std::string body;
    bool transactional = false;
    std::vector<std::string> attachments;  // file names
};

// The message row of a job: found again after a crash, else written now as `queued`.
std::int64_t message_for_job(db::Database& db, const NewMessage& m, std::int64_t now);

// What the provider did with it.
void mark_sent(db::Database& db, std::int64_t id, const std::string& provider, const std::string& provider_id,
               std::int64_t now);
void mark_outbox(db::Database& db, std::int64_t id, const std::string& provider);
void mark_prepared(db::Database& db, std::int64_t id, const std::string& link);  // a wa.me link
void mark_failed(db::Database& db, std::int64_t id, const std::string& error);
// The operator says a prepared WhatsApp message went: true when it was `prepared`.
bool confirm_prepared(db::Database& db, std::int64_t id, std::int64_t now);

// A WhatsApp message the operator sends themself from a wa.me link (no job): `prepared` until
// they confirm it went.
std::int64_t add_prepared_whatsapp(db::Database& db, std::optional<std::int64_t> lead_id, const std::string& to,
                                   const std::string& body, std::int64_t now);

// A provider's receipt for its message id. `delivered`, or `failed` with the provider's code;
// only moves forward (a late "sent" never undoes "delivered"). False when no message matches.
bool apply_receipt(db::Database& db, const std::string& provider_id, bool delivered, const std::string& error,
                   std::int64_t now);

// Stopped before sending (do-not-contact or a bad number found when the job ran).
void mark_blocked_for_job(db::Database& db, std::int64_t job_id, const std::string& why);

// Messages kept in the local outbox for a channel, with the job that made them.
struct OutboxEntry {
    std::int64_t message_id = 0;
    std::optional<std::int64_t> job_id;
    std::optional<domain::JobKind> job_kind;  // send_package cannot be sent again: its link was never kept
};
std::vector<OutboxEntry> outbox_entries(db::Database& db, const std::string& channel);
std::int64_t count_with_status(db::Database& db, const std::string& channel, const std::string& status);

// GET /api/messages: newest first, at most 500, optionally one lead's.
nlohmann::json list_json(db::Database& db, std::optional<std::int64_t> lead_id);
std::optional<nlohmann::json> find_json(db::Database& db, std::int64_t id);

// Whether the template of this name is transactional (sent outside the SMS window); none
// when there is no such template.
std::optional<bool> template_transactional(db::Database& db, const std::string& name);

}  // namespace crm::messages
