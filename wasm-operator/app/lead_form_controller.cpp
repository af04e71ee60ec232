#include "app/lead_form_controller.hpp"

#include "crm/domain/json.hpp"

namespace crm::console {

void LeadFormController::open(bool edit_current) {
    const auto* lead = state_.current_lead();
    if (edit_current && !lead) return;
    draft = edit_current ? LeadDraft::from_lead(*lead) : LeadDraft{};
    duplicates.reset();
    message.clear();
    open_dialog = true;
}

void LeadFormController::save(const LeadDraft& d, bool allow_duplicate) {
    const bool create = d.id == 0;
    auto done = [this, create, d](const ApiResult& r) {
        if (r.status == 409) {
            duplicates = duplicate_offer(r.json());
            message = r.error_message();
            return;
        }
        if (!r.ok()) {
            message = "Refusé : " + r.error_with_fields();
            return;
        }
        try {
            const auto lead = r.json().get<domain::Lead>();
            state_.upsert_lead(lead);
            state_.select_lead(lead.id);
            state_.flash = (create ? "Lead créé : " : "Lead enregistré : ") + lead.first_name + " " + lead.last_name;
        } catch (const std::exception&) {
            state_.flash = "Réponse du serveur illisible.";
        }
        duplicates.reset();
        message = "ok";  // the dialog closes on it
        queue_.on_selection_changed();
    };
    if (create)
        api_.post("/api/leads", d.body(allow_duplicate), done);
    else
        api_.patch("/api/leads/" + std::to_string(d.id), d.body(allow_duplicate), done);
}

// The new lead is created (the server allows it once asked) and merged at once into the
// older one: the older keeps its id and history, empty fields are filled from the new data.
void LeadFormController::create_and_merge(const LeadDraft& d, std::int64_t keep_id) {
    api_.post("/api/leads", d.body(true), [this, keep_id](const ApiResult& r) {
        if (!r.ok()) {
            message = "Création refusée : " + r.error_message();
            return;
        }
        const auto from_id = r.json().value("id", 0LL);
        api_.post("/api/leads/" + std::to_string(keep_id) + "/merge", {{"fromId", from_id}},
                  [this, keep_id](const ApiResult& m) {
                      if (!m.ok()) {
                          message = "Fusion refusée : " + m.error_message();
                          return;
                      }
                      try {
                          const auto lead = m.json().get<domain::Lead>();
                          state_.upsert_lead(lead);
                          state_.select_lead(lead.id);
                          state_.flash = "Fusionné dans le lead " + std::to_string(keep_id) + " (" + lead.first_name +
                                         " " + lead.last_name + ").";
                      } catch (const std::exception&) {
                      }
                      duplicates.reset();
                      message = "ok";
                      dashboard_.refresh_after_change();
                  });
    });
}

}  // namespace crm::console
