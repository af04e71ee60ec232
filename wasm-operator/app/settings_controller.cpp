#include "app/settings_controller.hpp"

#include "crm/domain/json.hpp"

namespace crm::console {

void SettingsController::load() {
    api_.get("/api/settings", [this](const ApiResult& r) {
        if (!r.ok()) return;
        domain::Settings s;
        try {
            domain::from_json(r.json(), s);
            state_.set_settings(s);
            from_server_ = true;
        } catch (const std::exception&) {
            state_.error = "Réglages illisibles : valeurs par défaut utilisées.";
        }
    });
}

void SettingsController::save(const domain::Settings& s) {
    api_.put("/api/settings", nlohmann::json(s), [this](const ApiResult& r) {
        if (!r.ok()) {
            message = "Réglages refusés : " + r.error_with_fields();
            return;
        }
        try {
            domain::Settings saved;
            domain::from_json(r.json(), saved);
            state_.set_settings(saved);
            message = "Réglages enregistrés (audités).";
        } catch (const std::exception&) {
            message = "Réponse du serveur illisible.";
        }
    });
}

}  // namespace crm::console
