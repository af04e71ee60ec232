#pragma once
// Leads as domain::Lead (the one mapping to JSON lives in the domain library), and their
// history as API JSON (camelCase, ISO times, cents).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "crm/domain/lead.hpp"
#include "db/database.hpp"

namespace crm::leads {

// SELECT list for a lead aliased `l`; lead_from_row reads it starting at column 0.
extern const char* const kLeadColumns;
domain::Lead lead_from_row(const db::Statement& st);
// Fills what lives in other tables: recent call attempts (frequency cap), booked slot.
void load_lead_extras(db::Database& db, std::vector<domain::Lead>& leads, std::int64_t now);

std::optional<domain::Lead> find_lead(db::Database& db, std::int64_t id, std::int64_t now);
// The lead only when it is assigned to this agent (agents never see other leads).
std::optional<domain::Lead> find_assigned_lead(db::Database& db, std::int64_t id, std::int64_t agent_id,
                                               std::int64_t now);
// Leads that may be in the queue (the obvious exclusions are filtered in SQL).
std::vector<domain::Lead> queue_candidates(db::Database& db, std::int64_t now);
// These leads as the queue reads them (whatever their stage), the ones that still exist; at
// most 500 ids (one page of load_lead_extras).
std::vector<domain::Lead> leads_by_ids(db::Database& db, const std::vector<std::int64_t>& ids, std::int64_t now);
// When each lead's booked slot ends (its latest appointment still to end after `now`): the
// moment its has_booked_slot turns false. Every lead with one, or only `ids` when given.
std::unordered_map<std::int64_t, std::int64_t> booked_slot_ends(db::Database& db, std::int64_t now,
                                                                const std::vector<std::int64_t>* ids = nullptr);

// "SELECT <this> WHERE ..." reads interactions aliased `i` (with their author's name) as
// interaction_from_row maps them: {id, leadId, kind, direction, summary, outcome, timestamp,
// durationS, userId, userName}.
extern const char* const kInteractionColumns;
nlohmann::json interaction_from_row(const db::Statement& st);
nlohmann::json lead_interactions(db::Database& db, std::int64_t lead_id);  // newest first
// What an agent may read of a lead's history: their own interactions, and anyone's from
// `delivered_at` on (what happened before the lead was theirs stays the operator's).
nlohmann::json lead_interactions_for_agent(db::Database& db, std::int64_t lead_id, std::int64_t agent_id,
                                           std::int64_t delivered_at);
nlohmann::json lead_appointments(db::Database& db, std::int64_t lead_id);
nlohmann::json interaction_by_id(db::Database& db, std::int64_t id);

// Inbound SMS: the leads with this number (E.164), as the webhook needs them.
struct LeadContact {
    std::int64_t id = 0;
    std::string first_name, last_name;
    bool dnc = false;
};
std::vector<LeadContact> leads_with_phone(db::Database& db, const std::string& e164);
void mark_dnc(db::Database& db, std::int64_t id, std::int64_t now);      // "STOP": do-not-contact at once
void mark_replied(db::Database& db, std::int64_t id, std::int64_t now);  // raised in the queue until called
void add_incoming_sms(db::Database& db, std::int64_t lead_id, const std::string& text, std::int64_t now);
void set_next_action(db::Database& db, std::int64_t id, std::int64_t at);  // updated_at left as it is

// --- The operator's lead book.

struct LeadSearch {
    std::string q;              // inside a name, the phone, the e-mail, the city or the zip
    std::string stage, status;  // empty: any
    int limit = 50, offset = 0;
};
struct LeadPage {
    std::vector<domain::Lead> leads;  // newest first, with the queue's scoring inputs
    std::int64_t total = 0;           // matching leads, the page aside
};
LeadPage search_leads(db::Database& db, const LeadSearch& search, std::int64_t now);

// Other leads with the same normalised phone or lower-cased e-mail (for 409 duplicate).
nlohmann::json duplicate_candidates(db::Database& db, const domain::Lead& lead);
// INSERT (created_at, updated_at, owner as set on `lead`) or UPDATE of the editable columns.
// Returns the lead's id (the new one after an INSERT).
std::int64_t write_lead(db::Database& db, const domain::Lead& l, bool insert);
// After a merge (hygiene): the kept lead's pipeline state and counters as domain::merged_lead
// decided them (the fields write_lead does not write), updated_at = now.
void save_merged_state(db::Database& db, const domain::Lead& merged, std::int64_t now);
void delete_lead_row(db::Database& db, std::int64_t id);

// The operator's note on the lead (which it touches); returns the note's id.
std::int64_t insert_note(db::Database& db, std::int64_t lead_id, std::int64_t user_id, const std::string& text,
                         std::int64_t now);
// The operator's call (an outgoing call interaction); returns its id.
std::int64_t add_call(db::Database& db, std::int64_t lead_id, std::int64_t user_id, const std::string& summary,
                      const std::string& outcome, std::int64_t now, std::optional<std::int64_t> seconds);
// Everything that happened to the lead, newest first: interactions, appointments, follow-ups,
// messages and deliveries, each with its `type` and `at`.
nlohmann::json lead_timeline(db::Database& db, std::int64_t lead_id);

// --- Stage, status and next action: what the operator, an outcome and the rules change.

void set_stage(db::Database& db, std::int64_t id, domain::Stage stage, std::int64_t now);
void set_status(db::Database& db, std::int64_t id, domain::Status status, std::int64_t now);
// The lead rests until `at` (a follow-up, a nurture ping), `updated_at` stamped too.
void set_next_action(db::Database& db, std::int64_t id, std::int64_t at, std::int64_t now);
// The lead's next_action_at after its follow-ups changed (done, snoozed): the earliest open
// follow-up or pending nurture ping, none without either.
void refresh_next_action(db::Database& db, std::int64_t lead_id, std::int64_t now);
// What a call outcome changed (domain::apply_outcome): stage, status, flags, counters, dates.
void save_call_state(db::Database& db, const domain::Lead& lead, std::int64_t now);

// Stage moves a delivery makes.
void mark_sent_to_agent(db::Database& db, std::int64_t id, std::int64_t agent_id, std::int64_t now);
void mark_sold(db::Database& db, std::int64_t id, std::int64_t now);
void mark_refunded_bad(db::Database& db, std::int64_t id, std::int64_t now);  // and no longer the agent's
void touch(db::Database& db, std::int64_t id, std::int64_t now);              // updated_at only

// The leads `time:idle_7d` fires on: active or follow_up, at stage new, contacted or qualified,
// neither DNC nor a bad number, untouched since `untouched_since` and nothing planned after it.
// Their ids and last touch (their creation when never touched).
struct IdleLead {
    std::int64_t lead_id = 0, last_touch_at = 0;
};
std::vector<IdleLead> idle_leads(db::Database& db, std::int64_t untouched_since);

}  // namespace crm::leads
