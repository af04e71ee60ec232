// The Controller's follow-ups: the "À rappeler" list's Done and snooze (+1 h, tomorrow 10:00,
// J+2), a follow-up planned for a lead (T, the Express wrap-up), and keeping the list in step
// with outcomes (the server completes a lead's open follow-ups when a call is recorded). Every
// change goes through submit(): sent at once with its op id, or kept in the outbox offline
// and applied on the device meanwhile.
#include <algorithm>
#include <cstdlib>

#include "app/controller.hpp"
#include "crm/domain/calling_windows.hpp"

namespace crm::console {

namespace {

std::int64_t task_id_in(const std::string& path) {  // "/api/tasks/12/done" → 12
    const std::string prefix = "/api/tasks/";
    if (path.rfind(prefix, 0) != 0) return 0;
    return std::atoll(path.c_str() + prefix.size());
}

}  // namespace

void Controller::refresh_follow_ups() {
    state_.set_follow_ups(store_.follow_ups());
}

void Controller::mark_follow_up_done(std::int64_t task_id) {
    change_follow_up(task_id, "done", nlohmann::json::object(), "Relance faite", std::nullopt);
}

void Controller::snooze_follow_up(std::int64_t task_id, domain::SnoozeChoice choice) {
    const auto due = domain::snooze_until(choice, state_.now(), state_.settings());
    change_follow_up(task_id, "snooze", {{"dueAt", domain::format_iso_utc(due)}},
                     std::string("Relance reportée (") + domain::snooze_label_fr(choice) + ")", due);
}

void Controller::change_follow_up(std::int64_t task_id, const std::string& verb, nlohmann::json body,
                                  const std::string& label, std::optional<domain::UnixTime> due) {
    auto tasks = store_.follow_ups();
    const auto it = std::find_if(tasks.begin(), tasks.end(), [&](const FollowUp& t) { return t.id == task_id; });
    if (it == tasks.end()) return;
    const auto* lead = state_.find_lead(it->lead_id);
    if (!lead) return;
    auto op = new_op(*lead, "/api/tasks/" + std::to_string(task_id) + "/" + verb, std::move(body), label);
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
    submit(std::move(op), [this, label, name, due](const ApiResult& r) {
        if (!r.ok()) {
            state_.flash = label + " : échec — " + r.error_message();
            return;
        }
        store_.put_task(r.json());
        device_changed();
        refresh_follow_ups();
        state_.flash = label + " — " + name + (due ? " : " + follow_up_when(*due, state_.now()) : std::string("."));
    });
}

void Controller::apply_follow_up_offline(const PendingOp& op) {
    const auto kind = op.path.substr(op.path.rfind('/') + 1);
    if (kind == "outcome") {
        store_.complete_tasks_of(op.lead_id, op.made_at);
    } else if (kind == "done" || kind == "snooze") {
        const auto due = domain::parse_iso_utc(op.body.value("dueAt", std::string()));
        store_.change_task(task_id_in(op.path), kind == "snooze" ? due : std::nullopt,
                           kind == "done" ? std::optional<domain::UnixTime>(op.made_at) : std::nullopt);
    } else {
        return;
    }
    refresh_follow_ups();
}

void Controller::after_outcome_recorded(std::int64_t lead_id) {
    // The server has done the lead's open follow-ups; the outcome's rule may have planned the
    // next one, which the sync brings.
    store_.complete_tasks_of(lead_id, state_.now());
    device_changed();
    refresh_follow_ups();
    sync_now();
}

void Controller::add_follow_up_at(std::int64_t lead_id, domain::UnixTime due, const std::string& note) {
    const auto* lead = state_.find_lead(lead_id);
    if (!lead) return;
    submit(new_op(*lead, "/api/leads/" + std::to_string(lead_id) + "/tasks",
                  {{"dueAt", domain::format_iso_utc(due)}, {"note", note}}, note),
           [this, due](const ApiResult& r) {
               if (!r.ok()) {
                   state_.flash = "Relance : échec — " + r.error_message();
                   return;
               }
               store_.put_task(r.json());
               device_changed();
               refresh_follow_ups();
               state_.flash = "Relance prévue le " + domain::format_paris(due);
               timeline_lead_ = 0;
               on_selection_changed();
           });
}

void Controller::add_follow_up(int days) {
    const auto* lead = state_.current_lead();
    if (!lead) return;
    add_follow_up_at(lead->id, domain::follow_up_due(state_.now(), days, state_.settings()),
                     "Relance J+" + std::to_string(days));
}

}  // namespace crm::console
