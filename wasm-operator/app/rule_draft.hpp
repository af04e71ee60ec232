#pragma once
// The rule form of the Automations tab: a name, a trigger picked from the domain library's list,
// actions added one by one with their template, delay, status or stage. The action string the
// API stores ("send_sms:templateA,create_task:2d") is made from them and read back into them,
// so the form and the text field (kept for those who type, and for the API) always agree.
#include <cstdint>
#include <string>
#include <vector>

#include "app/automations_model.hpp"
#include "crm/domain/rules.hpp"

namespace crm::console {

struct RuleDraft {
    std::int64_t id = 0;  // 0: a new rule
    std::string name;
    std::string trigger = "outcome:no_answer";
    std::vector<domain::Action> actions;

    static RuleDraft from_rule(const RuleRow& r);  // an action string that does not parse gives no actions
    std::string action_text() const;
    // Takes the actions of `text` when it parses; returns the parser's error (and keeps the
    // actions) otherwise.
    std::string set_action_text(const std::string& text);
    void add(const domain::Action& a) { actions.push_back(a); }
    void remove(std::size_t index);
    std::string error() const;  // "" when the server would accept the rule
};

// "Envoyer un SMS (modèle) : templateA", "Programmer une relance J+N : J+2".
std::string action_label_fr(const domain::Action& a);

}  // namespace crm::console
