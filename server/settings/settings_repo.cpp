#include "settings/settings_repo.hpp"

#include "crm/domain/json.hpp"
#include "leads/connect_rates_repo.hpp"

namespace crm::settings {

domain::Settings load_settings(db::Database& db) {
    domain::Settings s;
    auto st = db.prepare("SELECT value_json FROM settings WHERE key = 'domain'");
    if (st.step()) {
        auto j = nlohmann::json::parse(st.get_text(0), nullptr, false);
        if (j.is_object()) {
            try {
                domain::from_json(j, s);
            } catch (const nlohmann::json::exception&) {
                s = domain::Settings{};  // a document we cannot read: defaults, never a crash
            }
        }
    }
    // The connect rates are learned from the calls, not typed in (connect_rates_repo.hpp).
    auto learned = db.prepare("SELECT value_json FROM settings WHERE key = 'connect_rates'");
    if (learned.step())
        leads::apply_learned_connect_rates(nlohmann::json::parse(learned.get_text(0), nullptr, false), s);
    return s;
}

void save_settings(db::Database& db, const domain::Settings& s, std::int64_t now) {
    db.prepare(
          "INSERT INTO settings(key, value_json, updated_at) VALUES ('domain', ?, ?) "
          "ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at")
        .bind_all(nlohmann::json(s).dump(), now)
        .run();
}

}  // namespace crm::settings
