#pragma once
// The "À rappeler" list: open follow-ups as GET /api/sync sent them (kept on the device), with
// their lead's name, soonest first, each in its part of the list (en retard, aujourd'hui, plus
// tard: the domain library's buckets). No HTTP here (tested natively).
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/follow_ups.hpp"
#include "crm/domain/lead.hpp"

namespace crm::console {

struct FollowUp {
    std::int64_t id = 0, lead_id = 0;
    domain::UnixTime due = 0;
    std::string note;
    bool done = false;
};

struct FollowUpRow {
    FollowUp task;
    std::string lead_name, city;
    domain::FollowUpBucket bucket = domain::FollowUpBucket::later;
};

// A task's JSON ({id, leadId, dueAt, note, doneAt}), or nothing when it does not read as one.
std::optional<FollowUp> follow_up_from_json(const nlohmann::json& j);

// The open follow-ups of known leads, soonest first (overdue, then today, then later).
// `find_lead` gives the lead of an id, or nullptr (merged or erased since): the caller's own
// index, so building the list costs the follow-ups, not the book.
std::vector<FollowUpRow> follow_up_rows(const std::vector<FollowUp>& tasks,
                                        const std::function<const domain::Lead*(std::int64_t)>& find_lead,
                                        domain::UnixTime now);

// The earliest open follow-up of a lead: its next_action_at as the server will set it.
std::optional<domain::UnixTime> earliest_open_follow_up(const std::vector<FollowUp>& tasks, std::int64_t lead_id);

// "14:00" today, "hier 18:00", "lun. 23/11 10:00" otherwise (Paris time).
std::string follow_up_when(domain::UnixTime due, domain::UnixTime now);

}  // namespace crm::console
