#pragma once
// The SQL of compliance: GDPR erasure and export, and consent recorded on the phone.
//
// Erasure is shared by POST /api/leads/{id}/erase, DELETE /api/leads/{id} and the retention
// pass of the scheduler. The person's name, phone (however written), e-mail and the texts
// written about them go from every table that held them (the lead, its history, messages,
// tasks, appointments, delivery refund reasons, jobs, notifications, audit copies, the answers
// kept for Idempotency-Key replays) and from the bytes of the file (secure_delete zeroes freed
// space, the search index is rewritten, the WAL is checkpointed and truncated). Money, counts
// and dates stay (the dashboard and the books do not change); share links die; it is audited.
// What erasure cannot reach (backups) is in docs/PRIVACY.md.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::compliance {

constexpr const char* kErasedMarker = "[effacé]";

// Call inside a transaction, then purge_search_index() once before its commit and
// checkpoint_wal() after it. `user_id` is empty for the scheduler ("système" in the audit log).
void erase_lead_data(db::Database& db, std::int64_t lead_id, std::optional<std::int64_t> user_id,
                     const std::string& why, std::int64_t now);

// FTS5 keeps an edited row's old terms in older index segments until they are merged: this
// merges them all (optimize), so the erased text is gone from the index too. In the transaction.
void purge_search_index(db::Database& db);

// Writes the WAL into the database file and truncates it: old page images (the person's data
// before erasure) leave the disk. Outside any transaction. False when a reader kept it from
// finishing within the busy timeout (the next erasure or checkpoint finishes the job).
bool checkpoint_wal(db::Database& db);

// Leads untouched since `cutoff` and not yet erased: created before it, and no call, note or
// meeting since (changes the automations make on their own do not count as a touch).
std::vector<std::int64_t> leads_untouched_since(db::Database& db, std::int64_t cutoff, int limit);

// What a GDPR export holds beside the lead, its history and appointments: the lead's messages,
// tasks and deliveries, every column as text ({messages, tasks, deliveries}).
nlohmann::json lead_records_for_export(db::Database& db, std::int64_t lead_id);

// Consent given on the phone: the lead's consent set now with the source "call" and the exact
// `words`, and a note in its history saying so, by `user_id`.
void record_phone_consent(db::Database& db, std::int64_t lead_id, std::int64_t user_id, const std::string& words,
                          std::int64_t now);

}  // namespace crm::compliance
