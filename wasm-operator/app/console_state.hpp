#pragma once
// The console's data and what the operator does to it, apart from drawing and HTTP: the leads,
// ranked by the domain library exactly as the server ranks them, the selection, search, the
// call timer and the last result. Views read it; actions change it.
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/accounts_model.hpp"
#include "app/automations_model.hpp"
#include "app/dashboard_model.hpp"
#include "app/follow_ups_model.hpp"
#include "app/hygiene_model.hpp"
#include "app/messages_model.hpp"
#include "app/sales_model.hpp"
#include "crm/domain/queue.hpp"
#include "crm/domain/settings.hpp"

namespace crm::console {

enum class Tab { queue, pipeline, deliveries, automations, dashboard };
// The Dashboard tab's sections.
enum class DashboardSection { figures, duplicates, import_csv };

// Speed to lead is about the first call attempt: green < 5 min, amber < 1 h, red beyond.
enum class TouchBadge { green, amber, red };
TouchBadge touch_badge(const domain::Lead& lead, domain::UnixTime now);
// Two facts: the first call attempt ("1er appel en 3 min", or "attend depuis 12 min") and the
// first call somebody answered ("joint en 2 h", "pas encore joint", "" before any call).
std::string touch_label(const domain::Lead& lead, domain::UnixTime now);
std::string connect_label(const domain::Lead& lead);
std::string elapsed_fr(std::int64_t seconds);  // "3 min", "2 h", "4 j"

// After an outcome on the Express layout, the same screen carries the rest of the call for
// that lead (follow-up, booking, .ics, delivery), whatever the queue shows next.
struct WrapUp {
    std::int64_t lead_id = 0;
    std::string outcome;   // its French label
    bool booking = false;  // outcome 6 asked for: the slot form comes first
};

// Offline and sync, for the status bar and the test hook (app/sync_controller.cpp fills it).
struct SyncInfo {
    bool device_loaded = false;  // the device's copy was read (or found missing)
    bool from_device = false;    // the leads on screen came from the device, not yet from the server
    bool syncing = false;
    std::size_t pending = 0;  // changes waiting in the outbox
    domain::UnixTime last_sync = 0;
    std::int64_t cursor = 0;
    int revision = 0, saved_revision = 0;  // the device copy: changes made / written to IndexedDB
    std::vector<std::string> changes;      // what the server decided differently, newest last
    // A first sync's progress: the leads received so far (0 outside one) of the server's total.
    std::size_t leads_received = 0;
    std::int64_t lead_total = 0;
};

class ConsoleState {
public:
    struct Row {
        std::size_t lead_index;
        domain::QueueItem item;
    };

    // Every lead replaced (a first sync, the device's copy), with the settings when they came
    // with them: one ranking for both.
    void set_leads(std::vector<domain::Lead> leads, const std::optional<domain::Settings>& settings = std::nullopt);
    // What a sync changed, applied to the list kept (a minute's refresh brings a few leads, not
    // the book): a few leads move alone, more (or new settings, or a removal) rank the list
    // once, over several frames for a large book with the rows shown meanwhile; the selection
    // stays as set_leads keeps it.
    void apply_lead_changes(std::vector<domain::Lead> upserts, const std::vector<std::int64_t>& removed,
                            const std::optional<domain::Settings>& settings = std::nullopt);
    // Every lead replaced (a first sync, the device's copy): a large book is ranked over the next
    // frames (see set_ranking_step), its queue empty until then; a small one at once, as
    // set_leads does.
    // `index`: each lead's position by id, when the caller has it.
    void replace_leads(std::vector<domain::Lead> leads, std::unordered_map<std::int64_t, std::size_t> index,
                       const std::optional<domain::Settings>& settings);
    // A book of more than this many leads is ranked over several frames, this many a frame, when
    // the minute changes or replace_leads brings it: ranking 100,000 leads at once stalled a frame
    // for a third of a second every minute. Tests lower it to see the steps on a small book.
    void set_ranking_step(std::size_t leads_per_step) { ranking_step_ = leads_per_step; }
    bool ranking() const { return job_.has_value(); }  // a ranking in steps is under way
    void upsert_lead(const domain::Lead& lead);        // after a server answer
    void remove_lead(std::int64_t id);                 // merged into another lead on the server
    void set_settings(const domain::Settings& s);
    // The clock moves the ranking (freshness, windows): re-rank when the minute changes.
    void set_now(domain::UnixTime now);
    // Filters the kept ranking (no ranking again); an empty text shows it all.
    void set_search(const std::string& text);

    const std::vector<Row>& rows() const { return rows_; }
    const std::vector<domain::Lead>& leads() const { return leads_; }
    const domain::Lead* find_lead(std::int64_t id) const;  // in the queue or not (by id: no scan)
    // The Pipeline board and its source list, computed again only when the leads, the settings
    // or the filter changed: they visit every lead, and a view asks for them every frame.
    const std::vector<PipelineColumn>& pipeline_columns() const;
    const std::vector<std::string>& lead_sources() const;

    // The "À rappeler" list: the device's follow-ups (GET /api/sync, then each change).
    void set_follow_ups(std::vector<FollowUp> tasks);
    const std::vector<FollowUp>& follow_ups() const { return follow_ups_; }
    const std::vector<FollowUpRow>& follow_up_rows() const { return follow_up_rows_; }
    bool show_follow_ups = false;  // F toggles the list in the Queue tab
    std::optional<WrapUp> wrap_up;
    const domain::Settings& settings() const { return settings_; }
    const domain::WindowState& window() const { return window_; }
    std::size_t excluded_count() const { return excluded_; }
    domain::UnixTime now() const { return now_; }
    const std::string& search() const { return search_; }

    int selected() const { return selected_; }
    const domain::Lead* current_lead() const;
    const Row* current_row() const;
    void select(int index);
    void select_next();
    void select_prev();
    void select_lead(std::int64_t id);

    // The call timer starts with C and stops when an outcome is recorded.
    void start_call();
    int call_seconds() const;
    bool in_call() const { return call_started_.has_value(); }
    void stop_call() { call_started_.reset(); }

    // Why Call/SMS/WhatsApp are disabled for the current lead, or "" when they are not.
    std::string contact_blocked_reason() const;
    std::string call_blocked_reason() const;

    AccountsModel accounts;
    Integrations integrations;  // which providers are real (GET /api/integrations)
    AutomationsModel automations;
    SalesModel sales;
    DashboardModel dashboard;
    HygieneModel hygiene;
    DashboardSection dashboard_section = DashboardSection::figures;
    bool section_requested = false;  // a key asked for `dashboard_section`: the tab bar selects it once
    // Screen rectangles (x, y, w, h in CSS px) of named widgets, refreshed every frame, so the
    // browser tests can click a tab or a button where a person would.
    std::map<std::string, std::array<float, 4>> anchors;
    std::map<std::string, std::string> shown;  // texts the views showed this frame (checks, previews)
    bool tab_requested = false;                // a key asked for `tab`: the tab bar selects it once
    long frames = 0;                           // frames drawn so far (tests wait for a click's frames to pass)

    std::string flash;  // the last result shown to the operator ("Pas de réponse : SMS A, relance J+2")
    Tab tab = Tab::queue;
    bool show_help = false;
    bool dark_theme = true;
    std::string note_draft;              // the note being typed on the current lead
    float note_field[4] = {0, 0, 0, 0};  // x, y, width, height in CSS px (for the test hook)
    bool focus_search = false;
    int pending_requests = 0;
    bool online = true;
    SyncInfo sync;
    std::string user_name;
    std::string error;

    nlohmann::json snapshot() const;  // for the test hook: what the screen shows
    // Every queue row as GET /api/queue words it (domain::queue_item_json), and how many leads
    // are left out: the test hook compares the two orders on thousands of leads.
    nlohmann::json queue_json() const;
    nlohmann::json follow_ups_json() const;  // the "À rappeler" list as shown

private:
    void rerank();  // at once (a ranking in steps under way is dropped)
    // A ranking in steps: scored from leads_ a step at a time (set_now takes a step each frame),
    // sorted in the next, installed whole in the last. The rows shown meanwhile are the last
    // ranking's.
    struct RankingJob {
        domain::QueueRanking ranking;
        std::size_t next = 0;                       // the next lead to score
        std::optional<std::int64_t> keep;           // the lead to select once ranked; none: as it is then
        std::optional<domain::QueueResult> sorted;  // every lead scored and sorted: shown next frame
    };
    std::optional<RankingJob> job_;
    std::size_t ranking_step_ = 10000;
    void start_ranking(std::optional<std::int64_t> keep);
    void step_ranking();
    void install(domain::QueueResult ranked, domain::UnixTime ranked_at);  // rows, window, counts
    void rebuild_index();                                                  // index_by_id_ from leads_
    // Takes these leads out, the others in their order; the rows shown follow their leads to
    // their new places (a removed lead's row goes), so they stay right while a ranking in steps
    // runs.
    void remove_leads(const std::set<std::int64_t>& gone);
    std::vector<domain::Lead> leads_;
    std::unordered_map<std::int64_t, std::size_t> index_by_id_;  // rebuilt when leads_ is replaced
    std::uint64_t data_version_ = 0;                             // moves with every change to leads_ or the ranking
    struct PipelineCache {
        std::uint64_t version = ~std::uint64_t{0};
        PipelineFilter filter;
        std::vector<PipelineColumn> columns;
        std::uint64_t sources_version = ~std::uint64_t{0};
        std::vector<std::string> sources;
    };
    mutable PipelineCache pipeline_cache_;
    std::vector<FollowUp> follow_ups_;
    std::vector<FollowUpRow> follow_up_rows_;
    domain::Settings settings_;
    std::vector<Row> rows_;        // the queue shown: the ranking, filtered by the search
    std::vector<Row> unfiltered_;  // the whole ranking while a search filters it; empty otherwise
    void place_row(std::vector<Row>& rows, Row row) const;  // where the queue's order puts it
    void filter_rows();                                     // rows_ from unfiltered_ and the search
    void clamp_selection();                                 // on the last row when rows went away
    domain::WindowState window_;
    std::size_t excluded_ = 0;
    domain::UnixTime now_ = 0;
    domain::UnixTime ranked_minute_ = -1;
    std::string search_;
    std::string folded_search_;  // search_ folded once, not once per lead ranked
    int selected_ = 0;
    std::optional<domain::UnixTime> call_started_;
    bool follow_top_ = true;  // no lead picked yet: set_leads selects the top row
    void find_and_select(std::int64_t id);
    std::int64_t lead_to_keep() const;  // the lead the selection stays on through a change of the list
    void reselect(std::int64_t keep);
    bool counts_as_excluded(const domain::Lead& lead) const;  // left out for now, not for good
    bool matches_search(const domain::Lead& lead) const;
    void refresh_follow_up_rows();
};

}  // namespace crm::console
