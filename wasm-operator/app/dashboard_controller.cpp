#include "app/dashboard_controller.hpp"

#include "crm/domain/json.hpp"

namespace crm::console {

void DashboardController::show_section(DashboardSection section) {
    state_.dashboard_section = section;
    state_.section_requested = true;
    // Opening the tab loads its data (draw_shell); on the tab already, a fresh list is wanted.
    if (state_.tab == Tab::dashboard && section == DashboardSection::duplicates) load_duplicates();
    state_.tab = Tab::dashboard;
    state_.tab_requested = true;
}

void DashboardController::load() {
    const int days = state_.dashboard.days();
    const int ticket = state_.dashboard.request(days);
    api_.get("/api/dashboard?days=" + std::to_string(days), [this, ticket](const ApiResult& r) {
        state_.online = r.status != 0;
        if (!r.ok()) {
            state_.dashboard.set_error(ticket, "Tableau de bord : " + r.error_message());
            return;
        }
        state_.dashboard.set_answer(ticket, r.json());
    });
}

void DashboardController::set_days(int days) {
    if (days != 7 && days != 30) return;  // the only periods the server computes
    state_.dashboard.request(days);
    load();
}

void DashboardController::refresh_after_change() {
    // Figures only move on screen when the tab is open; opening the tab reloads them anyway.
    if (state_.tab == Tab::dashboard) load();
}

void DashboardController::load_duplicates() {
    api_.get("/api/leads/duplicates", [this](const ApiResult& r) {
        if (!r.ok()) {
            state_.hygiene.duplicates_message = "Doublons : " + r.error_message();
            return;
        }
        state_.hygiene.set_duplicates(r.json());
    });
}

void DashboardController::merge_leads(std::int64_t keep_id, std::int64_t from_id) {
    state_.hygiene.duplicates_message = "Fusion en cours…";
    api_.post("/api/leads/" + std::to_string(keep_id) + "/merge", {{"fromId", from_id}},
              [this, keep_id, from_id](const ApiResult& r) {
                  if (!r.ok()) {
                      state_.hygiene.duplicates_message = "Fusion refusée : " + r.error_with_fields();
                      load_duplicates();  // e.g. one of them was already merged elsewhere
                      return;
                  }
                  state_.hygiene.remove_lead(from_id);
                  state_.remove_lead(from_id);
                  hooks_.lead_merged_away(from_id);
                  try {
                      state_.upsert_lead(r.json().get<domain::Lead>());
                  } catch (const std::exception&) {
                      hooks_.sync_now();  // the queue shows the server's lead either way
                  }
                  state_.hygiene.duplicates_message = "Lead " + std::to_string(from_id) + " fusionné dans le lead " +
                                                      std::to_string(keep_id) +
                                                      " : historique déplacé, doublon supprimé.";
                  load_duplicates();
                  refresh_after_change();
              });
}

void DashboardController::import_csv(const std::string& file_name, const std::string& text) {
    auto& h = state_.hygiene;
    h.importing = true;
    h.import_message = "Import de « " + file_name + " »…";
    api_.post_text("/api/leads/import", text, "text/csv; charset=utf-8", [this, file_name](const ApiResult& r) {
        auto& h = state_.hygiene;
        h.importing = false;
        if (!r.ok()) {
            h.clear_import();
            h.import_message = "« " + file_name + " » refusé, rien n'a été importé : " + r.error_with_fields();
            return;
        }
        const auto report = import_report_from_json(file_name, r.json());
        h.import_message.clear();  // the report's own summary line says it
        h.set_import(report);
        if (h.import_report()->created > 0) {
            hooks_.sync_now();  // the new leads join the queue
            refresh_after_change();
        }
        load_duplicates();
    });
}

}  // namespace crm::console
