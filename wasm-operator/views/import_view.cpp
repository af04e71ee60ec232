// Dashboard → Import CSV: choose a file (O or the button; the browser's dialog opens from
// main.cpp), then the server's per-row report: created, duplicate with its match, invalid with
// the reason.
#include <imgui.h>

#include <string>

#include "views/views.hpp"

namespace crm::console {

namespace {

ImVec4 status_color(const std::string& status) {
    if (status == "created") return ImVec4(0.35f, 0.85f, 0.5f, 1);
    if (status == "duplicate") return ImVec4(0.95f, 0.75f, 0.3f, 1);
    return ImVec4(1, 0.5f, 0.4f, 1);
}

}  // namespace

void draw_import_view(ConsoleState& state, Controller& ctl) {
    const auto& h = state.hygiene;
    ImGui::BeginDisabled(h.importing);
    if (ImGui::Button("Choisir un fichier CSV… (O)")) ctl.dashboard.csv_file_requested = true;
    anchor(state, "import-choose");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextDisabled("1 Mio et 5 000 lignes au plus ; rien n'est importé si le fichier est mal formé.");
    ImGui::TextDisabled("En-tête : firstName, lastName, phone, email, city, zip, area, intention, timelineMonths,");
    ImGui::TextDisabled(
        "priceEstimate (€), source, costCents, consent (oui/non), consentText, consentSource — « , » ou « ; ».");
    if (!h.import_message.empty())
        ImGui::TextColored(h.importing ? ImVec4(0.55f, 0.75f, 1, 1) : ImVec4(0.85f, 0.88f, 0.95f, 1), "%s",
                           h.import_message.c_str());
    state.shown["import-message"] = h.import_message;
    const auto& report = h.import_report();
    if (!report) return;
    ImGui::Text("« %s » — %d ligne(s) : ", report->file_name.c_str(), report->total);
    ImGui::SameLine(0, 0);
    ImGui::TextColored(status_color("created"), "%d créé(s)", report->created);
    ImGui::SameLine();
    ImGui::TextColored(status_color("duplicate"), "· %d doublon(s)", report->duplicates);
    ImGui::SameLine();
    ImGui::TextColored(status_color("invalid"), "· %d invalide(s)", report->invalid);
    if (!ImGui::BeginTable("import-report", 3,
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                               ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Ligne", ImGuiTableColumnFlags_WidthFixed, 60);
    ImGui::TableSetupColumn("Résultat", ImGuiTableColumnFlags_WidthFixed, 100);
    ImGui::TableSetupColumn("Détail", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(report->rows.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& row = report->rows[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%d", row.line);
            ImGui::TableNextColumn();
            ImGui::TextColored(status_color(row.status), "%s", import_status_label_fr(row.status));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(import_row_detail(row).c_str());
        }
    ImGui::EndTable();
}

}  // namespace crm::console
