#include "app/rule_draft.hpp"

namespace crm::console {

RuleDraft RuleDraft::from_rule(const RuleRow& r) {
    RuleDraft d;
    d.id = r.id;
    d.name = r.name;
    d.trigger = r.trigger;
    d.actions = domain::parse_actions(r.action).actions;
    return d;
}

std::string RuleDraft::action_text() const {
    std::string out;
    for (const auto& a : actions) out += (out.empty() ? "" : ",") + domain::to_string(a);
    return out;
}

std::string RuleDraft::set_action_text(const std::string& text) {
    auto parsed = domain::parse_actions(text);
    if (!parsed.ok()) return parsed.error;
    actions = std::move(parsed.actions);
    return "";
}

void RuleDraft::remove(std::size_t index) {
    if (index < actions.size()) actions.erase(actions.begin() + static_cast<std::ptrdiff_t>(index));
}

std::string RuleDraft::error() const {
    if (name.empty()) return "Nom obligatoire.";
    return rule_error(trigger, action_text());
}

std::string action_label_fr(const domain::Action& a) {
    std::string label = domain::action_name(a.kind);
    for (const auto& c : domain::action_choices())
        if (c.kind == a.kind) label = c.label;
    if (a.kind == domain::ActionKind::create_task || a.kind == domain::ActionKind::schedule_ping)
        return label + " : J+" + std::to_string(a.days);
    return a.arg.empty() ? label : label + " : " + a.arg;
}

}  // namespace crm::console
