#pragma once
// What the console keeps on the device to work without the network: the leads, interactions,
// tasks and settings as GET /api/sync last sent them (plus the rules, so outcomes recorded
// offline change a lead as the server will), and the sync cursor. Saved to IndexedDB as one
// JSON document; no HTTP and no browser here (tested natively).
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/follow_ups_model.hpp"
#include "crm/domain/lead.hpp"
#include "crm/domain/rules.hpp"
#include "crm/domain/settings.hpp"

namespace crm::console {

class OfflineStore {
public:
    // Applies one answer of GET /api/sync: a full answer replaces everything, an incremental
    // one upserts and deletes. Returns false (and changes nothing) when the answer is not
    // readable as a sync answer.
    bool apply_sync(const nlohmann::json& answer, domain::UnixTime now);
    // Whether the last answer applied brought, removed or changed anything (a full answer
    // always does): a sync that found nothing new leaves the console as it is.
    bool last_sync_changed() const { return last_sync_changed_; }
    void put_lead(const domain::Lead& lead);  // an offline change or a server answer
    void remove_lead(std::int64_t id);
    void add_interaction(const nlohmann::json& interaction);  // recorded offline, before the server has it
    void set_rules(const nlohmann::json& items);              // GET /api/rules items
    void put_task(const nlohmann::json& task);                // a follow-up as the server answered it
    // What the server does when an outcome is recorded, done on the device at once: every open
    // follow-up of the lead is done at `at`.
    void complete_tasks_of(std::int64_t lead_id, domain::UnixTime at);
    // A follow-up changed on the device (done or snoozed offline) until the server's answer.
    void change_task(std::int64_t id, std::optional<domain::UnixTime> due, std::optional<domain::UnixTime> done_at);
    void drop_local_interactions();  // the outbox is empty: the server has them all now

    const nlohmann::json& rules() const { return rules_; }
    std::vector<domain::Lead> leads() const;
    std::optional<domain::Settings> settings() const;
    std::vector<FollowUp> follow_ups() const;  // every follow-up kept, open or done
    // The state actions of the enabled rules for a trigger ("outcome:no_answer"), in rule order.
    std::vector<domain::Action> state_actions(const std::string& trigger) const;
    // The lead's interactions, newest first (the timeline when the server cannot be reached).
    std::vector<nlohmann::json> interactions_of(std::int64_t lead_id) const;

    std::int64_t cursor() const { return cursor_; }
    domain::UnixTime last_sync() const { return last_sync_; }
    bool empty() const { return leads_.empty() && cursor_ == 0; }

    nlohmann::json to_json() const;
    static std::optional<OfflineStore> from_json(const nlohmann::json& j);  // nullopt: unreadable

private:
    std::int64_t cursor_ = 0;
    domain::UnixTime last_sync_ = 0;
    bool last_sync_changed_ = false;
    nlohmann::json settings_;
    nlohmann::json rules_ = nlohmann::json::array();
    std::map<std::int64_t, nlohmann::json> leads_, interactions_, tasks_;
    std::int64_t local_interaction_id_ = -1;  // negative ids: recorded offline, replaced by the server's
};

}  // namespace crm::console
