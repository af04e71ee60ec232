#include "app/console_state.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "crm/domain/follow_ups.hpp"
#include "crm/domain/json.hpp"

namespace crm::console {

namespace {
std::string fold(const std::string& s) {
    std::string out;
    for (unsigned char c : s) out += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    return out;
}
}  // namespace

TouchBadge touch_badge(const domain::Lead& lead, domain::UnixTime now) {
    const auto waited = (lead.first_touch_at ? *lead.first_touch_at : now) - lead.created_at;
    if (waited < 300) return TouchBadge::green;
    if (waited < 3600) return TouchBadge::amber;
    return TouchBadge::red;
}

std::string elapsed_fr(std::int64_t seconds) {
    seconds = std::max<std::int64_t>(0, seconds);
    if (seconds < 3600) return std::to_string(seconds / 60) + " min";
    if (seconds < 86400) return std::to_string(seconds / 3600) + " h";
    return std::to_string(seconds / 86400) + " j";
}

std::string touch_label(const domain::Lead& lead, domain::UnixTime now) {
    if (!lead.first_touch_at) return "attend depuis " + elapsed_fr(now - lead.created_at);
    return "1er appel en " + elapsed_fr(*lead.first_touch_at - lead.created_at);
}

std::string connect_label(const domain::Lead& lead) {
    if (lead.first_connect_at) return "joint en " + elapsed_fr(*lead.first_connect_at - lead.created_at);
    return lead.first_touch_at ? "pas encore joint" : "";
}

std::int64_t ConsoleState::lead_to_keep() const {
    const auto* cur = current_lead();
    // Until the operator picks a lead, starts a call or types a note, the selection is the top
    // of the queue (a page opened from the device's copy, then synced, shows the freshest lead
    // first); after that, it stays on the lead being worked on.
    const bool follow_top = follow_top_ && !call_started_ && note_draft.empty();
    return cur && !follow_top ? cur->id : 0;
}

void ConsoleState::reselect(std::int64_t keep) {
    if (keep)
        find_and_select(keep);
    else
        selected_ = 0;
}

void ConsoleState::set_leads(std::vector<domain::Lead> leads, const std::optional<domain::Settings>& settings) {
    const auto keep = lead_to_keep();
    leads_ = std::move(leads);
    if (settings) settings_ = *settings;
    rerank();
    reselect(keep);
}

void ConsoleState::apply_lead_changes(std::vector<domain::Lead> upserts, const std::vector<std::int64_t>& removed,
                                      const std::optional<domain::Settings>& settings) {
    const auto keep = lead_to_keep();
    if (!settings && removed.empty() && upserts.size() <= 200) {
        // A refresh after an outcome brings a lead or two: they move alone (see upsert_lead).
        for (const auto& lead : upserts) upsert_lead(lead);
        return reselect(keep);
    }
    for (auto& lead : upserts) {
        const auto it = index_by_id_.find(lead.id);
        if (it == index_by_id_.end()) {
            index_by_id_[lead.id] = leads_.size();
            leads_.push_back(std::move(lead));
        } else {
            leads_[it->second] = std::move(lead);
        }
    }
    if (settings) settings_ = *settings;
    if (!removed.empty()) remove_leads({removed.begin(), removed.end()});
    if (leads_.size() > ranking_step_) {
        // Thousands of leads brought by a sync (the scheduler nurturing an idle book, a
        // retention batch erased): the rows shown follow their leads while the book is ranked
        // again in steps (a whole ranking was a 50 ms frame at 100,000 leads). The selection is
        // settled when it is shown: the operator may move it meanwhile.
        ++data_version_;
        return start_ranking(std::nullopt);
    }
    rerank();  // rebuilds index_by_id_ too
    reselect(keep);
}

void ConsoleState::replace_leads(std::vector<domain::Lead> leads, std::unordered_map<std::int64_t, std::size_t> index,
                                 const std::optional<domain::Settings>& settings) {
    if (leads.size() <= ranking_step_) return set_leads(std::move(leads), settings);
    const auto keep = lead_to_keep();
    leads_ = std::move(leads);
    if (settings) settings_ = *settings;
    ++data_version_;
    if (index.size() == leads_.size())
        index_by_id_ = std::move(index);
    else
        rebuild_index();
    rows_.clear();  // they point into the leads replaced
    unfiltered_.clear();
    excluded_ = 0;
    selected_ = 0;
    start_ranking(keep);
}

void ConsoleState::start_ranking(std::optional<std::int64_t> keep) {
    job_.emplace(RankingJob{domain::QueueRanking(now_, settings_), 0, keep, std::nullopt});
}

void ConsoleState::step_ranking() {
    // Frames of scoring, one frame of sorting, one of showing: at 100,000 leads, sorting and
    // building the rows in the same frame took 90 ms.
    auto& job = *job_;
    if (!job.sorted) {
        if (job.next < leads_.size()) {
            const auto to = job.next + ranking_step_;
            job.ranking.add(leads_, job.next, to);
            job.next = to;
        } else {
            job.sorted = job.ranking.finish(leads_);
        }
        return;
    }
    const auto keep = job.keep ? *job.keep : lead_to_keep();
    const auto ranked_at = job.ranking.now();
    auto ranked = std::move(*job.sorted);
    job_.reset();
    install(std::move(ranked), ranked_at);
    reselect(keep);
}

void ConsoleState::upsert_lead(const domain::Lead& lead) {
    // The selection keeps its position: after an outcome the next lead moves up under it.
    const auto it = index_by_id_.find(lead.id);
    if (job_) {
        // A ranking in steps may have scored this lead already: it starts again, and the row
        // moves in the rows shown meanwhile (below).
        job_->ranking = domain::QueueRanking(job_->ranking.now(), settings_);
        job_->next = 0;
        job_->sorted.reset();
    } else if (now_ / 60 != ranked_minute_) {
        // The clock moved since the last ranking: every lead's priority may have, too.
        if (it == index_by_id_.end())
            leads_.push_back(lead);
        else
            leads_[it->second] = lead;
        return rerank();
    }
    // One lead changed: only its row moves (no lead's rank depends on another's), so an outcome
    // in a book of 100,000 leads does not rank them all again.
    std::size_t index;
    if (it == index_by_id_.end()) {
        index = leads_.size();
        leads_.push_back(lead);
        index_by_id_[lead.id] = index;
    } else {
        index = it->second;
        if (excluded_ > 0 && counts_as_excluded(leads_[index])) --excluded_;
        const auto of_lead = [index](const Row& r) { return r.lead_index == index; };
        rows_.erase(std::remove_if(rows_.begin(), rows_.end(), of_lead), rows_.end());
        unfiltered_.erase(std::remove_if(unfiltered_.begin(), unfiltered_.end(), of_lead), unfiltered_.end());
        leads_[index] = lead;
    }
    ++data_version_;
    const bool excluded = domain::queue_exclusion(lead, now_, settings_).has_value();
    excluded_ += excluded && domain::queue_candidate(lead) ? 1 : 0;  // as counts_as_excluded
    if (!excluded) {
        auto item = domain::queue_item(lead, now_, settings_, window_.open);
        item.index = index;
        const bool searching = !folded_search_.empty();
        if (searching) place_row(unfiltered_, Row{index, item});
        if (matches_search(lead)) place_row(rows_, Row{index, std::move(item)});
    }
    refresh_follow_up_rows();
    clamp_selection();
}

void ConsoleState::place_row(std::vector<Row>& rows, Row row) const {
    const auto at = std::lower_bound(rows.begin(), rows.end(), row, [this](const Row& r, const Row& x) {
        const auto& a = leads_[r.lead_index];
        const auto& b = leads_[x.lead_index];
        return domain::QueueOrder{r.item.priority, a.created_at, a.id} <
               domain::QueueOrder{x.item.priority, b.created_at, b.id};
    });
    rows.insert(at, std::move(row));
}

void ConsoleState::clamp_selection() {
    if (selected_ >= static_cast<int>(rows_.size())) selected_ = std::max(0, static_cast<int>(rows_.size()) - 1);
}

void ConsoleState::filter_rows() {
    rows_.clear();
    for (const auto& r : unfiltered_)
        if (matches_search(leads_[r.lead_index])) rows_.push_back(r);
    clamp_selection();
}

bool ConsoleState::counts_as_excluded(const domain::Lead& lead) const {
    // Leads out for good (DNC, sold...) are not "excluded", as on the server.
    return domain::queue_candidate(lead) && domain::queue_exclusion(lead, now_, settings_).has_value();
}

bool ConsoleState::matches_search(const domain::Lead& l) const {
    if (folded_search_.empty()) return true;
    const auto hay = fold(l.first_name + " " + l.last_name + " " + l.city + " " + l.zip + " " + l.phone + " " +
                          l.phone_e164.value_or("") + " " + l.email.value_or(""));
    return hay.find(folded_search_) != std::string::npos;
}

void ConsoleState::refresh_follow_up_rows() {
    follow_up_rows_ = console::follow_up_rows(
        follow_ups_, [this](std::int64_t id) { return find_lead(id); }, now_);
}

void ConsoleState::remove_lead(std::int64_t id) {
    const auto* cur = current_lead();
    const auto keep = cur && cur->id != id ? cur->id : 0;  // the operator stays on their lead
    remove_leads({id});
    rerank();
    if (keep) find_and_select(keep);
}

const domain::Lead* ConsoleState::find_lead(std::int64_t id) const {
    const auto it = index_by_id_.find(id);
    return it == index_by_id_.end() ? nullptr : &leads_[it->second];
}

const std::vector<PipelineColumn>& ConsoleState::pipeline_columns() const {
    auto& c = pipeline_cache_;
    if (c.version != data_version_ || !(c.filter == sales.pipeline_filter)) {
        c.columns = console::pipeline_columns(leads_, settings_, sales.pipeline_filter);
        c.version = data_version_;
        c.filter = sales.pipeline_filter;
    }
    return c.columns;
}

const std::vector<std::string>& ConsoleState::lead_sources() const {
    auto& c = pipeline_cache_;
    if (c.sources_version != data_version_) {
        std::set<std::string> sources;
        for (const auto& l : leads_) sources.insert(l.source);
        c.sources.assign(sources.begin(), sources.end());
        c.sources_version = data_version_;
    }
    return c.sources;
}

void ConsoleState::set_follow_ups(std::vector<FollowUp> tasks) {
    follow_ups_ = std::move(tasks);
    refresh_follow_up_rows();
}

void ConsoleState::set_settings(const domain::Settings& s) {
    settings_ = s;
    rerank();
}

void ConsoleState::set_now(domain::UnixTime now) {
    now_ = now;
    if (!job_ && now / 60 != ranked_minute_) {
        if (leads_.size() <= ranking_step_) return rerank();
        start_ranking(std::nullopt);
    }
    if (job_) step_ranking();
}

void ConsoleState::set_search(const std::string& text) {
    if (text == search_) return;
    // The ranking stands: a search only filters it (ranking 100,000 leads again at each
    // keystroke took a third of a second).
    const bool was_searching = !folded_search_.empty();
    search_ = text;
    folded_search_ = fold(text);
    if (folded_search_.empty()) {
        if (was_searching) rows_ = std::move(unfiltered_);
        unfiltered_.clear();
        clamp_selection();
        return;
    }
    if (!was_searching) unfiltered_ = std::move(rows_);
    filter_rows();
}

void ConsoleState::remove_leads(const std::set<std::int64_t>& gone) {
    constexpr auto kGone = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> new_index(leads_.size(), kGone);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < leads_.size(); ++i)
        if (gone.count(leads_[i].id) == 0) new_index[i] = kept++;
    leads_.erase(
        std::remove_if(leads_.begin(), leads_.end(), [&gone](const domain::Lead& l) { return gone.count(l.id) > 0; }),
        leads_.end());
    const auto follow = [&new_index](std::vector<Row>& rows) {
        rows.erase(std::remove_if(rows.begin(), rows.end(),
                                  [&new_index](const Row& r) { return new_index[r.lead_index] == kGone; }),
                   rows.end());
        for (auto& r : rows) r.item.index = r.lead_index = new_index[r.lead_index];
    };
    follow(rows_);
    follow(unfiltered_);
    rebuild_index();
    ++data_version_;
    clamp_selection();
}

void ConsoleState::rebuild_index() {
    index_by_id_.clear();
    index_by_id_.reserve(leads_.size());
    for (std::size_t i = 0; i < leads_.size(); ++i) index_by_id_[leads_[i].id] = i;
}

void ConsoleState::rerank() {
    job_.reset();
    rebuild_index();
    install(domain::rank_queue(leads_, now_, settings_), now_);
}

void ConsoleState::install(domain::QueueResult ranked, domain::UnixTime ranked_at) {
    ++data_version_;
    ranked_minute_ = ranked_at / 60;
    refresh_follow_up_rows();  // names and buckets follow the leads and the clock
    window_ = ranked.window;
    // Leads out for good (DNC, sold...) are not "excluded", as on the server.
    const auto out_for_good = static_cast<std::size_t>(
        std::count_if(leads_.begin(), leads_.end(), [](const domain::Lead& l) { return !domain::queue_candidate(l); }));
    excluded_ = ranked.excluded.size() - out_for_good;
    rows_.clear();
    unfiltered_.clear();
    auto& all = folded_search_.empty() ? rows_ : unfiltered_;
    all.reserve(ranked.items.size());
    for (auto& item : ranked.items) all.push_back({item.index, std::move(item)});
    if (!folded_search_.empty()) return filter_rows();
    clamp_selection();
}

const ConsoleState::Row* ConsoleState::current_row() const {
    if (selected_ < 0 || selected_ >= static_cast<int>(rows_.size())) return nullptr;
    return &rows_[static_cast<std::size_t>(selected_)];
}

const domain::Lead* ConsoleState::current_lead() const {
    const auto* row = current_row();
    return row ? &leads_[row->lead_index] : nullptr;
}

void ConsoleState::select(int index) {
    follow_top_ = false;
    if (rows_.empty()) {
        selected_ = 0;
        return;
    }
    selected_ = std::clamp(index, 0, static_cast<int>(rows_.size()) - 1);
}

void ConsoleState::select_next() {
    select(selected_ + 1);
}
void ConsoleState::select_prev() {
    select(selected_ - 1);
}

void ConsoleState::select_lead(std::int64_t id) {
    follow_top_ = false;
    find_and_select(id);
}

void ConsoleState::find_and_select(std::int64_t id) {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (leads_[rows_[i].lead_index].id == id) selected_ = static_cast<int>(i);
}

void ConsoleState::start_call() {
    follow_top_ = false;
    if (call_blocked_reason().empty()) call_started_ = now_;
}

int ConsoleState::call_seconds() const {
    return call_started_ ? static_cast<int>(now_ - *call_started_) : 0;
}

std::string ConsoleState::contact_blocked_reason() const {
    const auto* l = current_lead();
    if (!l) return "aucun lead";
    if (l->dnc) return "ne pas contacter";
    if (l->bad_number) return "numéro invalide";
    if (!l->phone_e164) return "pas de numéro valide";
    return "";
}

std::string ConsoleState::call_blocked_reason() const {
    auto reason = contact_blocked_reason();
    if (!reason.empty()) return reason;
    const auto* row = current_row();
    if (row && !row->item.call_allowed) return "hors plage d'appel (" + window_.reason + ")";
    return "";
}

nlohmann::json ConsoleState::follow_ups_json() const {
    auto out = nlohmann::json::array();
    for (const auto& r : follow_up_rows_)
        out.push_back({{"taskId", r.task.id},
                       {"leadId", r.task.lead_id},
                       {"lead", r.lead_name},
                       {"note", r.task.note},
                       {"dueAt", domain::format_iso_utc(r.task.due)},
                       {"bucket", domain::follow_up_bucket_fr(r.bucket)}});
    return out;
}

nlohmann::json ConsoleState::queue_json() const {
    auto items = nlohmann::json::array();
    for (const auto& row : rows_) items.push_back(domain::queue_item_json(row.item, leads_[row.lead_index]));
    return {{"items", items}, {"excludedTotal", excluded_}, {"search", search_}};
}

nlohmann::json ConsoleState::snapshot() const {
    auto rows = nlohmann::json::array();
    for (std::size_t i = 0; i < rows_.size() && i < 200; ++i) {
        const auto& l = leads_[rows_[i].lead_index];
        rows.push_back({{"leadId", l.id},
                        {"name", l.first_name + " " + l.last_name},
                        {"status", domain::to_string(l.status)},
                        {"priority", rows_[i].item.priority},
                        {"hot", rows_[i].item.hot}});
    }
    const char* tabs[] = {"queue", "pipeline", "deliveries", "automations", "dashboard"};
    const char* sections[] = {"figures", "duplicates", "import"};
    const auto* cur = current_lead();
    auto anchor_json = nlohmann::json::object();
    for (const auto& [name, r] : anchors) anchor_json[name] = {r[0], r[1], r[2], r[3]};
    return {{"tab", tabs[static_cast<int>(tab)]},
            {"anchors", anchor_json},
            {"shown", shown},
            {"frames", frames},
            {"automations", automations.snapshot()},
            {"sales",
             {{"message", sales.message},
              {"deliveriesLoaded", sales.deliveries_loaded},
              {"deliveryCount", sales.deliveries.size()},
              {"planLoaded", sales.plan.has_value()},
              {"pipelineSelected", sales.pipeline_selected}}},
            {"dashboard", dashboard.snapshot()},
            {"hygiene", hygiene.snapshot()},
            {"dashboardSection", sections[static_cast<int>(dashboard_section)]},
            {"selected", selected_},
            {"currentLeadId", cur ? nlohmann::json(cur->id) : nlohmann::json(nullptr)},
            {"rows", rows},
            {"followUps", follow_ups_json()},
            {"showFollowUps", show_follow_ups},
            {"wrapUp", wrap_up ? nlohmann::json{{"leadId", wrap_up->lead_id},
                                                {"outcome", wrap_up->outcome},
                                                {"booking", wrap_up->booking}}
                               : nlohmann::json()},
            {"rowCount", rows_.size()},
            {"leadCount", leads_.size()},
            {"ranking", ranking()},
            {"search", search_},
            {"searchFocused", focus_search},
            {"inCall", in_call()},
            {"flash", flash},
            {"online", online},
            {"sync",
             {{"deviceLoaded", sync.device_loaded},
              {"fromDevice", sync.from_device},
              {"syncing", sync.syncing},
              {"pending", sync.pending},
              {"lastSync", sync.last_sync ? nlohmann::json(domain::format_iso_utc(sync.last_sync)) : nlohmann::json()},
              {"cursor", sync.cursor},
              {"saved", sync.saved_revision == sync.revision},
              {"changes", sync.changes}}},
            {"pending", pending_requests},
            {"showHelp", show_help},
            {"noteDraft", note_draft},
            {"noteField", {note_field[0], note_field[1], note_field[2], note_field[3]}},
            {"theme", dark_theme ? "dark" : "light"},
            {"error", error},
            {"window", window_}};
}

}  // namespace crm::console
