#pragma once
// Which agent should receive a lead: agents serving the lead's zip, else its city, ranked by
// acceptance rate, time to first call, refund rate (lower is better) and current load. Every
// suggestion says why; the operator may pick another.
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/lead.hpp"

namespace crm::domain {

struct AgentProfile {
    std::int64_t id = 0;
    std::string name;
    std::vector<std::string> cities, zips;
    int delivered = 0, accepted = 0, refunded = 0;
    std::optional<double> median_first_call_minutes;
    int load = 0;  // deliveries sent but not yet accepted
};

struct RouteCandidate {
    std::int64_t agent_id = 0;
    std::string name;
    std::string match;  // "zip" or "city"
    double score = 0;
    std::vector<std::string> reasons;
};

std::vector<RouteCandidate> route_lead(const Lead& lead, const std::vector<AgentProfile>& agents);

}  // namespace crm::domain
