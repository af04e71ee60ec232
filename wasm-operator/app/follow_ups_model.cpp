#include "app/follow_ups_model.hpp"

#include <algorithm>
#include <unordered_map>

namespace crm::console {

std::optional<FollowUp> follow_up_from_json(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("id") || !j["id"].is_number_integer() || !j.contains("leadId") ||
        !j["leadId"].is_number_integer() || !j.contains("dueAt") || !j["dueAt"].is_string())
        return std::nullopt;
    const auto due = domain::parse_iso_utc(j["dueAt"].get<std::string>());
    if (!due) return std::nullopt;
    FollowUp f;
    f.id = j["id"].get<std::int64_t>();
    f.lead_id = j["leadId"].get<std::int64_t>();
    f.due = *due;
    f.note = j.contains("note") && j["note"].is_string() ? j["note"].get<std::string>() : "";
    f.done = j.contains("doneAt") && !j["doneAt"].is_null();
    return f;
}

std::vector<FollowUpRow> follow_up_rows(const std::vector<FollowUp>& tasks,
                                        const std::function<const domain::Lead*(std::int64_t)>& find_lead,
                                        domain::UnixTime now) {
    std::vector<FollowUpRow> rows;
    for (const auto& t : tasks) {
        if (t.done) continue;
        const auto* lead = find_lead(t.lead_id);
        if (!lead) continue;  // merged or erased since
        rows.push_back({t, lead->first_name + " " + lead->last_name, lead->city, domain::follow_up_bucket(t.due, now)});
    }
    std::sort(rows.begin(), rows.end(), [](const FollowUpRow& a, const FollowUpRow& b) {
        return a.task.due != b.task.due ? a.task.due < b.task.due : a.task.id < b.task.id;
    });
    return rows;
}

std::optional<domain::UnixTime> earliest_open_follow_up(const std::vector<FollowUp>& tasks, std::int64_t lead_id) {
    std::optional<domain::UnixTime> out;
    for (const auto& t : tasks)
        if (t.lead_id == lead_id && !t.done && (!out || t.due < *out)) out = t.due;
    return out;
}

std::string follow_up_when(domain::UnixTime due, domain::UnixTime now) {
    const auto today = domain::paris_day_start(now);
    if (due >= today && due < domain::paris_midnight_days_before(now, -1)) return domain::format_paris(due, "%H:%M");
    if (due >= domain::paris_midnight_days_before(now, 1) && due < today)
        return "hier " + domain::format_paris(due, "%H:%M");
    const auto c = domain::to_paris(due);
    return std::string(domain::weekday_fr(c.weekday)).substr(0, 3) + ". " + domain::format_paris(due, "%d/%m %H:%M");
}

}  // namespace crm::console
