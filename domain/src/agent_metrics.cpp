#include "crm/domain/agent_metrics.hpp"

#include <algorithm>
#include <cmath>

namespace crm::domain {

std::optional<double> rate_of(std::int64_t num, std::int64_t den) {
    if (den <= 0) return std::nullopt;
    return std::round(static_cast<double>(num) / static_cast<double>(den) * 10000.0) / 10000.0;
}

std::optional<std::int64_t> AgentMetrics::median_first_call_seconds() const {
    if (first_call_delays_seconds.empty()) return std::nullopt;
    auto v = first_call_delays_seconds;
    std::sort(v.begin(), v.end());
    const auto n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace crm::domain
