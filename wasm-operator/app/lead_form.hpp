#pragma once
// The lead form (N: new lead, E: edit the queue's lead): what is typed, checked with the domain
// library before it is sent (the server checks again), the JSON the API takes, and the
// duplicates the server answers with (409) so the operator can merge or create anyway.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/lead.hpp"

namespace crm::console {

struct LeadDraft {
    std::int64_t id = 0;  // 0 = a new lead
    std::string first_name, last_name, phone, email, city, zip, area, source = "manual";
    domain::Intention intention = domain::Intention::unknown;
    int timeline_months = 0;          // 0 = not known
    std::int64_t estimate_euros = 0;  // 0 = not known
    std::int64_t cost_euros = 0;      // what the lead cost (ROI by source)

    static LeadDraft from_lead(const domain::Lead& l);
    // Field → reason, in French; empty when the draft can be sent.
    std::map<std::string, std::string> problems() const;
    nlohmann::json body(bool allow_duplicate) const;  // POST /api/leads or PATCH /api/leads/{id}
};

// A 409 duplicate: the leads the server matched, oldest first.
struct DuplicateOffer {
    std::vector<domain::Lead> candidates;
    std::vector<std::string> matched_on;  // "phone" or "email", per candidate
};
std::optional<DuplicateOffer> duplicate_offer(const nlohmann::json& conflict_body);

}  // namespace crm::console
