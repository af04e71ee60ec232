#include "core/audit.hpp"

namespace crm {

void audit(db::Database& db, std::optional<std::int64_t> user_id, const std::string& action, const std::string& entity,
           std::optional<std::int64_t> entity_id, const nlohmann::json& before, const nlohmann::json& after,
           std::int64_t now) {
    auto dump = [](const nlohmann::json& j) -> std::optional<std::string> {
        if (j.is_null()) return std::nullopt;
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    db.prepare(
          "INSERT INTO audit_log(user_id, action, entity, entity_id, before_json, after_json, at) VALUES "
          "(?,?,?,?,?,?,?)")
        .bind_all(user_id, action, entity, entity_id, dump(before), dump(after), now)
        .run();
}

}  // namespace crm
