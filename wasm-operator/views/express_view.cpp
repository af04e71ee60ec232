#include <imgui.h>

#include "views/views.hpp"

namespace crm::console {

// Below 720 CSS px: one column, call first, the seven outcomes as large touch targets.
void draw_express_view(ConsoleState& state, Controller& ctl) {
    ImGui::Text("File : %zu leads", state.rows().size());
    if (!state.flash.empty()) ImGui::TextWrapped("%s", state.flash.c_str());
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (ImGui::Button("< Précédent", ImVec2(half, 44))) ctl.dispatch({ActionKind::prev});
    ImGui::SameLine();
    if (ImGui::Button("Suivant >", ImVec2(half, 44))) ctl.dispatch({ActionKind::next});
    ImGui::Separator();
    draw_lead_card(state, ctl, true);
}

}  // namespace crm::console
