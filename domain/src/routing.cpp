#include "crm/domain/routing.hpp"

#include <algorithm>
#include <cmath>

namespace crm::domain {

namespace {

std::string lower_ascii(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string percent(double r) {
    return std::to_string(static_cast<int>(std::lround(r * 100))) + " %";
}

}  // namespace

std::vector<RouteCandidate> route_lead(const Lead& lead, const std::vector<AgentProfile>& agents) {
    std::vector<RouteCandidate> by_zip, by_city;
    const auto city = lower_ascii(lead.city);
    for (const auto& a : agents) {
        const bool zip = !lead.zip.empty() && std::find(a.zips.begin(), a.zips.end(), lead.zip) != a.zips.end();
        const bool in_city = !city.empty() && std::any_of(a.cities.begin(), a.cities.end(),
                                                          [&](const std::string& c) { return lower_ascii(c) == city; });
        if (!zip && !in_city) continue;
        RouteCandidate c;
        c.agent_id = a.id;
        c.name = a.name;
        c.match = zip ? "zip" : "city";
        c.reasons.push_back(zip ? "couvre le " + lead.zip : "couvre " + lead.city);
        // An agent without history gets neutral figures, so newcomers are not shut out.
        const double acceptance = a.delivered > 0 ? static_cast<double>(a.accepted) / a.delivered : 0.5;
        const double refunds = a.delivered > 0 ? static_cast<double>(a.refunded) / a.delivered : 0.1;
        c.score += acceptance * 40 + (1.0 - refunds) * 25;
        if (a.delivered > 0) {
            c.reasons.push_back("acceptation " + percent(acceptance));
            c.reasons.push_back("remboursements " + percent(refunds));
        } else {
            c.reasons.push_back("pas encore d'historique");
        }
        if (a.median_first_call_minutes) {
            const double m = *a.median_first_call_minutes;
            c.score += m <= 30 ? 20 : m <= 120 ? 12 : m <= 1440 ? 5 : 0;
            c.reasons.push_back("premier appel en " + std::to_string(static_cast<int>(std::lround(m))) +
                                " min (médiane)");
        } else {
            c.score += 8;
        }
        c.score += std::max(0, 15 - 3 * a.load);
        c.reasons.push_back(std::to_string(a.load) + " livraison(s) en attente");
        (zip ? by_zip : by_city).push_back(std::move(c));
    }
    auto& out = by_zip.empty() ? by_city : by_zip;
    std::sort(out.begin(), out.end(), [](const RouteCandidate& a, const RouteCandidate& b) {
        return a.score != b.score ? a.score > b.score : a.agent_id < b.agent_id;
    });
    return out;
}

}  // namespace crm::domain
