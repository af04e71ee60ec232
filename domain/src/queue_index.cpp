#include "crm/domain/queue_index.hpp"

#include <algorithm>

namespace crm::domain {

void QueueIndex::reset(const Settings& s) {
    ++version_;
    settings_ = s;
    entries_.clear();
    never_reached_.clear();
    reached_.clear();
    excluded_.clear();
    wakes_.clear();
}

void QueueIndex::rescore_all(const Settings& s, UnixTime now) {
    ++version_;
    settings_ = s;
    never_reached_.clear();
    reached_.clear();
    excluded_.clear();
    wakes_.clear();
    for (auto& [id, e] : entries_) place(e, now);
}

void QueueIndex::put(Lead lead, UnixTime now, std::optional<UnixTime> reload_at) {
    if (!queue_candidate(lead)) {
        erase(lead.id);
        return;
    }
    auto [it, fresh] = entries_.try_emplace(lead.id);
    if (!fresh) unfile(it->second);
    it->second.lead = std::move(lead);
    it->second.reload_at = reload_at;
    place(it->second, now);
}

void QueueIndex::erase(std::int64_t lead_id) {
    auto it = entries_.find(lead_id);
    if (it == entries_.end()) return;
    unfile(it->second);
    entries_.erase(it);
}

void QueueIndex::place(Entry& e, UnixTime now) {
    ++version_;
    const auto& l = e.lead;
    e.exclusion = queue_exclusion(l, now, settings_);
    if (e.exclusion) {
        excluded_.insert(l.id);
    } else {
        // rank_queue's priority less the bonus the hour gives every never-reached lead, which
        // page() adds back: the window's state does not change the priority.
        const auto item = queue_item(l, now, settings_, false);
        e.never_reached = l.live_touches == 0;
        const int bonus = e.never_reached ? call_window_bonus(now, settings_) : 0;
        e.key = {item.priority - bonus, l.created_at, l.id};
        ranked_set(e).insert(e.key);
    }
    e.wake_at = next_queue_change(l, now, settings_);
    if (e.reload_at && (!e.wake_at || *e.reload_at < *e.wake_at)) e.wake_at = std::max(*e.reload_at, now + 1);
    if (e.wake_at) wakes_.insert({*e.wake_at, l.id});
}

void QueueIndex::unfile(const Entry& e) {
    ++version_;
    if (e.exclusion)
        excluded_.erase(e.lead.id);
    else
        (e.never_reached ? never_reached_ : reached_).erase(e.key);
    if (e.wake_at) wakes_.erase({*e.wake_at, e.lead.id});
}

std::vector<std::int64_t> QueueIndex::advance(UnixTime now) {
    std::vector<std::int64_t> stale;
    while (!wakes_.empty() && wakes_.begin()->first <= now) {
        const auto id = wakes_.begin()->second;
        auto& e = entries_.at(id);
        unfile(e);
        if (e.reload_at && *e.reload_at <= now) {
            stale.push_back(id);
            e.reload_at.reset();  // scored from the copy held until the caller puts a new one
        }
        place(e, now);
    }
    return stale;
}

QueuePage QueueIndex::page(std::size_t limit, UnixTime now) const {
    QueuePage p;
    p.window = call_window(now, settings_);
    p.total = never_reached_.size() + reached_.size();
    p.excluded_total = excluded_.size();
    const int bonus = call_window_bonus(now, settings_);
    // rank_queue's order is (priority, created_at, id) over both sets; within each set it is
    // the set's own order, the bonus being the same for all of a set: a merge of the two.
    auto n = never_reached_.begin();
    auto r = reached_.begin();
    while (p.items.size() < limit && (n != never_reached_.end() || r != reached_.end())) {
        bool take_never_reached = r == reached_.end();
        if (!take_never_reached && n != never_reached_.end()) {
            const RankKey with_bonus{n->priority + bonus, n->created_at, n->id};
            take_never_reached = with_bonus < *r;
        }
        const auto id = (take_never_reached ? n++ : r++)->id;
        const auto& lead = entries_.at(id).lead;
        auto item = queue_item(lead, now, settings_, p.window.open);
        item.index = p.leads.size();
        p.items.push_back(std::move(item));
        p.leads.push_back(lead);
    }
    for (auto it = excluded_.begin(); it != excluded_.end() && p.excluded.size() < limit; ++it)
        p.excluded.push_back(*entries_.at(*it).exclusion);
    return p;
}

}  // namespace crm::domain
