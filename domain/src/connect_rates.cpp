#include "crm/domain/connect_rates.hpp"

#include <cmath>

namespace crm::domain {

void CallCounts::add_hour(std::int64_t unix_hour, std::int64_t n_calls, std::int64_t n_connects) {
    const auto local = to_paris(unix_hour * 3600);
    calls[static_cast<std::size_t>(local.weekday)][static_cast<std::size_t>(local.hour)] += n_calls;
    connects[static_cast<std::size_t>(local.weekday)][static_cast<std::size_t>(local.hour)] += n_connects;
}

ConnectRateTable learn_connect_rates(const CallCounts& counts, const Settings& s) {
    std::int64_t all_calls = 0, all_connects = 0;
    for (std::size_t d = 0; d < 7; ++d)
        for (std::size_t h = 0; h < 24; ++h) {
            all_calls += counts.calls[d][h];
            all_connects += counts.connects[d][h];
        }
    const double overall = all_calls > 0 ? static_cast<double>(all_connects) / static_cast<double>(all_calls) : 0.0;
    const double k = s.connect_rate_prior_calls;
    ConnectRateTable table{};
    for (std::size_t d = 0; d < 7; ++d)
        for (std::size_t h = 0; h < 24; ++h) {
            const auto calls = counts.calls[d][h];
            if (calls <= 0 || calls < s.connect_rate_min_calls) continue;
            const double rate =
                (static_cast<double>(counts.connects[d][h]) + k * overall) / (static_cast<double>(calls) + k);
            table[d][h] = std::round(std::fmin(1.0, std::fmax(0.0, rate)) * 10000.0) / 10000.0;
        }
    return table;
}

}  // namespace crm::domain
