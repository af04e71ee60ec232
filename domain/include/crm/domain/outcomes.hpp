#pragma once
// What a call outcome (keys 1–7) does to the lead at once. The automation actions that follow
// come from the outcome's rule (rules.hpp); default_rules() holds DESIGN.md's table.
#include <optional>

#include "crm/domain/lead.hpp"
#include "crm/domain/rules.hpp"

namespace crm::domain {

struct OutcomePlan {
    Outcome outcome;
    std::optional<Stage> stage;    // new stage, when it changes
    std::optional<Status> status;  // new status, when it changes
    bool live_touch = false;       // answered: counts for the score and Ready to Sell
    bool unanswered = false;       // no answer / voicemail: score penalty
    bool stamp_first_touch = false;
    bool set_bad_number = false;
    bool set_dnc = false;
    bool cancel_pending_jobs = false;  // DNC stops everything already scheduled
    bool requires_slot = false;        // booked needs {start, end}
    bool stamp_not_seller = false;     // starts the 60-day no-contact period
    bool counts_as_call_attempt = true;
    std::vector<Action> default_actions;  // from default_rules(), for reference and the console
};

OutcomePlan plan_outcome(Outcome outcome, const Lead& lead);

}  // namespace crm::domain
