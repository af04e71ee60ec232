#pragma once
// The wire and rule types: plain structs, no JSON, no HTTP (see json.hpp for the mapping).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/time.hpp"

namespace crm::domain {

using Money = std::int64_t;  // cents

enum class Stage { new_lead, contacted, qualified, booked, sent_to_agent, sold, refunded_bad };
enum class Status { active, follow_up, nurture, booked, bad_number, not_seller, dnc };
enum class Intention { sell, estimate, buy, unknown };
enum class Outcome { answered, no_answer, voicemail, bad_number, not_seller, booked, dnc };

const char* to_string(Stage s);
const char* to_string(Status s);
const char* to_string(Intention i);
const char* to_string(Outcome o);
std::optional<Stage> parse_stage(const std::string& s);
std::optional<Status> parse_status(const std::string& s);
std::optional<Intention> parse_intention(const std::string& s);
std::optional<Outcome> parse_outcome(const std::string& s);
// Keys 1..7 of the queue, in the order of docs/DOMAIN.md.
std::optional<Outcome> outcome_for_key(int key);
const char* outcome_label_fr(Outcome o);
const char* stage_label_fr(Stage s);

struct Lead {
    std::int64_t id = 0;
    std::string first_name, last_name;
    std::string phone;                      // as typed
    std::optional<std::string> phone_e164;  // normalised, when valid
    std::optional<std::string> email;
    Intention intention = Intention::unknown;
    std::optional<int> timeline_months;
    std::string city, zip, area;
    std::optional<Money> price_estimate_cents;
    bool consent = false;
    std::optional<UnixTime> consent_at;
    std::optional<std::string> consent_text, consent_source;
    std::string source = "manual";
    Money cost_cents = 0;
    Stage stage = Stage::new_lead;
    Status status = Status::active;
    std::optional<std::int64_t> owner_user_id, assigned_agent_id;
    bool bad_number = false;
    bool dnc = false;
    // Scoring and compliance inputs, kept on the lead so ranking needs no joins.
    int live_touches = 0;                      // answered calls
    int unanswered_attempts = 0;               // no answer + voicemail
    std::vector<UnixTime> call_attempt_times;  // recent call attempts (frequency cap)
    std::optional<UnixTime> not_seller_at;
    // first_touch_at: the first call attempt, whatever its outcome ("1er appel en N min");
    // first_connect_at: the first call somebody answered ("joint en N min").
    std::optional<UnixTime> first_touch_at, first_connect_at, last_touch_at;
    std::optional<UnixTime> next_action_at;  // the earliest open follow-up, or a nurture ping
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
    bool has_booked_slot = false;  // an appointment exists (raises the price)
    // The person answered an SMS (not STOP) and nobody has called since: the queue raises the
    // lead ("a répondu") until an outcome is recorded.
    std::optional<UnixTime> replied_at;
};

}  // namespace crm::domain
