#pragma once
// An agent's delivery figures, one definition (docs/DASHBOARD.md, "Agents"): deliveries made,
// accepted (accepted_at set), refunded (refunded_at set or status refunded), the rates over
// deliveries, and the time from sending to the agent's first call.
#include <cstdint>
#include <optional>
#include <vector>

namespace crm::domain {

// num / den rounded to 4 decimals; none when den is 0 (no deliveries: no rate, not 0 %).
std::optional<double> rate_of(std::int64_t num, std::int64_t den);

struct AgentMetrics {
    std::int64_t deliveries = 0, accepted = 0, refunded = 0;
    // first_call_at − sent_at in seconds, for the deliveries called at or after sending.
    std::vector<std::int64_t> first_call_delays_seconds;

    std::optional<double> acceptance_rate() const { return rate_of(accepted, deliveries); }
    std::optional<double> refund_rate() const { return rate_of(refunded, deliveries); }
    std::int64_t first_calls() const { return static_cast<std::int64_t>(first_call_delays_seconds.size()); }
    // The middle delay (the mean of the two middle ones, in whole seconds, when even); none without calls.
    std::optional<std::int64_t> median_first_call_seconds() const;
};

}  // namespace crm::domain
