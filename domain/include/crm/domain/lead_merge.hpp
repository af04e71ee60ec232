#pragma once
// Merging duplicate leads: which lead a merge keeps, and what the kept lead looks like after.
// The console proposes the keeper with merge_keeper; the server writes merged_lead.
#include <optional>
#include <vector>

#include "crm/domain/lead.hpp"

namespace crm::domain {

// The lead a merge keeps: the oldest (created first, then the smaller id), so the lead's age
// and its time to first touch stay true; every other lead merges into it.
bool kept_before(const Lead& a, const Lead& b);
const Lead& merge_keeper(const std::vector<Lead>& group);  // group must not be empty

// `keep` with its empty fields filled from `from`, counters and money summed, flags combined:
// the further pipeline stage wins, DNC stays, consent is kept when either record had it.
Lead merged_lead(const Lead& keep, const Lead& from);

// The earlier / later of two times, either of which may be unset (the merge's touch stamps).
std::optional<UnixTime> earliest(const std::optional<UnixTime>& a, const std::optional<UnixTime>& b);
std::optional<UnixTime> latest(const std::optional<UnixTime>& a, const std::optional<UnixTime>& b);

}  // namespace crm::domain
