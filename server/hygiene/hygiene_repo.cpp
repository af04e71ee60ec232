#include "hygiene/hygiene_repo.hpp"

#include "leads/leads_repo.hpp"

namespace crm::hygiene {

std::vector<DuplicateGroup> duplicate_groups(db::Database& db) {
    auto st = db.prepare(
        "SELECT 'phone', phone_e164, COUNT(*), MIN(created_at) FROM leads WHERE phone_e164 IS NOT NULL "
        "GROUP BY phone_e164 HAVING COUNT(*) > 1 "
        "UNION ALL SELECT 'email', lower(email), COUNT(*), MIN(created_at) FROM leads WHERE email IS NOT NULL AND "
        "email <> '' GROUP BY lower(email) HAVING COUNT(*) > 1 ORDER BY 4, 1, 2");
    std::vector<DuplicateGroup> out;
    while (st.step()) out.push_back({st.get_text(0), st.get_text(1), st.get_int64(2)});
    return out;
}

std::vector<domain::Lead> leads_of_group(db::Database& db, const DuplicateGroup& group) {
    auto st =
        db.prepare(std::string("SELECT ") + leads::kLeadColumns + " FROM leads l WHERE " +
                   (group.by == "phone" ? "l.phone_e164 = ?" : "lower(l.email) = ?") + " ORDER BY l.created_at, l.id");
    st.bind(1, group.key);
    std::vector<domain::Lead> leads;
    while (st.step()) leads.push_back(leads::lead_from_row(st));
    return leads;
}

nlohmann::json move_lead_references(db::Database& db, std::int64_t from_id, std::int64_t keep_id) {
    std::vector<std::pair<std::string, std::string>> refs;
    if (db.dialect() == db::Dialect::postgresql) {
        auto fk = db.prepare(
            "SELECT t.relname, a.attname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
            "WHERE c.contype = 'f' AND c.confrelid = 'leads'::regclass AND t.relname <> 'leads' ORDER BY 1, 2");
        while (fk.step()) refs.emplace_back(fk.get_text(0), fk.get_text(1));
    } else {
        auto tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'leads'");
        std::vector<std::string> names;
        while (tables.step()) names.push_back(tables.get_text(0));
        for (const auto& t : names) {
            auto fk = db.prepare("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?)");
            fk.bind(1, t);
            while (fk.step())
                if (fk.get_text(0) == "leads") refs.emplace_back(t, fk.get_text(1));
        }
    }
    nlohmann::json moved = nlohmann::json::object();
    for (const auto& [table, column] : refs) {
        db.prepare("UPDATE \"" + table + "\" SET \"" + column + "\" = ?1 WHERE \"" + column + "\" = ?2")
            .bind_all(keep_id, from_id)
            .run();
        if (db.changes() > 0) moved[table] = db.changes();
    }
    return moved;
}

CallStamps call_stamps(db::Database& db, std::int64_t lead_id) {
    auto st = db.prepare(
        "SELECT MIN(timestamp), MAX(timestamp), MIN(CASE WHEN outcome IN ('answered', 'booked', 'not_seller') "
        "THEN timestamp END) FROM interactions WHERE lead_id = ? AND kind = 'call'");
    st.bind(1, lead_id);
    if (!st.step()) return {};
    return {st.get_opt_int64(0), st.get_opt_int64(1), st.get_opt_int64(2)};
}

}  // namespace crm::hygiene
