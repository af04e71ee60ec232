#include "audit/audit_repo.hpp"

#include "crm/domain/json.hpp"
#include "crm/domain/time.hpp"

namespace crm::audit_log {

namespace {

nlohmann::json stored_json_or_null(const std::optional<std::string>& s) {
    if (!s) return nullptr;
    auto j = nlohmann::json::parse(*s, nullptr, false);
    return j.is_discarded() ? nlohmann::json(nullptr) : j;
}

}  // namespace

void audit(db::Database& db, std::optional<std::int64_t> user_id, const std::string& action, const std::string& entity,
           std::optional<std::int64_t> entity_id, const nlohmann::json& before, const nlohmann::json& after,
           std::int64_t now) {
    auto dump = [](const nlohmann::json& j) -> std::optional<std::string> {
        if (j.is_null()) return std::nullopt;
        return domain::json_text(j);
    };
    db.prepare(
          "INSERT INTO audit_log(user_id, action, entity, entity_id, before_json, after_json, at) VALUES "
          "(?,?,?,?,?,?,?)")
        .bind_all(user_id, action, entity, entity_id, dump(before), dump(after), now)
        .run();
}

nlohmann::json list_entries(db::Database& db, const EntryFilter& filter) {
    std::string sql =
        "SELECT a.id, a.user_id, COALESCE(u.display_name, 'système'), a.action, a.entity, a.entity_id, a.before_json, "
        "a.after_json, a.at FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE 1=1";
    if (filter.entity) sql += " AND a.entity = ?1";
    if (filter.entity_id) sql += " AND a.entity_id = ?2";
    sql += " ORDER BY a.at DESC, a.id DESC LIMIT ?3";
    auto st = db.prepare(sql);
    if (filter.entity) st.bind(1, *filter.entity);
    if (filter.entity_id) st.bind(2, *filter.entity_id);
    st.bind(3, filter.limit);
    auto items = nlohmann::json::array();
    while (st.step())
        items.push_back({{"id", st.get_int64(0)},
                         {"userId", st.is_null(1) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(1))},
                         {"userName", st.get_text(2)},
                         {"action", st.get_text(3)},
                         {"entity", st.get_text(4)},
                         {"entityId", st.is_null(5) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(5))},
                         {"before", stored_json_or_null(st.get_opt_text(6))},
                         {"after", stored_json_or_null(st.get_opt_text(7))},
                         {"at", domain::format_iso_utc(st.get_int64(8))}});
    return items;
}

}  // namespace crm::audit_log
