#pragma once
// The speed-dial queue kept up to date instead of ranked again: what rank_queue answers, for a
// book that changes a few leads at a time. A changed lead is re-scored alone and moved in an
// ordered set; time re-scores only the leads whose moment has come (next_queue_change); the
// hourly call-window bonus, the one thing time changes for many leads at once, is added when a
// page is read, to the never-reached leads kept in their own set. A page of N items costs N
// steps, whatever the size of the book.
//
// page() gives exactly rank_queue's first items and counts for the same leads at the same
// `now` (queue_index_test compares them after random changes), provided advance(now) ran
// first. Excluded leads come by id.
#include <cstdint>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "crm/domain/queue.hpp"

namespace crm::domain {

struct QueuePage {
    std::vector<QueueItem> items;  // each item's index is its lead's position in `leads`
    std::vector<Lead> leads;
    std::size_t total = 0;
    std::vector<ExcludedLead> excluded;
    std::size_t excluded_total = 0;
    WindowState window;
};

class QueueIndex {
public:
    // Empty, with these settings: put() the leads next.
    void reset(const Settings& s);
    // New settings: every lead held is scored again (no lead is read again).
    void rescore_all(const Settings& s, UnixTime now);
    // A lead changed or appeared. `reload_at`: when the caller's copy goes stale by time alone
    // (a fact the caller derived at `now`, like a booked slot that ends); advance() returns the
    // lead's id then, to be read and put again.
    // A lead that is not a queue_candidate is erased instead.
    void put(Lead lead, UnixTime now, std::optional<UnixTime> reload_at = std::nullopt);
    void erase(std::int64_t lead_id);  // gone, or no longer a queue candidate
    // Re-scores the leads whose moment has come by `now`; returns those whose copy is stale.
    std::vector<std::int64_t> advance(UnixTime now);
    QueuePage page(std::size_t limit, UnixTime now) const;
    // Grows with every change to what is held: the same version at the same `now` gives the
    // same page (callers keep answers under it).
    std::uint64_t version() const { return version_; }
    std::size_t size() const { return entries_.size(); }  // the leads held

private:
    // The queue's order with the priority without the call-window bonus: rank_queue's order
    // within one set.
    using RankKey = QueueOrder;
    struct Entry {
        Lead lead;
        std::optional<ExcludedLead> exclusion;
        RankKey key{};
        bool never_reached = false;  // gets the call-window bonus
        std::optional<UnixTime> wake_at, reload_at;
    };
    void place(Entry& e, UnixTime now);  // scores and files an entry not filed yet
    void unfile(const Entry& e);         // takes it out of every set
    std::set<RankKey>& ranked_set(const Entry& e) { return e.never_reached ? never_reached_ : reached_; }

    Settings settings_;
    std::unordered_map<std::int64_t, Entry> entries_;
    std::set<RankKey> never_reached_, reached_;
    std::set<std::int64_t> excluded_;                    // by id
    std::set<std::pair<UnixTime, std::int64_t>> wakes_;  // (when, lead id)
    std::uint64_t version_ = 0;
};

}  // namespace crm::domain
