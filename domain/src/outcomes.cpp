#include "crm/domain/outcomes.hpp"

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
    const std::string trigger = std::string("outcome:") + to_string(o);
    for (const auto& rule : default_rules())
        if (rule.trigger == trigger) p.default_actions = parse_actions(rule.action).actions;
    return p;
}

}  // namespace crm::domain
