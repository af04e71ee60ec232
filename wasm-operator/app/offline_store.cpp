#include "app/offline_store.hpp"

#include <algorithm>

#include "crm/domain/json.hpp"

namespace crm::console {

namespace {

using Map = std::map<std::int64_t, nlohmann::json>;

const nlohmann::json kNoItems = nlohmann::json::array();

// The array under `key`, or an empty one; nullptr when it is there but not a list of objects
// with an integer id.
const nlohmann::json* items_of(const nlohmann::json& answer, const char* key) {
    const auto it = answer.find(key);
    if (it == answer.end()) return &kNoItems;
    if (!it->is_array()) return nullptr;
    for (const auto& item : *it)
        if (!item.is_object() || !item.contains("id") || !item["id"].is_number_integer()) return nullptr;
    return &*it;
}

void upsert_items(Map& into, const nlohmann::json& items) {
    for (const auto& item : items) into[item["id"].get<std::int64_t>()] = item;
}

// Returns how many were there.
std::size_t erase_ids(Map& from, const nlohmann::json& ids) {
    std::size_t erased = 0;
    if (!ids.is_array()) return erased;
    for (const auto& id : ids)
        if (id.is_number_integer()) erased += from.erase(id.get<std::int64_t>());
    return erased;
}

nlohmann::json values(const Map& m) {
    auto out = nlohmann::json::array();
    for (const auto& [id, v] : m) out.push_back(v);
    return out;
}

}  // namespace

bool OfflineStore::apply_sync(const nlohmann::json& a, domain::UnixTime now) {
    if (!a.is_object() || !a.contains("cursor") || !a["cursor"].is_number_integer()) return false;
    // Check the page before touching the store (a half-applied answer would leave the device
    // inconsistent), then apply it in place: only the page is read and written, never the whole
    // store again (a first sync of 100,000 leads and 1,000,000 interactions is ~220 pages).
    const auto* leads = items_of(a, "leads");
    const auto* interactions = items_of(a, "interactions");
    const auto* tasks = items_of(a, "tasks");
    if (!leads || !interactions || !tasks) return false;
    try {  // every lead must read as one, or the queue could not rank it
        for (const auto& v : *leads) (void)v.get<domain::Lead>();
    } catch (const std::exception&) {
        return false;
    }
    const bool full = a.value("full", false);
    last_sync_changed_ = full || !leads->empty() || !interactions->empty() || !tasks->empty();
    if (full) {
        // Changes recorded offline and not yet on the server stay until their replay answers.
        leads_.clear();
        interactions_.erase(interactions_.lower_bound(0), interactions_.end());
        tasks_.clear();
    }
    upsert_items(leads_, *leads);
    upsert_items(interactions_, *interactions);
    upsert_items(tasks_, *tasks);
    if (a.contains("deleted") && a["deleted"].is_object()) {
        const auto& d = a["deleted"];
        const auto erased = erase_ids(leads_, d.value("leads", nlohmann::json::array())) +
                            erase_ids(interactions_, d.value("interactions", nlohmann::json::array())) +
                            erase_ids(tasks_, d.value("tasks", nlohmann::json::array()));
        last_sync_changed_ = last_sync_changed_ || erased > 0;
    }
    // Every answer carries the settings: they count as a change only when they differ.
    if (a.contains("settings") && a["settings"].is_object() && a["settings"] != settings_) {
        settings_ = a["settings"];
        last_sync_changed_ = true;
    }
    cursor_ = a["cursor"].get<std::int64_t>();
    last_sync_ = now;
    return true;
}

void OfflineStore::put_lead(const domain::Lead& lead) {
    leads_[lead.id] = nlohmann::json(lead);
}

void OfflineStore::remove_lead(std::int64_t id) {
    leads_.erase(id);
}

void OfflineStore::add_interaction(const nlohmann::json& interaction) {
    auto copy = interaction;
    copy["id"] = local_interaction_id_;
    interactions_[local_interaction_id_--] = copy;
}

void OfflineStore::drop_local_interactions() {
    interactions_.erase(interactions_.begin(), interactions_.lower_bound(0));
}

void OfflineStore::put_task(const nlohmann::json& task) {
    if (!follow_up_from_json(task)) return;
    auto copy = task;
    copy.erase("lead");  // the lead travels on its own
    tasks_[copy["id"].get<std::int64_t>()] = copy;
}

void OfflineStore::complete_tasks_of(std::int64_t lead_id, domain::UnixTime at) {
    for (auto& [id, t] : tasks_)
        if (t.value("leadId", std::int64_t{0}) == lead_id && (!t.contains("doneAt") || t["doneAt"].is_null()))
            t["doneAt"] = domain::format_iso_utc(at);
}

void OfflineStore::change_task(std::int64_t id, std::optional<domain::UnixTime> due,
                               std::optional<domain::UnixTime> done_at) {
    auto it = tasks_.find(id);
    if (it == tasks_.end()) return;
    if (due) it->second["dueAt"] = domain::format_iso_utc(*due);
    if (done_at) it->second["doneAt"] = domain::format_iso_utc(*done_at);
}

std::vector<FollowUp> OfflineStore::follow_ups() const {
    std::vector<FollowUp> out;
    out.reserve(tasks_.size());
    for (const auto& [id, t] : tasks_)
        if (auto f = follow_up_from_json(t)) out.push_back(*f);
    return out;
}

void OfflineStore::set_rules(const nlohmann::json& items) {
    if (items.is_array()) rules_ = items;
}

std::vector<domain::Lead> OfflineStore::leads() const {
    std::vector<domain::Lead> out;
    out.reserve(leads_.size());
    for (const auto& [id, v] : leads_) out.push_back(v.get<domain::Lead>());
    return out;
}

std::optional<domain::Settings> OfflineStore::settings() const {
    if (!settings_.is_object()) return std::nullopt;
    try {
        domain::Settings s;
        domain::from_json(settings_, s);
        return s;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::vector<domain::Action> OfflineStore::state_actions(const std::string& trigger) const {
    std::vector<domain::Action> out;
    for (const auto& r : rules_) {
        if (!r.is_object() || r.value("trigger", "") != trigger || !r.value("enabled", false)) continue;
        for (const auto& a : domain::parse_actions(r.value("action", "")).actions)
            if (!domain::is_outbound(a.kind)) out.push_back(a);
    }
    return out;
}

std::vector<nlohmann::json> OfflineStore::interactions_of(std::int64_t lead_id) const {
    std::vector<nlohmann::json> out;
    for (const auto& [id, v] : interactions_)
        if (v.value("leadId", std::int64_t{0}) == lead_id) out.push_back(v);
    std::stable_sort(out.begin(), out.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
        return a.value("timestamp", std::string()) > b.value("timestamp", std::string());
    });
    return out;
}

nlohmann::json OfflineStore::to_json() const {
    return {{"version", 1},
            {"cursor", cursor_},
            {"lastSync", last_sync_},
            {"settings", settings_},
            {"rules", rules_},
            {"leads", values(leads_)},
            {"interactions", values(interactions_)},
            {"tasks", values(tasks_)},
            {"localInteractionId", local_interaction_id_}};
}

std::optional<OfflineStore> OfflineStore::from_json(const nlohmann::json& j) {
    if (!j.is_object() || j.value("version", 0) != 1) return std::nullopt;
    OfflineStore s;
    try {
        s.cursor_ = j.at("cursor").get<std::int64_t>();
        s.last_sync_ = j.at("lastSync").get<std::int64_t>();
        s.settings_ = j.value("settings", nlohmann::json());
        s.rules_ = j.value("rules", nlohmann::json::array());
        s.local_interaction_id_ = j.value("localInteractionId", std::int64_t{-1});
        const auto* leads = items_of(j, "leads");
        const auto* interactions = items_of(j, "interactions");
        const auto* tasks = items_of(j, "tasks");
        if (!j.contains("leads") || !j.contains("interactions") || !j.contains("tasks") || !leads || !interactions ||
            !tasks)
            return std::nullopt;
        upsert_items(s.leads_, *leads);
        upsert_items(s.interactions_, *interactions);
        upsert_items(s.tasks_, *tasks);
        for (const auto& [id, v] : s.leads_) (void)v.get<domain::Lead>();
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return s;
}

}  // namespace crm::console
