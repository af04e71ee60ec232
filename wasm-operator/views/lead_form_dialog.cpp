// The lead form (N new, E edit): the fields, checked by the domain library as they are typed,
// then saved on the server. A phone or e-mail already known (409) shows the leads it matches
// side by side with what was typed, and offers: merge into the older lead (its history and id
// stay; empty fields are filled from the new data), create anyway, or go back.
#include <imgui.h>

#include <cstdio>

#include "crm/domain/pricing.hpp"
#include "views/views.hpp"

namespace crm::console {

namespace {

void field(ConsoleState& state, const char* label, const char* id, char* buf, std::size_t size,
           const std::map<std::string, std::string>& problems, const char* key) {
    ImGui::SetNextItemWidth(260);
    ImGui::InputText(label, buf, size);
    anchor(state, std::string("lead-form:") + id);
    if (auto it = problems.find(key); it != problems.end()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", it->second.c_str());
    }
}

void draw_duplicates(ConsoleState& state, Controller& ctl, const LeadDraft& typed) {
    const auto& offer = *ctl.lead_form.duplicates;
    ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.2f, 1), "%s", ctl.lead_form.message.c_str());
    if (ImGui::BeginTable("dups", 1 + static_cast<int>(offer.candidates.size()), ImGuiTableFlags_Borders)) {
        ImGui::TableSetupColumn(typed.id ? "Modifié" : "Saisi");
        for (const auto& c : offer.candidates) ImGui::TableSetupColumn(("Lead " + std::to_string(c.id)).c_str());
        ImGui::TableHeadersRow();
        auto row = [&](const char* label, const std::string& mine, auto get) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%s : %s", label, mine.c_str());
            for (const auto& c : offer.candidates) {
                ImGui::TableNextColumn();
                const std::string v = get(c);
                if (v != mine)
                    ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.2f, 1), "%s", v.c_str());
                else
                    ImGui::TextUnformatted(v.c_str());
            }
        };
        row("Nom", typed.first_name + " " + typed.last_name,
            [](const domain::Lead& l) { return l.first_name + " " + l.last_name; });
        row("Tél.", typed.phone, [](const domain::Lead& l) { return l.phone; });
        row("E-mail", typed.email, [](const domain::Lead& l) { return l.email.value_or(""); });
        row("Ville", typed.city, [](const domain::Lead& l) { return l.city; });
        row("Créé", std::string("—"), [](const domain::Lead& l) { return domain::format_paris(l.created_at); });
        ImGui::EndTable();
    }
    state.shown["lead-form-duplicates"] = std::to_string(offer.candidates.size());
    const auto& oldest = offer.candidates.front();  // the server lists the oldest first
    if (typed.id == 0) {
        if (ImGui::Button(("Fusionner dans le lead " + std::to_string(oldest.id) + " (le plus ancien)").c_str()))
            ctl.lead_form.create_and_merge(typed, oldest.id);
        anchor(state, "lead-form-merge");
        ImGui::SameLine();
        if (ImGui::Button("Créer quand même")) ctl.lead_form.save(typed, true);
        anchor(state, "lead-form-create-anyway");
    } else {
        if (ImGui::Button("Enregistrer quand même")) ctl.lead_form.save(typed, true);
        anchor(state, "lead-form-create-anyway");
        ImGui::SameLine();
        ImGui::TextDisabled("(ou fusionnez-les depuis Tableau de bord → Doublons, touche D)");
    }
    ImGui::SameLine();
    if (ImGui::Button("Retour au formulaire")) ctl.lead_form.duplicates.reset();
}

}  // namespace

void LeadFormDialogState::Buffers::load(const LeadDraft& d) {
    std::snprintf(first, sizeof first, "%s", d.first_name.c_str());
    std::snprintf(last, sizeof last, "%s", d.last_name.c_str());
    std::snprintf(phone, sizeof phone, "%s", d.phone.c_str());
    std::snprintf(email, sizeof email, "%s", d.email.c_str());
    std::snprintf(city, sizeof city, "%s", d.city.c_str());
    std::snprintf(zip, sizeof zip, "%s", d.zip.c_str());
    std::snprintf(area, sizeof area, "%s", d.area.c_str());
    std::snprintf(source, sizeof source, "%s", d.source.c_str());
    intention = static_cast<int>(d.intention);
    timeline = d.timeline_months;
    estimate = static_cast<int>(d.estimate_euros);
    cost = static_cast<int>(d.cost_euros);
}

LeadDraft LeadFormDialogState::Buffers::draft(std::int64_t id) const {
    LeadDraft d;
    d.id = id;
    d.first_name = first, d.last_name = last, d.phone = phone, d.email = email;
    d.city = city, d.zip = zip, d.area = area, d.source = source;
    d.intention = static_cast<domain::Intention>(intention);
    d.timeline_months = timeline;
    d.estimate_euros = estimate;
    d.cost_euros = cost;
    return d;
}

void draw_lead_form_dialog(ConsoleState& state, Controller& ctl, LeadFormDialogState& vs) {
    if (ctl.lead_form.open_dialog) {
        vs.b.load(ctl.lead_form.draft);
        vs.editing = ctl.lead_form.draft.id;
        ImGui::OpenPopup("Fiche lead");
        ctl.lead_form.open_dialog = false;
    }
    const auto& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal("Fiche lead", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    if (ctl.lead_form.message == "ok") {  // saved: the answer is in the queue
        ctl.lead_form.message.clear();
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const auto draft = vs.b.draft(vs.editing);
    ImGui::TextUnformatted(vs.editing ? ("Modifier le lead " + std::to_string(vs.editing)).c_str() : "Nouveau lead");
    if (ctl.lead_form.duplicates) {
        draw_duplicates(state, ctl, draft);
        ImGui::EndPopup();
        return;
    }
    const auto problems = draft.problems();
    field(state, "Prénom", "first", vs.b.first, sizeof vs.b.first, problems, "firstName");
    field(state, "Nom", "last", vs.b.last, sizeof vs.b.last, problems, "lastName");
    field(state, "Téléphone", "phone", vs.b.phone, sizeof vs.b.phone, problems, "phone");
    field(state, "E-mail", "email", vs.b.email, sizeof vs.b.email, problems, "email");
    field(state, "Ville", "city", vs.b.city, sizeof vs.b.city, problems, "city");
    field(state, "Code postal", "zip", vs.b.zip, sizeof vs.b.zip, problems, "zip");
    field(state, "Quartier", "area", vs.b.area, sizeof vs.b.area, problems, "area");
    field(state, "Source", "source", vs.b.source, sizeof vs.b.source, problems, "source");
    const char* intentions[] = {"Vendre", "Faire estimer", "Acheter", "Inconnue"};
    ImGui::SetNextItemWidth(260);
    ImGui::Combo("Intention", &vs.b.intention, intentions, 4);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("Délai (mois, 0 = inconnu)", &vs.b.timeline);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("Estimation (€, 0 = inconnue)", &vs.b.estimate, 1000, 10000);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("Coût du lead (€)", &vs.b.cost);
    state.shown["lead-form-problems"] = std::to_string(problems.size());
    state.shown["lead-form-typed"] = std::string(vs.b.last) + "|" + vs.b.phone;
    if (!ctl.lead_form.message.empty())
        ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", ctl.lead_form.message.c_str());
    ImGui::BeginDisabled(!problems.empty());
    if (ImGui::Button(vs.editing ? "Enregistrer" : "Créer")) ctl.lead_form.save(draft, false);
    anchor(state, "lead-form-save");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Annuler") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace crm::console
