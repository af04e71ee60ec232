#include "app/accounts_controller.hpp"

#include "app/browser.hpp"
#include "app/json_read.hpp"

namespace crm::console {

void AccountsController::load() {
    api_.get("/api/users", [this](const ApiResult& r) {
        if (!r.ok()) {
            model_.error = "Comptes : " + r.error_message();
            return;
        }
        model_.rows = accounts_from_json(r.json());
        model_.loaded = true;
        model_.error.clear();
    });
}

void AccountsController::show_link(const nlohmann::json& answer, const std::string& who) {
    model_.setup_url = json_read::text(answer, "setupUrl");
    model_.setup_for = who;
    model_.setup_emailed = answer.value("emailed", false);
}

void AccountsController::create(const NewAccountDraft& d) {
    nlohmann::json body = {{"username", d.username}, {"displayName", d.display_name}, {"role", d.role}};
    if (!d.email.empty()) body["email"] = d.email;
    model_.message = "Création du compte…";
    api_.post("/api/users", body, [this, who = d.display_name](const ApiResult& r) {
        if (!r.ok()) {
            model_.message = "Compte non créé : " + r.error_with_fields();
            return;
        }
        const auto answer = r.json();
        show_link(answer, who);
        model_.message = model_.setup_emailed ? "Compte créé : le lien est parti par e-mail."
                                              : "Compte créé : transmettez le lien ci-dessous (24 h, une seule fois).";
        load();
    });
}

void AccountsController::reset(std::int64_t id) {
    std::string who;
    for (const auto& row : model_.rows)
        if (row.id == id) who = row.display_name;
    api_.post("/api/users/" + std::to_string(id) + "/reset", nlohmann::json::object(), [this, who](const ApiResult& r) {
        if (!r.ok()) {
            model_.message = "Réinitialisation refusée : " + r.error_message();
            return;
        }
        show_link(r.json(), who);
        model_.message = "Nouveau lien pour " + who + " ; l'ancien mot de passe marche jusqu'à son usage.";
    });
}

void AccountsController::set_active(std::int64_t id, bool active) {
    api_.post("/api/users/" + std::to_string(id) + (active ? "/reactivate" : "/deactivate"), nlohmann::json::object(),
              [this, active](const ApiResult& r) {
                  if (!r.ok()) {
                      model_.message = r.error_message();
                      return;
                  }
                  const auto name = json_read::text(r.json(), "displayName");
                  model_.message = active ? name + " peut de nouveau se connecter."
                                          : name + " est désactivé : ses sessions sont fermées, ses leads restent.";
                  load();
              });
}

void AccountsController::copy_setup_link() {
    if (model_.setup_url.empty()) return;
    copy_to_clipboard(model_.setup_url);
    model_.message = "Lien copié.";
}

void AccountsController::change_password(const std::string& current, const std::string& next,
                                         const std::string& confirmation) {
    model_.password_changed = false;
    if (current.empty()) {
        model_.password_message = "Saisissez votre mot de passe actuel.";
        return;
    }
    if (auto problem = password_entry_problem(next, confirmation); !problem.empty()) {
        model_.password_message = problem;
        return;
    }
    model_.password_message = "Envoi…";
    api_.post("/api/me/password", {{"currentPassword", current}, {"newPassword", next}}, [this](const ApiResult& r) {
        clear_password_fields = r.status != 0;  // offline: keep them to try again
        if (r.ok()) {
            model_.password_changed = true;
            model_.password_message = "Mot de passe modifié. Vos autres sessions ont été fermées.";
            return;
        }
        const auto answer = r.json();
        const bool wrong = answer.is_object() && answer.contains("error") && answer["error"].is_object() &&
                           answer["error"].value("code", "") == "wrong_password";
        model_.password_message = wrong ? "Mot de passe actuel incorrect." : r.error_message();
    });
}

}  // namespace crm::console
