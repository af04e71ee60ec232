#pragma once
// The "À rappeler" list's actions: Done and snooze (+1 h, tomorrow 10:00, J+2), and a follow-up
// planned for a lead (T, the Express wrap-up). Every change goes through SyncController::submit:
// sent at once with its op id, or kept in the outbox offline and applied on the device
// meanwhile. Turns them into API requests and the answers into the state; never draws.
#include <optional>
#include <string>

#include "app/console_state.hpp"
#include "app/queue_controller.hpp"
#include "app/sync_controller.hpp"
#include "crm/domain/follow_ups.hpp"

namespace crm::console {

class FollowUpsController {
public:
    FollowUpsController(ConsoleState& state, SyncController& sync, QueueController& queue)
        : state_(state), sync_(sync), queue_(queue) {}

    void mark_done(std::int64_t task_id);
    void snooze(std::int64_t task_id, domain::SnoozeChoice choice);
    void add_at(std::int64_t lead_id, domain::UnixTime due, const std::string& note);
    void add(int days);        // T: J+N for the queue's lead
    bool open_dialog = false;  // T's dialog (set by the key, cleared by the view)

private:
    void change(std::int64_t task_id, const std::string& verb, nlohmann::json body, const std::string& label,
                std::optional<domain::UnixTime> due);
    ConsoleState& state_;
    SyncController& sync_;
    QueueController& queue_;  // the lead card shows the new follow-up
};

}  // namespace crm::console
