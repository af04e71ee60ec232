#pragma once
// The automation rules the engine runs (their editing is automation_routes.cpp's).
#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::automation {

struct EnabledRule {
    std::int64_t id = 0;
    std::string action;  // the rule's action text (domain::parse_actions)
};
// The enabled rules of this trigger, oldest first.
std::vector<EnabledRule> enabled_rules(db::Database& db, const std::string& trigger);

}  // namespace crm::automation
