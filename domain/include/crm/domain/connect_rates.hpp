#pragma once
// The queue's call-window bonus reads Settings::connect_rate, the share of calls answered per
// Paris weekday and hour. It is learned from the operator's own calls (the server's 90-day
// `call_hours` rollup): a cell counts once it has a minimum number of calls, and is smoothed
// toward the overall rate so that 3 answers out of 5 calls do not read as a sure thing.
#include <array>
#include <cstdint>

#include "crm/domain/settings.hpp"
#include "crm/domain/time.hpp"

namespace crm::domain {

struct CallCounts {
    std::array<std::array<std::int64_t, 24>, 7> calls{}, connects{};  // [weekday 0 = Monday][Paris hour]
    // One UTC hour of calls (Unix time / 3600), filed under its Paris weekday and hour (Paris is
    // a whole number of hours from UTC, so a UTC hour is one Paris hour).
    void add_hour(std::int64_t unix_hour, std::int64_t calls, std::int64_t connects);
};

using ConnectRateTable = std::array<std::array<double, 24>, 7>;

// (connects + k × overall) / (calls + k) with k = s.connect_rate_prior_calls, for each cell with
// at least s.connect_rate_min_calls calls; 0 (no bonus) for the others. Rounded to 4 decimals,
// so the table reads back from JSON exactly.
ConnectRateTable learn_connect_rates(const CallCounts& counts, const Settings& s);

}  // namespace crm::domain
