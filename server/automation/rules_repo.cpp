#include "automation/rules_repo.hpp"

namespace crm::automation {

std::vector<EnabledRule> enabled_rules(db::Database& db, const std::string& trigger) {
    auto st = db.prepare("SELECT id, action FROM rules WHERE trigger = ? AND enabled = 1 ORDER BY id");
    st.bind(1, trigger);
    std::vector<EnabledRule> out;
    while (st.step()) out.push_back({st.get_int64(0), st.get_text(1)});
    return out;
}

}  // namespace crm::automation
