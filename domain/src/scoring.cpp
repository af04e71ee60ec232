#include "crm/domain/scoring.hpp"

#include <algorithm>
#include <cmath>

namespace crm::domain {

std::string Reason::describe(const std::string& source) const {
    const std::string pts = (points >= 0 ? " +" : " ") + std::to_string(points);
    switch (code) {
        case ReasonCode::timeline:
            return "vend sous " + std::to_string(value) + " mois" + pts;
        case ReasonCode::intention:
            return (value == 0 ? std::string("veut vendre") : std::string("veut une estimation")) + pts;
        case ReasonCode::estimate:
            return "estimation connue" + pts;
        case ReasonCode::consent:
            return "consentement" + pts;
        case ReasonCode::valid_phone:
            return "téléphone valide" + pts;
        case ReasonCode::live_touch:
            return "déjà joint" + pts;
        case ReasonCode::unanswered:
            return std::to_string(value) + " appel(s) sans réponse" + pts;
        case ReasonCode::fresh_5min:
        case ReasonCode::fresh_1h:
        case ReasonCode::fresh_24h: {
            const auto minutes = value;
            const std::string age =
                minutes < 60 ? std::to_string(minutes) + " min" : std::to_string(minutes / 60) + " h";
            return "créé il y a " + age + pts;
        }
        case ReasonCode::source:
            return "source " + source + pts;
        case ReasonCode::call_window: {
            const auto slot = to_paris(at);
            return "bon créneau : " + std::to_string(value) + " % joints le " + weekday_fr(slot.weekday) + " à " +
                   std::to_string(slot.hour) + " h" + pts;
        }
        case ReasonCode::follow_up_due:
            return "relance prévue " + format_paris(at, "%H:%M") + pts;
        case ReasonCode::follow_up_overdue:
            return "relance en retard (prévue le " + format_paris(at, "%d/%m à %H:%M") + ")" + pts;
        case ReasonCode::replied: {
            const auto minutes = value;
            const std::string age = minutes < 60     ? std::to_string(minutes) + " min"
                                    : minutes < 1440 ? std::to_string(minutes / 60) + " h"
                                                     : std::to_string(minutes / 1440) + " j";
            return "a répondu par SMS il y a " + age + pts;
        }
    }
    return pts;
}

namespace {

int timeline_points(const Lead& l, const Settings& s) {
    if (!l.timeline_months) return 0;
    const int t = *l.timeline_months;
    if (t <= 1) return s.timeline_le_1;
    if (t <= 3) return s.timeline_le_3;
    if (t <= 6) return s.timeline_le_6;
    if (t <= 12) return s.timeline_le_12;
    return 0;
}

template <bool WithReasons>
int score_impl(const Lead& l, const Settings& s, std::vector<Reason>* reasons) {
    int score = 0;
    auto add = [&](ReasonCode code, int pts, std::int64_t value = 0) {
        if (pts == 0) return;
        score += pts;
        if constexpr (WithReasons) reasons->push_back({code, pts, value});
    };
    add(ReasonCode::timeline, timeline_points(l, s), l.timeline_months.value_or(0));
    if (l.intention == Intention::sell) add(ReasonCode::intention, s.intention_sell, 0);
    if (l.intention == Intention::estimate) add(ReasonCode::intention, s.intention_estimate, 1);
    if (l.price_estimate_cents && *l.price_estimate_cents > 0) add(ReasonCode::estimate, s.estimate_present);
    if (l.consent) add(ReasonCode::consent, s.consent_points);
    if (l.phone_e164 && !l.bad_number) add(ReasonCode::valid_phone, s.valid_phone);
    if (l.live_touches > 0) add(ReasonCode::live_touch, s.live_touch);
    if (l.unanswered_attempts > 0)
        add(ReasonCode::unanswered, -std::min(s.unanswered_penalty * l.unanswered_attempts, s.unanswered_penalty_max),
            l.unanswered_attempts);
    return std::clamp(score, 0, 100);
}

}  // namespace

HotScore hot_score(const Lead& lead, const Settings& s) {
    HotScore h;
    h.score = score_impl<true>(lead, s, &h.reasons);
    return h;
}

int hot_score_value(const Lead& lead, const Settings& s) {
    return score_impl<false>(lead, s, nullptr);
}

int hot_score_into(const Lead& lead, const Settings& s, std::vector<Reason>& reasons) {
    return score_impl<true>(lead, s, &reasons);
}

bool is_hot_lead(const Lead& lead, int score, const Settings& s) {
    return score > s.hot_min_score && lead.timeline_months && *lead.timeline_months < s.hot_max_timeline_months;
}

ReadyToSell ready_to_sell(const Lead& l) {
    ReadyToSell r;
    r.criteria = {
        {"valid_phone", "Téléphone valide", l.phone_e164.has_value() && !l.bad_number, true},
        {"consent", "Consentement", l.consent, true},
        {"intention_timeline", "Intention et délai", l.intention != Intention::unknown && l.timeline_months.has_value(),
         true},
        {"estimate", "Estimation ou budget", l.price_estimate_cents.has_value() && *l.price_estimate_cents > 0, true},
        {"city", "Ville / secteur", !l.city.empty() || !l.area.empty(), true},
        {"live_touch", "Au moins un échange", l.live_touches > 0, true},
        {"booked_slot", "Créneau réservé (optionnel, augmente le prix)", l.has_booked_slot, false},
    };
    r.ready =
        std::all_of(r.criteria.begin(), r.criteria.end(), [](const Criterion& c) { return c.met || !c.required; });
    return r;
}

bool is_ready_to_sell(const Lead& l) {
    return l.phone_e164 && !l.bad_number && l.consent && l.intention != Intention::unknown && l.timeline_months &&
           l.price_estimate_cents && *l.price_estimate_cents > 0 && (!l.city.empty() || !l.area.empty()) &&
           l.live_touches > 0;
}

Money expected_value_cents(const Lead& l, const Settings& s, bool exclusive) {
    if (!l.price_estimate_cents) return 0;
    auto it = s.stage_probability.find(to_string(l.stage));
    const double p = it == s.stage_probability.end() ? 0.0 : it->second;
    const double v =
        static_cast<double>(*l.price_estimate_cents) * s.fees_rate * p * (exclusive ? s.exclusivity_bonus : 1.0);
    return static_cast<Money>(std::llround(v));
}

}  // namespace crm::domain
