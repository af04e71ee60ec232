#pragma once
// Every weight, price and window of the product with its default (docs/DOMAIN.md). The server stores one JSON
// document of this (settings table); the console receives the same document.
#include <array>
#include <map>
#include <string>

#include "crm/domain/lead.hpp"

namespace crm::domain {

struct TimeRange {
    int start_minute;  // minutes after local midnight, inclusive
    int end_minute;    // exclusive
};

struct Settings {
    // Hot score
    int timeline_le_1 = 40, timeline_le_3 = 30, timeline_le_6 = 15, timeline_le_12 = 5;
    int intention_sell = 20, intention_estimate = 10;
    int estimate_present = 10, consent_points = 10, valid_phone = 10, live_touch = 10;
    int unanswered_penalty = 5, unanswered_penalty_max = 20;
    // Hot-Lead badge: score > hot_min_score and timeline < hot_max_timeline_months (both strict)
    int hot_min_score = 80, hot_max_timeline_months = 3;
    // Queue priority
    int fresh_5min = 100, fresh_1h = 30, fresh_24h = 10;
    int follow_up_due = 20;
    int replied = 60;  // the person answered an SMS: call back before the rest, after a fresh lead
    int window_bonus_max = 15;
    std::map<std::string, int> source_weights = {{"website", 15}, {"referral", 12}, {"partner", 10}, {"google", 8},
                                                 {"facebook", 6}, {"purchased", 0}, {"import", 0},   {"manual", 5}};
    // Measured connect rate per Paris weekday (0 = Monday) and hour, 0..1; the bonus is rate × max,
    // for leads nobody has reached yet. Learned by the server from the last 90 days of calls
    // (connect_rates.hpp), not typed in: a cell needs connect_rate_min_calls calls, and is
    // smoothed toward the overall rate as if it had connect_rate_prior_calls more calls at it.
    std::array<std::array<double, 24>, 7> connect_rate{};
    int connect_rate_min_calls = 5;
    int connect_rate_prior_calls = 10;
    // Expected value
    double fees_rate = 0.05;
    std::map<std::string, double> stage_probability = {
        {"new", 0.02},           {"contacted", 0.05}, {"qualified", 0.15},  {"booked", 0.30},
        {"sent_to_agent", 0.40}, {"sold", 1.0},       {"refunded_bad", 0.0}};
    double exclusivity_bonus = 1.25;
    // Delivery price
    Money price_base_cents = 2000, price_slot_bonus_cents = 1500;
    int price_exclusive_percent = 50;
    // Calling windows (décret 2022-1313): Monday–Friday, never on public holidays
    bool calling_window_rule = true;
    std::vector<TimeRange> call_windows = {{10 * 60, 13 * 60}, {14 * 60, 20 * 60}};
    // Marketing SMS: Monday–Saturday 08:00–20:00
    std::vector<TimeRange> sms_windows = {{8 * 60, 20 * 60}};
    // Frequency caps for leads without consent
    int max_attempts_30d = 4;
    int not_seller_cooldown_days = 60;
    // GDPR: leads untouched for this many months are erased by the scheduler (0 = off)
    int retention_months = 0;
    // What the operator reads to collect consent on the phone (stored word for word)
    std::string consent_script;  // empty = kDefaultConsentScript (compliance.hpp)
    // Automations
    int idle_days_to_nurture = 7;
    int no_first_call_hours = 24;
};

}  // namespace crm::domain
