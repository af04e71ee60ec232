#include "crm/domain/queue.hpp"

#include <algorithm>
#include <cmath>

namespace crm::domain {

std::optional<ExcludedLead> contact_cap(const Lead& l, UnixTime now, const Settings& s) {
    auto out = [&](std::string why, std::optional<UnixTime> until = std::nullopt) {
        return std::optional<ExcludedLead>(ExcludedLead{l.id, std::move(why), until});
    };
    if (l.not_seller_at && now < *l.not_seller_at + s.not_seller_cooldown_days * 86400LL)
        return out(
            "a refusé (pas vendeur) : pas de contact pendant " + std::to_string(s.not_seller_cooldown_days) + " jours",
            *l.not_seller_at + s.not_seller_cooldown_days * 86400LL);
    if (!l.consent && s.max_attempts_30d > 0) {
        // Rolling 30 days: the lead comes back when the oldest counted attempt leaves the window.
        // Counted without allocating: this runs for every lead of every ranking.
        const UnixTime since = now - 30 * 86400LL;
        int recent = 0;
        for (auto t : l.call_attempt_times) recent += t > since && t <= now;
        if (recent >= s.max_attempts_30d) {
            std::vector<UnixTime> times;
            for (auto t : l.call_attempt_times)
                if (t > since && t <= now) times.push_back(t);
            std::sort(times.begin(), times.end());
            const auto until = times[times.size() - static_cast<std::size_t>(s.max_attempts_30d)] + 30 * 86400LL;
            return out(std::to_string(s.max_attempts_30d) + " appels en 30 jours sans consentement", until);
        }
    }
    return std::nullopt;
}

bool queue_candidate(const Lead& l) {
    return !l.dnc && !l.bad_number && l.stage != Stage::sold && l.stage != Stage::refunded_bad;
}

std::optional<ExcludedLead> queue_exclusion(const Lead& l, UnixTime now, const Settings& s) {
    auto out = [&](std::string why, std::optional<UnixTime> until = std::nullopt) {
        return std::optional<ExcludedLead>(ExcludedLead{l.id, std::move(why), until});
    };
    if (l.dnc || l.status == Status::dnc) return out("ne pas contacter");
    if (l.bad_number || l.status == Status::bad_number) return out("numéro invalide");
    if (l.stage == Stage::sold) return out("vendu");
    if (l.stage == Stage::refunded_bad) return out("remboursé / mauvais lead");
    // A reply brings a lead waiting for its follow-up or its next nurture ping back at once.
    if ((l.status == Status::nurture || l.status == Status::follow_up) && l.next_action_at && *l.next_action_at > now &&
        !l.replied_at)
        return out(l.status == Status::nurture ? "en nurturing jusqu'à la prochaine relance" : "relance prévue",
                   l.next_action_at);
    return contact_cap(l, now, s);
}

namespace {

double connect_rate(UnixTime now, const Settings& s) {
    const auto c = to_paris(now);
    return s.connect_rate[static_cast<std::size_t>(c.weekday)][static_cast<std::size_t>(c.hour)];
}

RankContext rank_context(UnixTime now, const Settings& s, bool window_open) {
    return {window_open, call_window_bonus(now, s), std::lround(connect_rate(now, s) * 100), paris_day_start(now)};
}

QueueItem make_item(const Lead& l, UnixTime now, const Settings& s, const RankContext& ctx) {
    QueueItem item;
    item.lead_id = l.id;
    item.reasons.reserve(12);
    item.hot_score = hot_score_into(l, s, item.reasons);
    item.hot = is_hot_lead(l, item.hot_score, s);
    item.ready_to_sell = is_ready_to_sell(l);
    int priority = item.hot_score;
    auto add = [&](ReasonCode code, int pts, std::int64_t value, UnixTime at = 0) {
        if (pts == 0) return;
        priority += pts;
        item.reasons.push_back({code, pts, value, at});
    };
    const auto age = now - l.created_at;
    if (age >= 0 && age < 300)
        add(ReasonCode::fresh_5min, s.fresh_5min, age / 60);
    else if (age >= 0 && age < 3600)
        add(ReasonCode::fresh_1h, s.fresh_1h, age / 60);
    else if (age >= 0 && age < 86400)
        add(ReasonCode::fresh_24h, s.fresh_24h, age / 60);
    auto src = s.source_weights.find(l.source);
    if (src != s.source_weights.end()) add(ReasonCode::source, src->second, 0);
    // The hour's measured connect rate is the chance that calling now reaches someone nobody has
    // reached yet; it is the same for every such lead, so it reorders them against the leads
    // already reached (they answered once and are called back by agreement or follow-up): a
    // good hour goes to the hard-to-reach, a poor one to the people who already pick up.
    if (l.live_touches == 0) add(ReasonCode::call_window, ctx.window_bonus, ctx.connect_rate_percent, now);
    if (l.next_action_at && *l.next_action_at <= now)
        add(*l.next_action_at >= ctx.today_start ? ReasonCode::follow_up_due : ReasonCode::follow_up_overdue,
            s.follow_up_due, 0, *l.next_action_at);
    if (l.replied_at) add(ReasonCode::replied, s.replied, std::max<std::int64_t>(0, now - *l.replied_at) / 60);
    item.priority = priority;
    item.call_allowed = ctx.window_open || !s.calling_window_rule || l.consent;
    item.consent_exempt = !ctx.window_open && s.calling_window_rule && l.consent;
    return item;
}

}  // namespace

int call_window_bonus(UnixTime now, const Settings& s) {
    return static_cast<int>(std::lround(connect_rate(now, s) * s.window_bonus_max));
}

std::optional<UnixTime> next_queue_change(const Lead& l, UnixTime now, const Settings& s) {
    std::optional<UnixTime> next;
    auto consider = [&](UnixTime t) {
        if (t > now && (!next || t < *next)) next = t;
    };
    // The moments make_item and queue_exclusion compare `now` with, each where the comparison
    // turns: freshness tiers, a date falling due, a cooldown ending, an attempt counted or no
    // longer counted in the rolling 30 days.
    for (const UnixTime age : {0, 300, 3600, 86400}) consider(l.created_at + age);
    if (l.next_action_at) consider(*l.next_action_at);
    if (l.not_seller_at) consider(*l.not_seller_at + s.not_seller_cooldown_days * 86400LL);
    for (const auto t : l.call_attempt_times) {
        consider(t);
        consider(t + 30 * 86400LL);
    }
    return next;
}

QueueItem queue_item(const Lead& l, UnixTime now, const Settings& s, bool window_open) {
    return make_item(l, now, s, rank_context(now, s, window_open));
}

QueueRanking::QueueRanking(UnixTime now, const Settings& s) : now_(now), settings_(s) {
    result_.window = call_window(now, s);
    context_ = rank_context(now, s, result_.window.open);
}

void QueueRanking::add(const std::vector<Lead>& leads, std::size_t from, std::size_t to) {
    items_.reserve(leads.size());
    for (std::size_t i = from; i < to && i < leads.size(); ++i) {
        if (auto ex = queue_exclusion(leads[i], now_, settings_)) {
            result_.excluded.push_back(std::move(*ex));
            continue;
        }
        items_.push_back(make_item(leads[i], now_, settings_, context_));
        items_.back().index = i;
    }
}

QueueResult QueueRanking::finish(const std::vector<Lead>& leads) {
    // Sort small keys, then move each item once: cheaper than sorting the items themselves.
    struct Key {
        QueueOrder order;
        std::uint32_t pos;
    };
    std::vector<Key> keys(items_.size());
    for (std::size_t k = 0; k < items_.size(); ++k) {
        const auto& lead = leads[items_[k].index];
        keys[k] = {{items_[k].priority, lead.created_at, lead.id}, static_cast<std::uint32_t>(k)};
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) { return a.order < b.order; });
    QueueResult r = std::move(result_);
    r.items.reserve(items_.size());
    for (const auto& k : keys) r.items.push_back(std::move(items_[k.pos]));
    items_.clear();
    return r;
}

QueueResult rank_queue(const std::vector<Lead>& leads, UnixTime now, const Settings& s) {
    QueueRanking ranking(now, s);
    ranking.add(leads, 0, leads.size());
    return ranking.finish(leads);
}

std::vector<std::string> describe_reasons(const QueueItem& item, const Lead& lead) {
    std::vector<std::string> out;
    out.reserve(item.reasons.size());
    for (const auto& r : item.reasons) out.push_back(r.describe(lead.source));
    return out;
}

}  // namespace crm::domain
