// Dashboard → Doublons: each group of leads sharing a phone or an e-mail, side by side (fields
// that differ from the kept lead stand out), and Merge into the oldest lead after a
// confirmation (Enter confirms, Escape cancels).
#include <imgui.h>

#include <string>

#include "views/views.hpp"

namespace crm::console {

namespace {

const ImVec4 kInfo(0.55f, 0.75f, 1, 1);
const ImVec4 kDiffers(0.95f, 0.75f, 0.3f, 1);

// Columns per group beyond which a group scrolls sideways rather than squeezing.
constexpr int kLeadColumnsShown = 6;

std::string describe(const domain::Lead& l) {
    return "le lead " + std::to_string(l.id) + " (" + l.first_name + " " + l.last_name + ", créé le " +
           domain::format_paris(l.created_at) + ")";
}

void draw_group(ConsoleState& state, const DuplicateGroup& g, PendingMerge& pending, bool& open_confirm) {
    const auto& keeper = group_keeper(g);
    const std::string by = g.by == "email" ? "Même e-mail" : "Même téléphone";
    ImGui::Separator();
    ImGui::TextColored(kInfo, "%s : %s — %zu leads", by.c_str(), g.key.c_str(), g.leads.size());
    const int n = std::min(static_cast<int>(g.leads.size()), kLeadColumnsShown);
    if (!ImGui::BeginTable("group", n + 1,
                           ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchSame))
        return;
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 110);
    for (int i = 0; i < n; ++i) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
    // First row: which lead is kept, and the Merge buttons of the others.
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    for (int i = 0; i < n; ++i) {
        const auto& l = g.leads[static_cast<std::size_t>(i)];
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(l.id));
        if (l.id == keeper.id) {
            ImGui::TextColored(ImVec4(0.35f, 0.85f, 0.5f, 1), "Lead %lld · conservé (le plus ancien)",
                               static_cast<long long>(l.id));
        } else {
            const std::string label = "Fusionner dans le lead " + std::to_string(keeper.id);
            if (ImGui::SmallButton(label.c_str())) {
                pending = {keeper.id, l.id, describe(keeper), describe(l)};
                open_confirm = true;
            }
            anchor(state, "merge:" + std::to_string(l.id));
        }
        ImGui::PopID();
    }
    const auto keeper_fields = lead_fields_fr(keeper);
    std::vector<std::vector<LeadField>> fields;
    for (int i = 0; i < n; ++i) fields.push_back(lead_fields_fr(g.leads[static_cast<std::size_t>(i)]));
    for (std::size_t row = 0; row < keeper_fields.size(); ++row) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", keeper_fields[row].label);
        for (int i = 0; i < n; ++i) {
            ImGui::TableNextColumn();
            const auto& value = fields[static_cast<std::size_t>(i)][row].value;
            if (value != keeper_fields[row].value)
                ImGui::TextColored(kDiffers, "%s", value.c_str());
            else
                ImGui::TextUnformatted(value.c_str());
        }
    }
    ImGui::EndTable();
    if (static_cast<int>(g.leads.size()) > n)
        ImGui::TextDisabled("… et %zu autre(s) : fusionnez ceux-ci d'abord.",
                            g.leads.size() - static_cast<std::size_t>(n));
}

void draw_confirmation(ConsoleState& state, Controller& ctl, PendingMerge& pending, bool open_confirm) {
    const char* title = "Fusionner deux leads ?";
    if (open_confirm) ImGui::OpenPopup(title);
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::PushTextWrapPos(560);
    ImGui::TextWrapped("%s sera fusionné dans %s, le plus ancien.", pending.from_text.c_str(),
                       pending.keep_text.c_str());
    ImGui::TextWrapped(
        "Ses appels, messages, tâches, rendez-vous et livraisons passent au lead %lld ; les champs vides de celui-ci "
        "sont complétés, les compteurs et les coûts additionnés, « ne pas contacter » conservé. Le lead %lld est "
        "supprimé : c'est définitif.",
        static_cast<long long>(pending.keep_id), static_cast<long long>(pending.from_id));
    ImGui::PopTextWrapPos();
    state.shown["merge-confirm"] = std::to_string(pending.from_id) + "→" + std::to_string(pending.keep_id);
    const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                       ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
    const bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    if (ImGui::Button("Fusionner (Entrée)") || enter) {
        ctl.dashboard.merge_leads(pending.keep_id, pending.from_id);
        ImGui::CloseCurrentPopup();
    }
    anchor(state, "merge-confirm");
    ImGui::SameLine();
    if (ImGui::Button("Annuler (Échap)") || escape) ImGui::CloseCurrentPopup();
    anchor(state, "merge-cancel");
    ImGui::EndPopup();
}

}  // namespace

void draw_duplicates_view(ConsoleState& state, Controller& ctl, DuplicatesViewState& vs) {
    bool open_confirm = false;
    const auto& h = state.hygiene;
    if (!h.duplicates_message.empty()) ImGui::TextColored(kInfo, "%s", h.duplicates_message.c_str());
    state.shown["duplicates-message"] = h.duplicates_message;
    if (!h.duplicates_loaded()) {
        ImGui::TextDisabled("Chargement des doublons…");
        return;
    }
    if (h.groups().empty()) {
        ImGui::TextDisabled("Aucun doublon : chaque téléphone et chaque e-mail n'appartient qu'à un lead.");
        return;
    }
    ImGui::TextDisabled(
        "%zu groupe(s). La fusion garde le lead le plus ancien et y déplace tout l'historique de l'autre.",
        h.total_groups());
    ImGui::BeginChild("duplicate-groups", ImVec2(0, 0), false);
    for (std::size_t i = 0; i < h.groups().size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        draw_group(state, h.groups()[i], vs.pending, open_confirm);
        ImGui::PopID();
    }
    // The popup belongs to this child's ID stack, opened and drawn at the same level.
    draw_confirmation(state, ctl, vs.pending, open_confirm);
    ImGui::EndChild();
}

}  // namespace crm::console
