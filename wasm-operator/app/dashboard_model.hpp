#pragma once
// What the Dashboard tab shows: GET /api/dashboard?days=7|30 read into plain rows, and the
// decisions the view would otherwise hide in drawing code (heatmap colours and legal-hours
// outline, agent ordering, French number formats). No ImGui, no HTTP: tested natively.
// Definitions of every figure: docs/DASHBOARD.md.
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace crm::console {

struct TodayFigures {
    std::int64_t calls_placed = 0, connects = 0, booked = 0, leads_delivered = 0, collected_cents = 0;
    std::optional<double> connect_rate;  // 0..1, none without calls
};

// One funnel step: created → contacted → booked → delivered → won.
struct FunnelStep {
    std::string key;    // "created", "contacted", …
    std::string label;  // "Créés", "Contactés", …
    std::int64_t count = 0;
    std::optional<double> conversion;  // over `base`; none for "created"
    // The step the conversion is over: the previous one when every lead of this step went
    // through it, else the created leads (a lead can be delivered without a booked slot).
    std::string base;
};
// "50 % des contactés", "75 % des créés"; "" for the first step.
std::string conversion_fr(const FunnelStep& s);

struct RoiRow {
    std::string source;
    std::int64_t leads = 0, cost_cents = 0, paid_cents = 0, refunded_cents = 0, revenue_cents = 0;
    std::optional<double> roi;  // (revenue - cost) / cost, none when nothing was spent
};

struct AgentRow {
    std::int64_t id = 0;
    std::string name;
    std::int64_t deliveries = 0, accepted = 0, refunded = 0, ltv_cents = 0, month_cents = 0;
    std::optional<double> acceptance_rate, refund_rate;
    std::optional<std::int64_t> median_first_call_seconds;
};

struct HeatCell {
    int weekday = 0;  // 0 = Monday
    int hour = 0;     // Paris local time
    std::int64_t calls = 0, connects = 0;
    std::optional<double> connect_rate;
    bool legal = false;  // the whole hour lies in the legal calling window
};

constexpr int kHeatCells = 7 * 24;

struct Dashboard {
    int days = 7;
    std::string generated_at;  // ISO, as the server said
    TodayFigures today;
    std::vector<FunnelStep> funnel;  // always the five steps, in order
    std::vector<RoiRow> roi_by_source;
    std::vector<AgentRow> agents;
    int heatmap_days = 90;
    std::array<HeatCell, kHeatCells> heatmap{};  // weekday * 24 + hour

    const HeatCell& cell(int weekday, int hour) const { return heatmap[static_cast<std::size_t>(weekday * 24 + hour)]; }
};

// The server's answer as rows; throws std::exception on an answer that is not a dashboard
// (missing "today" or "funnel"), so the tab shows an error rather than zeros.
Dashboard dashboard_from_json(const nlohmann::json& answer);

// The tab's state: the figures shown, the period asked for, loading and the last error.
// Each request gets a ticket; only the newest request's answer is applied, so a slow answer
// (an earlier period, figures from before an outcome) never overwrites a newer one.
class DashboardModel {
public:
    int request(int days);  // returns the ticket; the figures on screen stay until the answer
    // The answer to request `ticket`. Returns whether it was applied (newest, and a dashboard).
    bool set_answer(int ticket, const nlohmann::json& answer);
    void set_error(int ticket, const std::string& message);

    int days() const { return days_; }  // the period asked for (on screen, or being loaded)
    bool loading() const { return loading_; }
    bool loaded() const { return data_.has_value(); }
    const std::string& error() const { return error_; }
    const Dashboard* data() const { return data_ ? &*data_ : nullptr; }
    int version() const { return version_; }  // changes with every answer applied (views re-sort)

    nlohmann::json snapshot() const;  // for the test hook: the figures as the tab shows them

private:
    int days_ = 7;
    int ticket_ = 0;
    int version_ = 0;
    bool loading_ = false;
    std::string error_;
    std::optional<Dashboard> data_;
};

// ---- presentation decisions (pure)

// "42 %" (rounded, no-break space), "-35 %", "—" when there is no ratio.
std::string format_percent(std::optional<double> ratio);
// Time to first call: "45 s", "12 min", "2 h 05", "3 j 4 h", "—".
std::string format_duration(std::optional<std::int64_t> seconds);
const char* weekday_short_fr(int weekday);  // "lun." … "dim."

struct Rgba {
    float r = 0, g = 0, b = 0, a = 1;
};
// Cell colour by connect rate: deep blue (0 %) to bright green (100 %), rising in lightness so
// it reads without telling red from green; a cell without calls is a faint grey.
Rgba heat_color(const HeatCell& cell);
// Dark text on light cells, light text on dark ones.
bool heat_text_dark(const Rgba& background);

// The sides of a cell on the border of the legal calling hours (rows are weekdays Monday
// first, columns hours), so the view outlines the legal region rather than every cell.
enum HeatEdge : unsigned { edge_top = 1, edge_bottom = 2, edge_left = 4, edge_right = 8 };
unsigned legal_edges(const Dashboard& d, int weekday, int hour);

// The best call windows: cells with at least `min_calls` calls, highest connect rate first
// (more calls first on a tie), at most `n`.
std::vector<HeatCell> best_windows(const Dashboard& d, std::int64_t min_calls = 3, std::size_t n = 3);

// Agents table columns, in the table's order (ImGui's sort specs carry these as user ids).
enum class AgentColumn { name, deliveries, acceptance, first_call, refund, ltv, month };
// Row indices in display order. Missing values (no delivery, no first call) go last in both
// directions: "no data" is never the best nor the worst. Ties keep the name order.
std::vector<std::size_t> agent_order(const std::vector<AgentRow>& agents, AgentColumn column, bool descending);

}  // namespace crm::console
