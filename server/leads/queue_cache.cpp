#include "leads/queue_cache.hpp"

#include <algorithm>

#include "leads/leads_repo.hpp"
#include "settings/settings_repo.hpp"
#include "sync/sync_repo.hpp"

namespace crm::leads {

namespace {
// Past this many changes at once, one read of the whole book (about 1 s at 100,000 leads)
// beats reading the changed leads by id, 500 a query.
constexpr std::int64_t kMaxChangesApplied = 5000;
constexpr std::size_t kReadBatch = 500;  // ids in one query (load_lead_extras's page)
// A request may have read the clock this long before it got the lock (seconds).
constexpr std::int64_t kLateRequest = 60;
}  // namespace

std::string QueueCache::answer(db::Database& db, std::int64_t now, std::size_t limit, const Render& render) {
    std::lock_guard<std::mutex> lock(mutex_);
    // Requests read the clock before they queue for the lock: one that read the previous second
    // is answered at the index's second, not taken for a clock going back (which reads the whole
    // book again; every second boundary under load did that before).
    if (built_ && now < advanced_ && advanced_ - now <= kLateRequest) now = advanced_;
    catch_up(db, now);
    if (kept_.size() > 8 && !kept_.count(limit)) kept_.clear();  // limits are the client's choice: keep a few
    auto& kept = kept_[limit];
    if (kept.body.empty() || kept.version != index_.version() || kept.now != now)
        kept = {index_.version(), now, render(index_.page(limit, now), now)};
    return kept.body;
}

std::size_t QueueCache::warm_up(db::Database& db, std::int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    catch_up(db, now);
    return index_.size();
}

void QueueCache::catch_up(db::Database& db, std::int64_t now) {
    // Read before the data: what is read next is at least this new, so applying it again
    // later (a change numbered after this one) only repeats a step.
    const auto version = sync::newest_change(db);
    // Time going back (the test clock) or a log going back (a restored database): anew.
    if (!built_ || now < advanced_ || version < applied_) {
        rebuild(db, now, version);
    } else if (version > applied_) {
        const auto changes = sync::changes_after(db, applied_, kMaxChangesApplied + 1);
        if (static_cast<std::int64_t>(changes.size()) > kMaxChangesApplied) {
            rebuild(db, now, version);
        } else {
            std::vector<std::int64_t> leads;
            for (const auto& c : changes) {
                if (c.entity == "lead") leads.push_back(c.id);
                if (c.entity == "settings") index_.rescore_all(settings::load_settings(db), now);
            }
            reload(db, leads, now);
            applied_ = version;
        }
    }
    if (const auto stale = index_.advance(now); !stale.empty()) reload(db, stale, now);
    advanced_ = now;
}

void QueueCache::rebuild(db::Database& db, std::int64_t now, std::int64_t version) {
    index_.reset(settings::load_settings(db));
    const auto slot_ends = booked_slot_ends(db, now);
    for (auto& lead : queue_candidates(db, now)) put(std::move(lead), now, slot_ends);
    built_ = true;
    applied_ = version;
}

void QueueCache::put(domain::Lead lead, std::int64_t now,
                     const std::unordered_map<std::int64_t, std::int64_t>& slot_ends) {
    const auto end = slot_ends.find(lead.id);
    // The copy goes stale when its booked slot ends (has_booked_slot turns false).
    index_.put(std::move(lead), now, end == slot_ends.end() ? std::nullopt : std::optional<std::int64_t>(end->second));
}

void QueueCache::reload(db::Database& db, const std::vector<std::int64_t>& ids, std::int64_t now) {
    for (std::size_t from = 0; from < ids.size(); from += kReadBatch) {
        const std::vector<std::int64_t> batch(
            ids.begin() + static_cast<std::ptrdiff_t>(from),
            ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), from + kReadBatch)));
        auto leads = leads_by_ids(db, batch, now);
        const auto slot_ends = booked_slot_ends(db, now, &batch);
        std::vector<std::int64_t> found;
        for (auto& lead : leads) {
            found.push_back(lead.id);
            put(std::move(lead), now, slot_ends);
        }
        std::sort(found.begin(), found.end());
        for (const auto id : batch)
            if (!std::binary_search(found.begin(), found.end(), id)) index_.erase(id);  // deleted, merged away
    }
}

}  // namespace crm::leads
