#include "crm/domain/outcomes.hpp"

#include "crm/domain/calling_windows.hpp"

namespace crm::domain {

OutcomePlan plan_outcome(Outcome o, const Lead& lead) {
    OutcomePlan p;
    p.outcome = o;
    p.stamp_first_touch = !lead.first_touch_at.has_value();
    switch (o) {
        case Outcome::answered:
            p.live_touch = true;
            if (lead.stage == Stage::new_lead) p.stage = Stage::contacted;
            if (lead.status == Status::follow_up || lead.status == Status::nurture) p.status = Status::active;
            break;
        case Outcome::no_answer:
        case Outcome::voicemail:
            p.unanswered = true;
            p.status = Status::follow_up;
            break;
        case Outcome::bad_number:
            p.set_bad_number = true;
            p.status = Status::bad_number;
            break;
        case Outcome::not_seller:
            p.stage = Stage::refunded_bad;
            p.status = Status::not_seller;
            p.stamp_not_seller = true;
            p.live_touch = true;
            break;
        case Outcome::booked:
            p.requires_slot = true;
            p.live_touch = true;
            p.stage = Stage::booked;
            p.status = Status::booked;
            break;
        case Outcome::dnc:
            p.set_dnc = true;
            p.status = Status::dnc;
            p.cancel_pending_jobs = true;
            break;
    }
    p.stamp_first_connect = p.live_touch && !lead.first_connect_at.has_value();
    const std::string trigger = std::string("outcome:") + to_string(o);
    for (const auto& rule : default_rules())
        if (rule.trigger == trigger) p.default_actions = parse_actions(rule.action).actions;
    return p;
}

void apply_outcome(Lead& lead, const OutcomePlan& plan, UnixTime now) {
    if (plan.stage) lead.stage = *plan.stage;
    if (plan.status) lead.status = *plan.status;
    if (plan.set_bad_number) lead.bad_number = true;
    if (plan.set_dnc) lead.dnc = true;
    if (plan.live_touch) ++lead.live_touches;
    if (plan.unanswered) ++lead.unanswered_attempts;
    if (plan.stamp_first_touch) lead.first_touch_at = now;
    if (plan.stamp_first_connect) lead.first_connect_at = now;
    if (plan.stamp_not_seller) lead.not_seller_at = now;
    lead.last_touch_at = now;
    lead.replied_at.reset();      // called back: the reply is answered
    lead.next_action_at.reset();  // the call was the follow-up (see outcomes.hpp)
    // The call itself counts towards the frequency cap (the server reads it back from the
    // interaction it records; offline, the console has only this).
    if (plan.counts_as_call_attempt) lead.call_attempt_times.push_back(now);
}

void apply_state_action(Lead& lead, const Action& action, UnixTime now, const Settings& settings) {
    switch (action.kind) {
        case ActionKind::create_task:
            lead.next_action_at = follow_up_due(now, action.days, settings);
            break;
        case ActionKind::schedule_ping:  // the lead rests until its ping
            lead.next_action_at = now + action.days * 86400LL;
            break;
        case ActionKind::set_status:
            if (auto s = parse_status(action.arg)) lead.status = *s;
            break;
        case ActionKind::set_stage:
            if (auto s = parse_stage(action.arg)) lead.stage = *s;
            break;
        default:
            break;
    }
}

}  // namespace crm::domain
