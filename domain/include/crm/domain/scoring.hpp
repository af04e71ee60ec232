#pragma once
// Hot score (0–100, from the lead alone), the Hot-Lead badge, Ready to Sell and expected value.
#include <string>
#include <vector>

#include "crm/domain/lead.hpp"
#include "crm/domain/settings.hpp"

namespace crm::domain {

// Why a lead scores or ranks as it does, kept compact (ranking 100k leads must stay cheap);
// describe() turns one into the sentence the UIs show.
enum class ReasonCode {
    timeline,
    intention,
    estimate,
    consent,
    valid_phone,
    live_touch,
    unanswered,
    fresh_5min,
    fresh_1h,
    fresh_24h,
    source,
    call_window,        // value: connect rate in %, at: the hour it was measured for
    follow_up_due,      // at: the follow-up's time, today
    follow_up_overdue,  // at: the follow-up's time, an earlier day
    replied,            // value: minutes since the seller's SMS reply
};
struct Reason {
    ReasonCode code;
    int points;
    std::int64_t value;  // months, minutes, attempts...
    UnixTime at = 0;     // a time the sentence names (the call window's hour, a follow-up)
    std::string describe(const std::string& source = {}) const;
};

struct HotScore {
    int score = 0;
    std::vector<Reason> reasons;
};
HotScore hot_score(const Lead& lead, const Settings& s);
int hot_score_value(const Lead& lead, const Settings& s);                               // the score alone, no reasons
int hot_score_into(const Lead& lead, const Settings& s, std::vector<Reason>& reasons);  // appends reasons
// Score > 80 and timeline < 3 months, both strict (thresholds from settings).
bool is_hot_lead(const Lead& lead, int score, const Settings& s);

struct Criterion {
    std::string key;    // valid_phone, consent, intention_timeline, estimate, city, live_touch, booked_slot
    std::string label;  // French, for the UIs
    bool met = false;
    bool required = true;
};
struct ReadyToSell {
    bool ready = false;
    std::vector<Criterion> criteria;
};
ReadyToSell ready_to_sell(const Lead& lead);
bool is_ready_to_sell(const Lead& lead);

// price_estimate × fees_rate × stage probability × exclusivity bonus, in cents.
Money expected_value_cents(const Lead& lead, const Settings& s, bool exclusive = false);

}  // namespace crm::domain
