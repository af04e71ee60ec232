#include "app/offline_store.hpp"

#include <algorithm>
#include <limits>

#include "crm/domain/json.hpp"
#include "crm/domain/lead_json_reader.hpp"
#include "crm/domain/lead_json_writer.hpp"

namespace crm::console {

namespace {

const nlohmann::json kNoItems = nlohmann::json::array();

// A list of objects, each with an integer id: what a sync page and the device's copy hold.
bool is_records(const nlohmann::json& list) {
    if (!list.is_array()) return false;
    for (const auto& item : list)
        if (!item.is_object() || !item.contains("id") || !item["id"].is_number_integer()) return false;
    return true;
}

// The array under `key`, or an empty one; nullptr when it is there but not records.
const nlohmann::json* items_of(const nlohmann::json& answer, const char* key) {
    const auto it = answer.find(key);
    if (it == answer.end()) return &kNoItems;
    return is_records(*it) ? &*it : nullptr;
}

// Erases the ids listed that are kept, marks each for the device's copy, and returns them.
template <class Map>
std::vector<std::int64_t> erase_listed(Map& from, std::set<std::int64_t>& dirty, const nlohmann::json& ids) {
    std::vector<std::int64_t> erased;
    if (!ids.is_array()) return erased;
    for (const auto& id : ids)
        if (id.is_number_integer() && from.erase(id.get<std::int64_t>())) {
            erased.push_back(id.get<std::int64_t>());
            dirty.insert(erased.back());
        }
    return erased;
}

template <class Map>
void mark_keys(const Map& m, std::set<std::int64_t>& into) {
    for (const auto& kv : m) into.insert(into.end(), kv.first);
}

std::string join_ids(const std::vector<std::int64_t>& ids) {
    std::string out = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
    return out + "]";
}

}  // namespace

bool OfflineStore::apply_sync(const nlohmann::json& a, domain::UnixTime now) {
    const auto* leads = items_of(a, "leads");
    if (!leads) return false;
    std::vector<domain::Lead> parsed;
    parsed.reserve(leads->size());
    try {  // every lead must read as one, or the queue could not rank it
        for (const auto& v : *leads) parsed.push_back(v.get<domain::Lead>());
    } catch (const std::exception&) {
        return false;
    }
    return apply_page(a, std::move(parsed), now);
}

bool OfflineStore::apply_sync_text(std::string_view text, domain::UnixTime now) {
    auto answer = domain::read_document_with_leads(text);
    return answer && answer->has_leads && apply_page(answer->rest, std::move(answer->leads), now);
}

bool OfflineStore::apply_page(const nlohmann::json& a, std::vector<domain::Lead> parsed, domain::UnixTime now) {
    if (!a.is_object() || !a.contains("cursor") || !a["cursor"].is_number_integer()) return false;
    // Check the page before touching the store (a half-applied answer would leave the device
    // inconsistent), then apply it in place: only the page is read and written.
    const auto* interactions = items_of(a, "interactions");
    const auto* tasks = items_of(a, "tasks");
    if (!interactions || !tasks) return false;
    SyncPageChanges page;
    // value() would throw on a key of another type: a server answer is never trusted that far.
    const auto flag = [&a](const char* key) {
        const auto it = a.find(key);
        return it != a.end() && it->is_boolean() && it->get<bool>();
    };
    page.full = flag("full");
    page.more = flag("more");
    if (const auto total = a.find("leadTotal"); total != a.end() && total->is_number_unsigned())  // never negative
        page.lead_total = static_cast<std::int64_t>(std::min<std::uint64_t>(
            total->get<std::uint64_t>(), static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())));
    page.changed = page.full || !parsed.empty() || !interactions->empty() || !tasks->empty();
    if (page.full) {
        // Changes recorded offline and not yet on the server stay until their replay answers.
        leads_.clear();
        interactions_.erase(interactions_.lower_bound(0), interactions_.end());
        tasks_.clear();
    }
    for (auto& l : parsed) {
        page.upserted.push_back(l.id);
        dirty_leads_.insert(l.id);
        leads_[l.id] = std::move(l);
    }
    for (const auto& v : *interactions) {
        const auto id = v["id"].get<std::int64_t>();
        interactions_[id] = interaction_of(v);
        dirty_interactions_.insert(id);
    }
    for (const auto& v : *tasks) {
        const auto id = v["id"].get<std::int64_t>();
        tasks_[id] = v;
        dirty_tasks_.insert(id);
    }
    if (a.contains("deleted") && a["deleted"].is_object()) {
        const auto& d = a["deleted"];
        page.removed = erase_listed(leads_, dirty_leads_, d.value("leads", nlohmann::json::array()));
        const auto gone_interactions =
            erase_listed(interactions_, dirty_interactions_, d.value("interactions", nlohmann::json::array()));
        const auto gone_tasks = erase_listed(tasks_, dirty_tasks_, d.value("tasks", nlohmann::json::array()));
        page.changed = page.changed || !page.removed.empty() || !gone_interactions.empty() || !gone_tasks.empty();
    }
    // Every answer carries the settings: they count as a change only when they differ.
    if (a.contains("settings") && a["settings"].is_object() && a["settings"] != settings_) {
        settings_ = a["settings"];
        page.settings_changed = true;
        page.changed = true;
    }
    if (page.full) mark_all_for_rewrite();
    cursor_ = a["cursor"].get<std::int64_t>();
    last_sync_ = now;
    meta_dirty_ = true;
    last_page_ = std::move(page);
    return true;
}

OfflineStore::Interaction OfflineStore::interaction_of(const nlohmann::json& v) {
    const auto lead = v.find("leadId");
    const auto at = v.find("timestamp");
    return {lead != v.end() && lead->is_number_integer() ? lead->get<std::int64_t>() : 0,
            at != v.end() && at->is_string() ? at->get<std::string>() : std::string(), v.dump()};
}

void OfflineStore::put_lead(const domain::Lead& lead) {
    leads_[lead.id] = lead;
    dirty_leads_.insert(lead.id);
}

void OfflineStore::remove_lead(std::int64_t id) {
    if (leads_.erase(id)) dirty_leads_.insert(id);
}

void OfflineStore::add_interaction(const nlohmann::json& interaction) {
    auto copy = interaction;
    copy["id"] = local_interaction_id_;
    interactions_[local_interaction_id_] = interaction_of(copy);
    dirty_interactions_.insert(local_interaction_id_--);
    meta_dirty_ = true;  // the next local id
}

void OfflineStore::drop_local_interactions() {
    const auto end = interactions_.lower_bound(0);
    for (auto it = interactions_.begin(); it != end; ++it) dirty_interactions_.insert(it->first);
    interactions_.erase(interactions_.begin(), end);
}

void OfflineStore::put_task(const nlohmann::json& task) {
    if (!follow_up_from_json(task)) return;
    auto copy = task;
    copy.erase("lead");  // the lead travels on its own
    const auto id = copy["id"].get<std::int64_t>();
    tasks_[id] = std::move(copy);
    dirty_tasks_.insert(id);
}

void OfflineStore::complete_tasks_of(std::int64_t lead_id, domain::UnixTime at) {
    for (auto& [id, t] : tasks_)
        if (t.value("leadId", std::int64_t{0}) == lead_id && (!t.contains("doneAt") || t["doneAt"].is_null())) {
            t["doneAt"] = domain::format_iso_utc(at);
            dirty_tasks_.insert(id);
        }
}

void OfflineStore::change_task(std::int64_t id, std::optional<domain::UnixTime> due,
                               std::optional<domain::UnixTime> done_at) {
    auto it = tasks_.find(id);
    if (it == tasks_.end()) return;
    if (due) it->second["dueAt"] = domain::format_iso_utc(*due);
    if (done_at) it->second["doneAt"] = domain::format_iso_utc(*done_at);
    dirty_tasks_.insert(id);
}

std::vector<FollowUp> OfflineStore::follow_ups() const {
    std::vector<FollowUp> out;
    out.reserve(tasks_.size());
    for (const auto& [id, t] : tasks_)
        if (auto f = follow_up_from_json(t)) out.push_back(*f);
    return out;
}

void OfflineStore::set_rules(const nlohmann::json& items) {
    if (!items.is_array()) return;
    rules_ = items;
    meta_dirty_ = true;
}

std::vector<domain::Lead> OfflineStore::leads() const {
    std::vector<domain::Lead> out;
    out.reserve(leads_.size());
    for (const auto& [id, l] : leads_) out.push_back(l);
    return out;
}

std::vector<domain::Lead> OfflineStore::leads_with_ids(const std::vector<std::int64_t>& ids) const {
    std::vector<domain::Lead> out;
    for (const auto id : ids)
        if (const auto it = leads_.find(id); it != leads_.end()) out.push_back(it->second);
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
    std::vector<const Interaction*> mine;
    for (const auto& [id, v] : interactions_)
        if (v.lead_id == lead_id) mine.push_back(&v);
    std::stable_sort(mine.begin(), mine.end(),
                     [](const Interaction* a, const Interaction* b) { return a->timestamp > b->timestamp; });
    std::vector<nlohmann::json> out;
    for (const auto* v : mine) out.push_back(nlohmann::json::parse(v->text, nullptr, false));
    return out;
}

void OfflineStore::mark_all_for_rewrite() {
    clear_pending_ = true;
    meta_dirty_ = true;
    dirty_leads_.clear();
    dirty_interactions_.clear();
    dirty_tasks_.clear();
    mark_keys(leads_, dirty_leads_);
    mark_keys(interactions_, dirty_interactions_);
    mark_keys(tasks_, dirty_tasks_);
}

bool OfflineStore::device_write_pending() const {
    return clear_pending_ || meta_dirty_ || !dirty_leads_.empty() || !dirty_interactions_.empty() ||
           !dirty_tasks_.empty();
}

DeviceWrite OfflineStore::take_device_write(std::size_t max_records) {
    std::size_t budget = max_records;
    std::string leads = "[", interactions = "[", tasks = "[";
    std::vector<std::int64_t> gone_leads, gone_interactions, gone_tasks;
    // Takes up to `budget` marked ids: a record still kept is written, one gone is deleted.
    const auto take = [&budget](std::set<std::int64_t>& dirty, std::string& puts, std::vector<std::int64_t>& gone,
                                const auto& text_of) {
        while (!dirty.empty() && budget > 0) {
            const auto id = *dirty.begin();
            dirty.erase(dirty.begin());
            --budget;
            if (const auto text = text_of(id)) {
                if (puts.size() > 1) puts += ',';
                puts += *text;
            } else {
                gone.push_back(id);
            }
        }
        puts += ']';
    };
    take(dirty_leads_, leads, gone_leads, [this](std::int64_t id) -> std::optional<std::string> {
        const auto it = leads_.find(id);
        if (it == leads_.end()) return std::nullopt;
        std::string text;  // straight to text: a first sync writes 100,000 leads, 500 a frame
        domain::append_lead_json(text, it->second);
        return text;
    });
    take(dirty_interactions_, interactions, gone_interactions, [this](std::int64_t id) -> std::optional<std::string> {
        const auto it = interactions_.find(id);
        if (it == interactions_.end()) return std::nullopt;
        return it->second.text;
    });
    take(dirty_tasks_, tasks, gone_tasks, [this](std::int64_t id) -> std::optional<std::string> {
        const auto it = tasks_.find(id);
        if (it == tasks_.end()) return std::nullopt;
        return domain::json_text(it->second);
    });
    DeviceWrite w;
    w.complete = dirty_leads_.empty() && dirty_interactions_.empty() && dirty_tasks_.empty();
    nlohmann::json meta;  // null: the stored meta stays
    if (w.complete || clear_pending_)
        meta = {{"version", 2},
                {"cursor", w.complete ? cursor_ : 0},  // a copy cleared and half written syncs from the start
                {"lastSync", last_sync_},
                {"settings", settings_},
                {"rules", rules_},
                {"localInteractionId", local_interaction_id_}};
    w.text = std::string("{\"clear\":") + (clear_pending_ ? "true" : "false") + ",\"meta\":" + domain::json_text(meta) +
             ",\"leads\":" + leads + ",\"interactions\":" + interactions + ",\"tasks\":" + tasks +
             ",\"deleted\":{\"leads\":" + join_ids(gone_leads) + ",\"interactions\":" + join_ids(gone_interactions) +
             ",\"tasks\":" + join_ids(gone_tasks) + "}}";
    clear_pending_ = false;
    if (w.complete) meta_dirty_ = false;
    return w;
}

void OfflineStore::device_write_failed() {
    mark_all_for_rewrite();
}

bool OfflineStore::load_device_records(const std::string& kind, const nlohmann::json& records) {
    if (!is_records(records)) return false;
    try {
        for (const auto& v : records) {
            const auto id = v["id"].get<std::int64_t>();
            if (kind == "leads") {
                leads_[id] = v.get<domain::Lead>();
            } else if (kind == "interactions") {
                interactions_[id] = {v.value("leadId", std::int64_t{0}), v.value("timestamp", std::string()), v.dump()};
            } else if (kind == "tasks") {
                tasks_[id] = v;
            } else {
                return false;
            }
        }
    } catch (const std::exception&) {
        return false;
    }
    return true;
}

bool OfflineStore::load_device_leads(std::string_view records, std::vector<domain::Lead>& loaded) {
    std::string text;
    text.reserve(records.size() + 12);
    text.append("{\"leads\":").append(records).append("}");
    auto doc = domain::read_document_with_leads(text);
    if (!doc || !doc->has_leads) return false;
    for (const auto& lead : doc->leads)
        if (lead.id <= 0) return false;  // IndexedDB keys every record by its id
    for (auto& lead : doc->leads) {
        loaded.push_back(lead);
        const auto id = lead.id;
        leads_[id] = std::move(lead);
    }
    return true;
}

bool OfflineStore::load_device_meta(const nlohmann::json& m) {
    if (!m.is_object() || m.value("version", 0) != 2) return false;
    try {
        cursor_ = m.at("cursor").get<std::int64_t>();
        last_sync_ = m.at("lastSync").get<std::int64_t>();
        settings_ = m.value("settings", nlohmann::json());
        rules_ = m.value("rules", nlohmann::json::array());
        local_interaction_id_ = m.value("localInteractionId", std::int64_t{-1});
    } catch (const std::exception&) {
        return false;
    }
    return true;
}

}  // namespace crm::console
