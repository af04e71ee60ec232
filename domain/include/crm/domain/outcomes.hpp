#pragma once
// What a call outcome (keys 1–7) does to the lead at once. The automation actions that follow
// come from the outcome's rule (rules.hpp); default_rules() holds the table of docs/DOMAIN.md.
#include <optional>

#include "crm/domain/lead.hpp"
#include "crm/domain/rules.hpp"
#include "crm/domain/settings.hpp"

namespace crm::domain {

struct OutcomePlan {
    Outcome outcome;
    std::optional<Stage> stage;        // new stage, when it changes
    std::optional<Status> status;      // new status, when it changes
    bool live_touch = false;           // answered: counts for the score and Ready to Sell
    bool unanswered = false;           // no answer / voicemail: score penalty
    bool stamp_first_touch = false;    // the first call attempt, whatever its outcome
    bool stamp_first_connect = false;  // the first call somebody answered
    bool set_bad_number = false;
    bool set_dnc = false;
    bool cancel_pending_jobs = false;  // DNC stops everything already scheduled
    bool requires_slot = false;        // booked needs {start, end}
    bool stamp_not_seller = false;     // starts the 60-day no-contact period
    bool counts_as_call_attempt = true;
    std::vector<Action> default_actions;  // from default_rules(), for reference and the console
};

OutcomePlan plan_outcome(Outcome outcome, const Lead& lead);

// What the plan does to the lead's own fields, at `now`: the server applies it when it
// records an outcome, the console applies it offline, so both see the same lead. The call is
// the follow-up the lead was waiting for: its open follow-ups end (next_action_at is cleared),
// and the outcome's rule may plan the next one (apply_state_action).
void apply_outcome(Lead& lead, const OutcomePlan& plan, UnixTime now);

// The lead fields an automation action changes at once (set_status, set_stage, create_task's
// follow-up date, schedule_ping's rest): the same function on the server and offline.
// Outbound actions (messages, notifications) change nothing here.
void apply_state_action(Lead& lead, const Action& action, UnixTime now, const Settings& settings);

}  // namespace crm::domain
