#pragma once
// The speed-dial queue: priority = hot score + freshness + source weight + call-window bonus
// + follow-up due. Higher first; ties: older created_at, then smaller id. Leads that must not
// be called are left out, each with the reason and, when it is temporary, the date it ends.
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/calling_windows.hpp"
#include "crm/domain/scoring.hpp"

namespace crm::domain {

struct QueueItem {
    std::int64_t lead_id = 0;
    std::size_t index = 0;  // position of the lead in the input vector
    int priority = 0;
    int hot_score = 0;
    bool hot = false;
    bool ready_to_sell = false;
    bool call_allowed = true;     // the calling window, or consent
    bool consent_exempt = false;  // outside the window but allowed by consent
    std::vector<Reason> reasons;  // hot score reasons, then the queue's own
};

struct ExcludedLead {
    std::int64_t lead_id = 0;
    std::string reason;
    std::optional<UnixTime> until;  // when the lead comes back, if it does
};

struct QueueResult {
    std::vector<QueueItem> items;
    std::vector<ExcludedLead> excluded;
    WindowState window;  // the calling window at `now`, for every row
};

// The frequency caps alone (4 attempts in 30 days without consent; 60 days after a refusal):
// what forbids a new contact attempt, with the date it is allowed again.
std::optional<ExcludedLead> contact_cap(const Lead& lead, UnixTime now, const Settings& s);
// Whether a lead can ever come back to the queue: not DNC, not a bad number, not sold or
// refunded. The others are left out for good and not counted among the excluded; the server
// reads only these from SQL (db::queue_candidates mirrors this test) and the console skips the
// rest in its count, so both report the same excludedTotal.
bool queue_candidate(const Lead& lead);
// Why a lead is not in the queue at `now`, or nothing when it is.
std::optional<ExcludedLead> queue_exclusion(const Lead& lead, UnixTime now, const Settings& s);
QueueItem queue_item(const Lead& lead, UnixTime now, const Settings& s, bool window_open);
// The points the hour's call window adds to every lead nobody has reached yet (live_touches
// 0): the same for all of them, so it moves them together (QueueIndex relies on that).
int call_window_bonus(UnixTime now, const Settings& s);
// When time alone may next change this lead's priority or exclusion, everything else held
// still: a freshness tier ending, a follow-up or nurture date, a refusal's cooldown ending, a
// call attempt entering or leaving the 30-day cap. The hourly call-window bonus is not one of
// them (see call_window_bonus). Nothing: the lead stays as it is until it changes.
std::optional<UnixTime> next_queue_change(const Lead& lead, UnixTime now, const Settings& s);
// Where a lead stands in the queue: higher priority first, then the older lead, then the
// smaller id. rank_queue sorts by it, QueueIndex keeps its sets in it, and the console places a
// changed lead's row by it.
struct QueueOrder {
    int priority = 0;
    UnixTime created_at = 0;
    std::int64_t id = 0;
    bool operator<(const QueueOrder& o) const {
        if (priority != o.priority) return priority > o.priority;
        if (created_at != o.created_at) return created_at < o.created_at;
        return id < o.id;
    }
};
QueueResult rank_queue(const std::vector<Lead>& leads, UnixTime now, const Settings& s);
// What depends on `now` only, computed once per ranking rather than once per lead.
struct RankContext {
    bool window_open = false;
    int window_bonus = 0;
    std::int64_t connect_rate_percent = 0;
    UnixTime today_start = 0;  // Paris midnight: a follow-up due before it is overdue
};
// rank_queue in steps, for a caller that must not stall: the console ranks 100,000 leads over
// several frames. Score the leads in as many add() calls as wanted (each index once), then
// finish(): the same result as rank_queue over the same leads at the same `now`, which is how
// rank_queue itself is written.
class QueueRanking {
public:
    QueueRanking(UnixTime now, const Settings& s);
    // Scores leads[from, to).
    void add(const std::vector<Lead>& leads, std::size_t from, std::size_t to);
    // Sorts what was scored; `leads` is the vector add() read.
    QueueResult finish(const std::vector<Lead>& leads);
    UnixTime now() const { return now_; }

private:
    UnixTime now_;
    Settings settings_;
    QueueResult result_;
    std::vector<QueueItem> items_;
    RankContext context_;
};
// "créé il y a 2 min +100" etc. for one item.
std::vector<std::string> describe_reasons(const QueueItem& item, const Lead& lead);

}  // namespace crm::domain
