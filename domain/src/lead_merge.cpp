#include "crm/domain/lead_merge.hpp"

#include <algorithm>

namespace crm::domain {

std::optional<UnixTime> earliest(const std::optional<UnixTime>& a, const std::optional<UnixTime>& b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

std::optional<UnixTime> latest(const std::optional<UnixTime>& a, const std::optional<UnixTime>& b) {
    if (!a) return b;
    if (!b) return a;
    return std::max(*a, *b);
}

bool kept_before(const Lead& a, const Lead& b) {
    return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id;
}

const Lead& merge_keeper(const std::vector<Lead>& group) {
    return *std::min_element(group.begin(), group.end(), kept_before);
}

Lead merged_lead(const Lead& keep, const Lead& from) {
    Lead m = keep;
    auto fill = [](std::string& a, const std::string& b) {
        if (a.empty()) a = b;
    };
    fill(m.first_name, from.first_name);
    fill(m.last_name, from.last_name);
    fill(m.city, from.city);
    fill(m.zip, from.zip);
    fill(m.area, from.area);
    if (m.phone.empty()) {
        m.phone = from.phone;
        m.phone_e164 = from.phone_e164;
        m.bad_number = from.bad_number;
    }
    if (!m.email) m.email = from.email;
    if (m.intention == Intention::unknown) m.intention = from.intention;
    if (!m.timeline_months) m.timeline_months = from.timeline_months;
    if (!m.price_estimate_cents) m.price_estimate_cents = from.price_estimate_cents;
    if (!m.consent && from.consent) {
        m.consent = true;
        m.consent_at = from.consent_at;
        m.consent_text = from.consent_text;
        m.consent_source = from.consent_source;
    }
    if (!m.owner_user_id) m.owner_user_id = from.owner_user_id;
    if (!m.assigned_agent_id) m.assigned_agent_id = from.assigned_agent_id;
    // Money stays: both leads were paid for.
    m.cost_cents = keep.cost_cents + from.cost_cents;
    // The further pipeline stage wins; a Refunded/Bad record only replaces a New one.
    if (keep.stage == Stage::new_lead || (from.stage != Stage::refunded_bad && keep.stage != Stage::refunded_bad &&
                                          static_cast<int>(from.stage) > static_cast<int>(keep.stage)))
        m.stage = from.stage;
    // Someone who asked not to be contacted stays that way, whichever record said it.
    m.dnc = keep.dnc || from.dnc;
    if (m.dnc)
        m.status = Status::dnc;
    else if (m.bad_number)
        m.status = Status::bad_number;
    else if (keep.status == Status::active && from.status != Status::bad_number)
        m.status = from.status;
    else if (keep.status == Status::bad_number)
        m.status = Status::active;  // the kept phone is not flagged any more
    m.live_touches = keep.live_touches + from.live_touches;
    m.unanswered_attempts = keep.unanswered_attempts + from.unanswered_attempts;
    m.first_touch_at = earliest(keep.first_touch_at, from.first_touch_at);
    m.first_connect_at = earliest(keep.first_connect_at, from.first_connect_at);
    m.last_touch_at = latest(keep.last_touch_at, from.last_touch_at);
    m.next_action_at = earliest(keep.next_action_at, from.next_action_at);
    m.not_seller_at = keep.not_seller_at ? keep.not_seller_at : from.not_seller_at;
    return m;
}

}  // namespace crm::domain
