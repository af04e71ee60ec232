// The "À rappeler" list's actions, and keeping it in step: the server completes a lead's open
// follow-ups when a call is recorded (SyncController::outcome_recorded).
#include "app/follow_ups_controller.hpp"

#include <algorithm>

#include "crm/domain/calling_windows.hpp"

namespace crm::console {

void FollowUpsController::mark_done(std::int64_t task_id) {
    change(task_id, "done", nlohmann::json::object(), "Relance faite", std::nullopt);
}

void FollowUpsController::snooze(std::int64_t task_id, domain::SnoozeChoice choice) {
    const auto due = domain::snooze_until(choice, state_.now(), state_.settings());
    change(task_id, "snooze", {{"dueAt", domain::format_iso_utc(due)}},
           std::string("Relance reportée (") + domain::snooze_label_fr(choice) + ")", due);
}

void FollowUpsController::change(std::int64_t task_id, const std::string& verb, nlohmann::json body,
                                 const std::string& label, std::optional<domain::UnixTime> due) {
    auto tasks = sync_.store().follow_ups();
    const auto it = std::find_if(tasks.begin(), tasks.end(), [&](const FollowUp& t) { return t.id == task_id; });
    if (it == tasks.end()) return;
    const auto* lead = state_.find_lead(it->lead_id);
    if (!lead) return;
    auto op = sync_.new_op(*lead, "/api/tasks/" + std::to_string(task_id) + "/" + verb, std::move(body), label);
    // What the server will do to the lead: its date becomes the earliest follow-up still open.
    if (due)
        it->due = *due;
    else
        it->done = true;
    op.expected = *lead;
    op.expected->next_action_at = earliest_open_follow_up(tasks, lead->id);
    if (!op.expected->next_action_at && lead->status == domain::Status::nurture)
        op.expected->next_action_at = lead->next_action_at;  // the monthly ping stays
    const auto name = lead->first_name + " " + lead->last_name;
    sync_.submit(std::move(op), [this, label, name, due](const ApiResult& r) {
        if (!r.ok()) {
            state_.flash = label + " : échec — " + r.error_message();
            return;
        }
        sync_.keep_task(r.json());
        state_.flash = label + " — " + name + (due ? " : " + follow_up_when(*due, state_.now()) : std::string("."));
    });
}

void FollowUpsController::add_at(std::int64_t lead_id, domain::UnixTime due, const std::string& note) {
    const auto* lead = state_.find_lead(lead_id);
    if (!lead) return;
    sync_.submit(sync_.new_op(*lead, "/api/leads/" + std::to_string(lead_id) + "/tasks",
                              {{"dueAt", domain::format_iso_utc(due)}, {"note", note}}, note),
                 [this, due](const ApiResult& r) {
                     if (!r.ok()) {
                         state_.flash = "Relance : échec — " + r.error_message();
                         return;
                     }
                     sync_.keep_task(r.json());
                     state_.flash = "Relance prévue le " + domain::format_paris(due);
                     queue_.reload_lead_card();
                 });
}

void FollowUpsController::add(int days) {
    const auto* lead = state_.current_lead();
    if (!lead) return;
    add_at(lead->id, domain::follow_up_due(state_.now(), days, state_.settings()), "Relance J+" + std::to_string(days));
}

}  // namespace crm::console
