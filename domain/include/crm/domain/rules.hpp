#pragma once
// Automation rules as stored: a trigger ("outcome:no_answer") and an action string
// ("send_sms:templateA,create_task:2d,set_status:follow_up"), parsed here so the server and
// the console accept exactly the same rules.
#include <optional>
#include <string>
#include <vector>

namespace crm::domain {

enum class ActionKind {
    send_sms,            // send_sms:<template>
    send_email,          // send_email:<template>
    create_task,         // create_task:<N>d   (follow-up J+N, moved to the next call window)
    set_status,          // set_status:<status>
    set_stage,           // set_stage:<stage>
    send_ics,            // send_ics:lead | send_ics:agent
    notify_operator,     // notify_operator:<kind>
    request_new_number,  // request_new_number:<e-mail template>
    schedule_ping,       // schedule_ping:<N>d  (nurture: a ping every N days)
};

struct Action {
    ActionKind kind;
    std::string arg;  // template, status, stage, recipient, notification kind
    int days = 0;     // for create_task and schedule_ping
};

struct ParsedActions {
    std::vector<Action> actions;
    std::string error;  // empty when ok; says which action and why otherwise
    bool ok() const { return error.empty(); }
};

ParsedActions parse_actions(const std::string& text);
std::string to_string(const Action& a);
const char* action_name(ActionKind k);
// Messages to people (as opposed to state changes the server applies at once).
bool is_outbound(ActionKind k);

struct Trigger {
    std::string kind;   // outcome | time
    std::string value;  // an outcome, or idle_7d / no_first_call_24h / appointment_reminder
};
std::optional<Trigger> parse_trigger(const std::string& text);

// The rule form's lists (the console picks from them instead of typing the strings): every
// trigger parse_trigger accepts and every action kind, each with its French label and what its
// argument is.
struct TriggerChoice {
    std::string trigger, label;
};
const std::vector<TriggerChoice>& trigger_choices();
enum class ActionArg { template_name, days, status, stage, recipient, notification };
struct ActionChoice {
    ActionKind kind;
    const char* label;
    ActionArg arg;
};
const std::vector<ActionChoice>& action_choices();

struct RuleSpec {
    std::string name, trigger, action;
};
// The rules the product ships with (docs/DOMAIN.md).
const std::vector<RuleSpec>& default_rules();

}  // namespace crm::domain
