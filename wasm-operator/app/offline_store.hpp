#pragma once
// What the console keeps on the device to work without the network: the leads, interactions,
// tasks and settings as GET /api/sync last sent them (plus the rules, so outcomes recorded
// offline change a lead as the server will), and the sync cursor. Saved to IndexedDB one record
// per lead, interaction and task, and only the records that changed (a book of 100,000 leads is
// never written again as a whole); no HTTP and no browser here (tested natively).
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/follow_ups_model.hpp"
#include "crm/domain/lead.hpp"
#include "crm/domain/lead_json_reader.hpp"
#include "crm/domain/rules.hpp"
#include "crm/domain/settings.hpp"

namespace crm::console {

// What one sync answer did to the leads, so the console can apply just that to its own list.
struct SyncPageChanges {
    bool full = false;                   // every lead was replaced
    std::vector<std::int64_t> upserted;  // lead ids brought (new or changed)
    std::vector<std::int64_t> removed;   // lead ids that were there and are gone
    bool settings_changed = false;       // they differ from the ones kept
    bool changed = false;                // anything at all: leads, interactions, tasks, settings
    bool more = false;                   // the server has more pages after this one
    std::int64_t lead_total = 0;         // the leads the server holds (0 when it did not say)
};

// One write of the device's copy (see take_device_write): JSON text for the browser side.
struct DeviceWrite {
    std::string text;
    bool complete = false;  // nothing is left to write after this one
};

class OfflineStore {
public:
    // Applies one answer of GET /api/sync: a full answer replaces everything, an incremental
    // one upserts and deletes. Returns false (and changes nothing) when the answer is not
    // readable as a sync answer.
    bool apply_sync(const nlohmann::json& answer, domain::UnixTime now);
    // The same answer as the server's text, read in one pass with its leads straight into
    // Leads (domain::read_document_with_leads: no tree per lead, for a first sync of 100,000).
    bool apply_sync_text(std::string_view answer, domain::UnixTime now);
    // What the last answer applied changed (a full answer always changes something): a sync
    // that found nothing new leaves the console as it is.
    const SyncPageChanges& last_page() const { return last_page_; }
    bool last_sync_changed() const { return last_page_.changed; }
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
    std::vector<domain::Lead> leads() const;                                               // in id order
    std::vector<domain::Lead> leads_with_ids(const std::vector<std::int64_t>& ids) const;  // those still kept
    bool has_lead(std::int64_t id) const { return leads_.count(id) > 0; }
    std::size_t lead_count() const { return leads_.size(); }
    std::optional<domain::Settings> settings() const;
    std::vector<FollowUp> follow_ups() const;  // every follow-up kept, open or done
    // The state actions of the enabled rules for a trigger ("outcome:no_answer"), in rule order.
    std::vector<domain::Action> state_actions(const std::string& trigger) const;
    // The lead's interactions, newest first (the timeline when the server cannot be reached).
    std::vector<nlohmann::json> interactions_of(std::int64_t lead_id) const;

    std::int64_t cursor() const { return cursor_; }
    domain::UnixTime last_sync() const { return last_sync_; }
    bool empty() const { return leads_.empty() && cursor_ == 0; }

    // The device's copy (IndexedDB stores "leads", "interactions", "tasks", and "kv" for the
    // rest). Every change marks its record; take_device_write() hands out at most `max_records`
    // of them, so writing a first sync of 100,000 leads is spread over many short writes:
    //   {"clear": bool, "meta": {…} | null, "leads": [lead…], "interactions": […], "tasks": […],
    //    "deleted": {"leads": [id…], "interactions": […], "tasks": […]}}
    // The meta (cursor, settings, rules) goes with the write that completes the copy: a page
    // closed half-way reopens on the old cursor and the sync sends the rest again. After a
    // full replace the first write clears the stores and sets the cursor to 0 until then.
    bool device_write_pending() const;
    DeviceWrite take_device_write(std::size_t max_records);
    void device_write_failed();  // what was handed out may be lost: the next writes redo it all
    // Reading the copy back: the records, then the meta (nullopt when the copy is unusable:
    // the device then starts empty and the sync brings everything).
    bool load_device_records(const std::string& kind, const nlohmann::json& records);
    // Lead records as the text of a JSON array, read straight into leads (a tree per lead
    // first took twice as long: 2,000 leads a frame when the console reopens); a copy of each
    // goes to `loaded` (the console's own, gathered part by part).
    bool load_device_leads(std::string_view records, std::vector<domain::Lead>& loaded);
    bool load_device_meta(const nlohmann::json& meta);

private:
    struct Interaction {
        std::int64_t lead_id = 0;
        std::string timestamp;  // ISO, for the newest-first order
        std::string text;       // the record as the server sent it (parsed only when shown)
    };
    static Interaction interaction_of(const nlohmann::json& record);  // lead id and time read once
    // An answer's leads, read; `a` the rest of it (its "leads" key, if any, is not read again).
    bool apply_page(const nlohmann::json& a, std::vector<domain::Lead> parsed, domain::UnixTime now);
    void mark_all_for_rewrite();
    std::int64_t cursor_ = 0;
    domain::UnixTime last_sync_ = 0;
    SyncPageChanges last_page_;
    nlohmann::json settings_;
    nlohmann::json rules_ = nlohmann::json::array();
    std::map<std::int64_t, domain::Lead> leads_;
    std::map<std::int64_t, Interaction> interactions_;
    std::map<std::int64_t, nlohmann::json> tasks_;
    std::int64_t local_interaction_id_ = -1;  // negative ids: recorded offline, replaced by the server's
    // The device's copy: what changed since it was last written.
    bool clear_pending_ = false;
    bool meta_dirty_ = false;
    std::set<std::int64_t> dirty_leads_, dirty_interactions_, dirty_tasks_;
};

}  // namespace crm::console
