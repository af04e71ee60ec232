#include "crm/domain/json.hpp"

#include <cstdint>
#include <type_traits>

#include "whole_number.hpp"

namespace crm::domain {

using nlohmann::json;

std::string json_text(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

json time_or_null(const std::optional<UnixTime>& t) {
    return t ? json(format_iso_utc(*t)) : json(nullptr);
}

namespace {

template <typename T>
json opt(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}

// The field's value, or nullptr when the object has no such key: one lookup per field (a sync
// page converts thousands of leads, each with some forty fields).
const json* field(const json& j, const char* key) {
    const auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

std::optional<UnixTime> read_time(const json& j, const char* key) {
    const auto* v = field(j, key);
    if (!v || v->is_null()) return std::nullopt;
    auto t = parse_iso_utc(v->get_ref<const std::string&>());  // a type_error when not a string
    if (!t) throw json::other_error::create(501, std::string("bad time in ") + key, &j);
    return t;
}

// Whole numbers must fit the target type (whole_number.hpp); anything else is refused with a
// json exception like any other wrong type.
template <typename T>
T checked_get(const json& v) {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        bool fits = false;
        if (v.is_number_unsigned())
            fits = detail::fits_whole<T>(v.get<std::uint64_t>());
        else if (v.is_number_integer())
            fits = detail::fits_whole<T>(v.get<std::int64_t>());
        else if (v.is_number_float())
            fits = detail::fits_whole<T>(v.get<double>());
        else
            return v.get<T>();  // not a number: nlohmann's own type_error
        if (!fits) throw json::other_error::create(501, "number out of range", &v);
        if (v.is_number_float()) return static_cast<T>(v.get<double>());
        if (v.is_number_unsigned()) return static_cast<T>(v.get<std::uint64_t>());
        return static_cast<T>(v.get<std::int64_t>());
    } else {
        return v.get<T>();
    }
}

// A map of whole numbers (the source weights): each value checked the same way.
void read(const json& j, const char* key, std::map<std::string, int>& out) {
    if (!j.contains(key) || j[key].is_null()) return;
    if (!j[key].is_object()) throw json::other_error::create(501, std::string(key) + ": object expected", &j);
    std::map<std::string, int> values;
    for (const auto& [name, v] : j[key].items()) values[name] = checked_get<int>(v);
    out = std::move(values);
}

template <typename T>
void read_opt(const json& j, const char* key, std::optional<T>& out) {
    const auto* v = field(j, key);
    if (!v) return;
    if (v->is_null())
        out.reset();
    else
        out = checked_get<T>(*v);
}

template <typename T>
void read(const json& j, const char* key, T& out) {
    if (const auto* v = field(j, key); v && !v->is_null()) out = checked_get<T>(*v);
}

// An optional time: absent leaves `out` as it is, null clears it.
void read_time_opt(const json& j, const char* key, std::optional<UnixTime>& out) {
    if (j.find(key) != j.end()) out = read_time(j, key);
}

// An enum written as its name: `parse` gives nullopt for an unknown one, refused as `what`.
template <typename E, typename Parse>
void read_enum(const json& j, const char* key, E& out, Parse parse, const char* what) {
    const auto* v = field(j, key);
    if (!v || v->is_null()) return;
    const auto e = parse(v->get_ref<const std::string&>());
    if (!e) throw json::other_error::create(501, what, &j);
    out = *e;
}

}  // namespace

void to_json(json& j, const Lead& l) {
    json attempts = json::array();
    for (auto t : l.call_attempt_times) attempts.push_back(format_iso_utc(t));
    j = json{{"id", l.id},
             {"firstName", l.first_name},
             {"lastName", l.last_name},
             {"phone", l.phone},
             {"phoneE164", opt(l.phone_e164)},
             {"email", opt(l.email)},
             {"intention", to_string(l.intention)},
             {"timelineMonths", opt(l.timeline_months)},
             {"city", l.city},
             {"zip", l.zip},
             {"area", l.area},
             {"priceEstimateCents", opt(l.price_estimate_cents)},
             {"consent", l.consent},
             {"consentAt", time_or_null(l.consent_at)},
             {"consentText", opt(l.consent_text)},
             {"consentSource", opt(l.consent_source)},
             {"consentNeeded", !l.consent},
             {"source", l.source},
             {"costCents", l.cost_cents},
             {"stage", to_string(l.stage)},
             {"status", to_string(l.status)},
             {"ownerUserId", opt(l.owner_user_id)},
             {"assignedAgentId", opt(l.assigned_agent_id)},
             {"badNumber", l.bad_number},
             {"dnc", l.dnc},
             {"liveTouches", l.live_touches},
             {"unansweredAttempts", l.unanswered_attempts},
             {"callAttemptTimes", attempts},
             {"notSellerAt", time_or_null(l.not_seller_at)},
             {"firstTouchAt", time_or_null(l.first_touch_at)},
             {"firstConnectAt", time_or_null(l.first_connect_at)},
             {"lastTouchAt", time_or_null(l.last_touch_at)},
             {"nextActionAt", time_or_null(l.next_action_at)},
             {"createdAt", format_iso_utc(l.created_at)},
             {"updatedAt", format_iso_utc(l.updated_at)},
             {"hasBookedSlot", l.has_booked_slot},
             {"repliedAt", time_or_null(l.replied_at)}};
}

void from_json(const json& j, Lead& l) {
    read(j, "id", l.id);
    read(j, "firstName", l.first_name);
    read(j, "lastName", l.last_name);
    read(j, "phone", l.phone);
    read_opt(j, "phoneE164", l.phone_e164);
    read_opt(j, "email", l.email);
    read_enum(j, "intention", l.intention, parse_intention, "unknown intention");
    read_opt(j, "timelineMonths", l.timeline_months);
    read(j, "city", l.city);
    read(j, "zip", l.zip);
    read(j, "area", l.area);
    read_opt(j, "priceEstimateCents", l.price_estimate_cents);
    read(j, "consent", l.consent);
    read_time_opt(j, "consentAt", l.consent_at);
    read_opt(j, "consentText", l.consent_text);
    read_opt(j, "consentSource", l.consent_source);
    read(j, "source", l.source);
    read(j, "costCents", l.cost_cents);
    read_enum(j, "stage", l.stage, parse_stage, "unknown stage");
    read_enum(j, "status", l.status, parse_status, "unknown status");
    read_opt(j, "ownerUserId", l.owner_user_id);
    read_opt(j, "assignedAgentId", l.assigned_agent_id);
    read(j, "badNumber", l.bad_number);
    read(j, "dnc", l.dnc);
    read(j, "liveTouches", l.live_touches);
    read(j, "unansweredAttempts", l.unanswered_attempts);
    if (const auto* times = field(j, "callAttemptTimes"); times && times->is_array()) {
        l.call_attempt_times.clear();
        for (const auto& t : *times) {
            auto v = parse_iso_utc(t.get_ref<const std::string&>());
            if (v) l.call_attempt_times.push_back(*v);
        }
    }
    read_time_opt(j, "notSellerAt", l.not_seller_at);
    read_time_opt(j, "firstTouchAt", l.first_touch_at);
    read_time_opt(j, "firstConnectAt", l.first_connect_at);
    read_time_opt(j, "lastTouchAt", l.last_touch_at);
    read_time_opt(j, "nextActionAt", l.next_action_at);
    if (auto t = read_time(j, "createdAt")) l.created_at = *t;
    if (auto t = read_time(j, "updatedAt")) l.updated_at = *t;
    read(j, "hasBookedSlot", l.has_booked_slot);
    read_time_opt(j, "repliedAt", l.replied_at);
}

namespace {
json ranges_json(const std::vector<TimeRange>& ranges) {
    json out = json::array();
    for (const auto& r : ranges) out.push_back({{"startMinute", r.start_minute}, {"endMinute", r.end_minute}});
    return out;
}
void read_ranges(const json& j, const char* key, std::vector<TimeRange>& out) {
    if (!j.contains(key)) return;
    std::vector<TimeRange> ranges;
    for (const auto& r : j.at(key)) {
        TimeRange t{checked_get<int>(r.at("startMinute")), checked_get<int>(r.at("endMinute"))};
        if (t.start_minute < 0 || t.end_minute > 24 * 60 || t.end_minute <= t.start_minute)
            throw json::other_error::create(501, std::string("bad time range in ") + key, &j);
        ranges.push_back(t);
    }
    out = ranges;
}
}  // namespace

void to_json(json& j, const Settings& s) {
    json rates = json::array();
    for (const auto& day : s.connect_rate) rates.push_back(json(std::vector<double>(day.begin(), day.end())));
    j = json{
        {"hotScore",
         {{"timelineLe1", s.timeline_le_1},
          {"timelineLe3", s.timeline_le_3},
          {"timelineLe6", s.timeline_le_6},
          {"timelineLe12", s.timeline_le_12},
          {"intentionSell", s.intention_sell},
          {"intentionEstimate", s.intention_estimate},
          {"estimatePresent", s.estimate_present},
          {"consent", s.consent_points},
          {"validPhone", s.valid_phone},
          {"liveTouch", s.live_touch},
          {"unansweredPenalty", s.unanswered_penalty},
          {"unansweredPenaltyMax", s.unanswered_penalty_max}}},
        {"hotLead", {{"minScore", s.hot_min_score}, {"maxTimelineMonths", s.hot_max_timeline_months}}},
        {"queue",
         {{"fresh5min", s.fresh_5min},
          {"fresh1h", s.fresh_1h},
          {"fresh24h", s.fresh_24h},
          {"followUpDue", s.follow_up_due},
          {"replied", s.replied},
          {"windowBonusMax", s.window_bonus_max},
          {"connectRateMinCalls", s.connect_rate_min_calls},
          {"connectRatePriorCalls", s.connect_rate_prior_calls},
          {"sourceWeights", s.source_weights},
          {"connectRate", rates}}},
        {"expectedValue",
         {{"feesRate", s.fees_rate},
          {"stageProbability", s.stage_probability},
          {"exclusivityBonus", s.exclusivity_bonus}}},
        {"pricing",
         {{"baseCents", s.price_base_cents},
          {"slotBonusCents", s.price_slot_bonus_cents},
          {"exclusivePercent", s.price_exclusive_percent}}},
        {"compliance",
         {{"callingWindowRule", s.calling_window_rule},
          {"callWindows", ranges_json(s.call_windows)},
          {"smsWindows", ranges_json(s.sms_windows)},
          {"maxAttempts30d", s.max_attempts_30d},
          {"notSellerCooldownDays", s.not_seller_cooldown_days},
          {"retentionMonths", s.retention_months},
          {"consentScript", s.consent_script}}},
        {"automations", {{"idleDaysToNurture", s.idle_days_to_nurture}, {"noFirstCallHours", s.no_first_call_hours}}}};
}

void from_json(const json& j, Settings& s) {
    const json empty = json::object();
    const auto& h = j.contains("hotScore") ? j.at("hotScore") : empty;
    read(h, "timelineLe1", s.timeline_le_1);
    read(h, "timelineLe3", s.timeline_le_3);
    read(h, "timelineLe6", s.timeline_le_6);
    read(h, "timelineLe12", s.timeline_le_12);
    read(h, "intentionSell", s.intention_sell);
    read(h, "intentionEstimate", s.intention_estimate);
    read(h, "estimatePresent", s.estimate_present);
    read(h, "consent", s.consent_points);
    read(h, "validPhone", s.valid_phone);
    read(h, "liveTouch", s.live_touch);
    read(h, "unansweredPenalty", s.unanswered_penalty);
    read(h, "unansweredPenaltyMax", s.unanswered_penalty_max);
    const auto& hl = j.contains("hotLead") ? j.at("hotLead") : empty;
    read(hl, "minScore", s.hot_min_score);
    read(hl, "maxTimelineMonths", s.hot_max_timeline_months);
    const auto& q = j.contains("queue") ? j.at("queue") : empty;
    read(q, "fresh5min", s.fresh_5min);
    read(q, "fresh1h", s.fresh_1h);
    read(q, "fresh24h", s.fresh_24h);
    read(q, "followUpDue", s.follow_up_due);
    read(q, "replied", s.replied);
    read(q, "windowBonusMax", s.window_bonus_max);
    read(q, "connectRateMinCalls", s.connect_rate_min_calls);
    read(q, "connectRatePriorCalls", s.connect_rate_prior_calls);
    read(q, "sourceWeights", s.source_weights);
    if (q.contains("connectRate")) {
        const auto& rates = q.at("connectRate");
        if (!rates.is_array() || rates.size() != 7)
            throw json::other_error::create(501, "connectRate: 7 × 24 rates", &j);
        for (std::size_t d = 0; d < 7; ++d) {
            if (!rates[d].is_array() || rates[d].size() != 24)
                throw json::other_error::create(501, "connectRate: 7 × 24 rates", &j);
            for (std::size_t hr = 0; hr < 24; ++hr) s.connect_rate[d][hr] = rates[d][hr].get<double>();
        }
    }
    const auto& ev = j.contains("expectedValue") ? j.at("expectedValue") : empty;
    read(ev, "feesRate", s.fees_rate);
    read(ev, "stageProbability", s.stage_probability);
    read(ev, "exclusivityBonus", s.exclusivity_bonus);
    const auto& p = j.contains("pricing") ? j.at("pricing") : empty;
    read(p, "baseCents", s.price_base_cents);
    read(p, "slotBonusCents", s.price_slot_bonus_cents);
    read(p, "exclusivePercent", s.price_exclusive_percent);
    const auto& c = j.contains("compliance") ? j.at("compliance") : empty;
    read(c, "callingWindowRule", s.calling_window_rule);
    read_ranges(c, "callWindows", s.call_windows);
    read_ranges(c, "smsWindows", s.sms_windows);
    read(c, "maxAttempts30d", s.max_attempts_30d);
    read(c, "notSellerCooldownDays", s.not_seller_cooldown_days);
    read(c, "retentionMonths", s.retention_months);
    read(c, "consentScript", s.consent_script);
    const auto& a = j.contains("automations") ? j.at("automations") : empty;
    read(a, "idleDaysToNurture", s.idle_days_to_nurture);
    read(a, "noFirstCallHours", s.no_first_call_hours);
}

void to_json(json& j, const WindowState& w) {
    j = json{{"open", w.open},
             {"reason", w.reason},
             {"nextOpenAt", time_or_null(w.next_open)},
             {"closesAt", time_or_null(w.closes_at)}};
}

void to_json(json& j, const ReadyToSell& r) {
    json criteria = json::array();
    for (const auto& c : r.criteria)
        criteria.push_back({{"key", c.key}, {"label", c.label}, {"met", c.met}, {"required", c.required}});
    j = json{{"ready", r.ready}, {"criteria", criteria}};
}

void to_json(json& j, const DeliveryPrice& p) {
    j = json{{"baseCents", p.base_cents},
             {"slotBonusCents", p.slot_bonus_cents},
             {"exclusiveBonusCents", p.exclusive_bonus_cents},
             {"totalCents", p.total_cents}};
}

void from_json(const json& j, DeliveryPrice& p) {
    read(j, "baseCents", p.base_cents);
    read(j, "slotBonusCents", p.slot_bonus_cents);
    read(j, "exclusiveBonusCents", p.exclusive_bonus_cents);
    read(j, "totalCents", p.total_cents);
}

void to_json(json& j, const RouteCandidate& c) {
    j = json{{"agentId", c.agent_id}, {"name", c.name}, {"match", c.match}, {"score", c.score}, {"reasons", c.reasons}};
}

void from_json(const json& j, RouteCandidate& c) {
    read(j, "agentId", c.agent_id);
    read(j, "name", c.name);
    read(j, "match", c.match);
    read(j, "score", c.score);
    read(j, "reasons", c.reasons);
}

void to_json(json& j, const DeliveryLead& l) {
    j = json{{"id", l.id},
             {"firstName", l.first_name},
             {"lastName", l.last_name},
             {"city", l.city},
             {"zip", l.zip},
             {"intention", l.intention},
             {"timelineMonths", opt(l.timeline_months)},
             {"priceEstimateCents", opt(l.price_estimate_cents)}};
}

void from_json(const json& j, DeliveryLead& l) {
    read(j, "id", l.id);
    read(j, "firstName", l.first_name);
    read(j, "lastName", l.last_name);
    read(j, "city", l.city);
    read(j, "zip", l.zip);
    read(j, "intention", l.intention);
    read_opt(j, "timelineMonths", l.timeline_months);
    read_opt(j, "priceEstimateCents", l.price_estimate_cents);
}

void to_json(json& j, const Delivery& d) {
    auto pricing = json::parse(d.pricing_json, nullptr, false);
    if (pricing.is_discarded()) pricing = json::object();  // a damaged column shows as no breakdown
    j = json{{"id", d.id},
             {"leadId", d.lead_id},
             {"agentId", d.agent_id},
             {"status", to_string(d.status)},
             {"channel", d.channel},
             {"priceCents", d.price_cents},
             {"pricing", pricing},
             {"exclusive", d.exclusive},
             {"paymentMethod", d.payment_method},
             {"paymentUrl", opt(d.payment_url)},
             {"paidAt", time_or_null(d.paid_at)},
             {"sentAt", time_or_null(d.sent_at)},
             {"openedAt", time_or_null(d.opened_at)},
             {"acceptedAt", time_or_null(d.accepted_at)},
             {"refundedAt", time_or_null(d.refunded_at)},
             {"refundReason", opt(d.refund_reason)},
             {"refundRequestedAt", time_or_null(d.refund_requested_at)},
             {"createdAt", format_iso_utc(d.created_at)},
             {"firstCallAt", time_or_null(d.first_call_at)},
             {"agentName", d.agent_name},
             {"revokedAt", time_or_null(d.revoked_at)},
             {"shareExpiresAt", time_or_null(d.share_expires_at)},
             {"fullContact", d.full_contact},
             {"contactRevealed", d.contact_revealed()},
             {"lead", d.lead}};
}

void from_json(const json& j, Delivery& d) {
    read(j, "id", d.id);
    read(j, "leadId", d.lead_id);
    read(j, "agentId", d.agent_id);
    if (j.contains("status") && !j["status"].is_null()) {
        const auto s = parse_delivery_status(j["status"].get<std::string>());
        if (!s) throw json::other_error::create(501, "unknown delivery status", &j);
        d.status = *s;
    }
    read(j, "channel", d.channel);
    read(j, "priceCents", d.price_cents);
    if (j.contains("pricing") && !j["pricing"].is_null()) d.pricing_json = j["pricing"].dump();
    read(j, "exclusive", d.exclusive);
    read(j, "paymentMethod", d.payment_method);
    read_opt(j, "paymentUrl", d.payment_url);
    d.paid_at = read_time(j, "paidAt");
    d.sent_at = read_time(j, "sentAt");
    d.opened_at = read_time(j, "openedAt");
    d.accepted_at = read_time(j, "acceptedAt");
    d.refunded_at = read_time(j, "refundedAt");
    read_opt(j, "refundReason", d.refund_reason);
    d.refund_requested_at = read_time(j, "refundRequestedAt");
    if (const auto t = read_time(j, "createdAt")) d.created_at = *t;
    d.first_call_at = read_time(j, "firstCallAt");
    read(j, "agentName", d.agent_name);
    d.revoked_at = read_time(j, "revokedAt");
    d.share_expires_at = read_time(j, "shareExpiresAt");
    read(j, "fullContact", d.full_contact);
    read(j, "lead", d.lead);
}

void to_json(json& j, const AgentMetrics& m) {
    j = json{{"deliveries", m.deliveries},
             {"accepted", m.accepted},
             {"refunded", m.refunded},
             {"acceptanceRate", opt(m.acceptance_rate())},
             {"refundRate", opt(m.refund_rate())},
             {"firstCalls", m.first_calls()},
             {"medianFirstCallSeconds", opt(m.median_first_call_seconds())}};
}

void to_json(json& j, const ExcludedLead& e) {
    j = json{{"leadId", e.lead_id}, {"reason", e.reason}, {"until", time_or_null(e.until)}};
}

json queue_item_json(const QueueItem& item, const Lead& lead) {
    return json{{"leadId", item.lead_id},
                {"priority", item.priority},
                {"hotScore", item.hot_score},
                {"hot", item.hot},
                {"readyToSell", item.ready_to_sell},
                {"callAllowed", item.call_allowed},
                {"consentExempt", item.consent_exempt},
                {"reasons", describe_reasons(item, lead)}};
}

}  // namespace crm::domain
