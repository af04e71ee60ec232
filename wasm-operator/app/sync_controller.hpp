#pragma once
// Offline: the device's copy (IndexedDB), the outbox of changes made without the network, and
// GET /api/sync. Every change to a lead made by another controller goes through submit(): sent
// at once with its op id as Idempotency-Key, or kept in the outbox and applied on the device
// until the network is back. Never draws.
#include <functional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/api_client.hpp"
#include "app/console_state.hpp"
#include "app/offline_store.hpp"
#include "app/outbox.hpp"
#include "app/settings_controller.hpp"

namespace crm::console {

struct SyncHooks {
    std::function<void()> leads_replaced;        // the device's copy was read: the selection may differ
    std::function<void()> lead_history_changed;  // the lead card reloads its history
};

class SyncController {
public:
    SyncController(ConsoleState& state, ApiClient& api, const SettingsController& settings, SyncHooks hooks)
        : state_(state), api_(api), settings_(settings), hooks_(std::move(hooks)) {}

    void load_device_copy();  // the queue from the device at once; on_device_loaded then syncs
    // The device's copy comes back in parts, one per frame (a large book would stall one frame
    // for seconds): records of one kind ("leads", "interactions", "tasks"), then the meta and
    // the outbox (either may be missing: a first start, or a browser that refuses storage).
    void on_device_records(const std::string& kind, const std::string& records);
    void on_device_loaded(const std::string* meta, const std::string* outbox);
    // A write of the device's copy ended: its revision, kPartialWrite (more writes follow) or
    // 0 (the browser refused it).
    void on_device_saved(int revision);
    static constexpr int kPartialWrite = -1;
    void sync_now();  // replays the outbox in order, then fetches what changed since the cursor
    // Writes the device copy when it changed; retries when the network is back.
    void each_frame(double now_ms);

    // A change to a lead that must reach the server: sent now when online (with its op id as
    // Idempotency-Key); kept in the outbox and applied locally when the network is gone or
    // fails. `answer` handles the server's answer when it comes at once.
    PendingOp new_op(const domain::Lead& lead, const std::string& path, nlohmann::json body, std::string label);
    void submit(PendingOp op, std::function<void(const ApiResult&)> answer);

    // What the device keeps, read by the other controllers (follow-ups, offline history).
    const OfflineStore& store() const { return store_; }
    void refresh_offline_rules();                 // GET /api/rules into the device's copy
    void keep_task(const nlohmann::json& task);   // a follow-up the server answered with
    void outcome_recorded(std::int64_t lead_id);  // the server did the lead's open follow-ups
    void forget_lead(std::int64_t lead_id);       // merged away on the server

private:
    void keep_offline(PendingOp op);
    void replay_next();
    void fetch_sync_page();
    void note_server_lead(const PendingOp& op, const nlohmann::json& answer);
    void device_changed() { ++state_.sync.revision; }
    void refresh_follow_ups();                          // the list from the device's copy
    void apply_follow_up_offline(const PendingOp& op);  // an outcome, done or snooze kept in the outbox
    ConsoleState& state_;
    ApiClient& api_;
    const SettingsController& settings_;
    SyncHooks hooks_;
    void finish_sync_changes();  // the leads a sync changed reach the console, ranked once
    void end_sync();             // the status bar's cursor and time; a sync asked for meanwhile starts
    OfflineStore store_;
    OfflineStore loading_;    // the device's copy being read back
    bool loading_ok_ = true;  // every part read so far was readable
    Outbox outbox_;
    // What the running sync changed in the leads, over all its pages.
    bool leads_replaced_ = false, settings_changed_ = false;
    std::set<std::int64_t> leads_upserted_, leads_removed_;
    // After a full page, and while the device's copy is read back, the console's copy of every
    // lead is gathered part by part as it comes (each lead once, the newest; the store's leads
    // exactly), with its index by id, rather than copied from the store and indexed at the end:
    // that took a fifth of a second in the last page's task at 100,000 leads.
    std::vector<domain::Lead> staged_;
    std::unordered_map<std::int64_t, std::size_t> staged_at_;
    void stage(domain::Lead lead);
    void unstage(std::int64_t id);
    // The gathered leads into the console (or the store's, where they differ), then none.
    void replace_with_staged(const std::optional<domain::Settings>& settings);
    void keep_lead(const domain::Lead& lead);  // into the store, and staged during a full sync
    double save_retry_at_ms_ = 0;              // after a refused write, the next attempt waits
    bool sync_again_ = false;
    int replayed_ = 0;           // ops the server took since the last completed sync
    bool sync_changed_ = false;  // a page of the running sync brought or removed something
    double retry_at_ms_ = 0;     // real time (performance.now): the page's clock may be fixed
    double last_sync_ms_ = 0;
    bool was_online_ = true;
    bool saving_ = false;
};

}  // namespace crm::console
