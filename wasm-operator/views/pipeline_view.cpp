// The Pipeline board: seven columns from New to Refunded/Bad, cards with the Hot badge, the
// expected value and Ready-to-Sell from the domain library, column totals, filters; a card
// is dragged onto another column (or moved with its right-click menu) and the server records
// the stage (audited). P delivers the selected card.
#include <imgui.h>

#include <cstdio>
#include <cstring>
#include <set>

#include "crm/domain/pricing.hpp"
#include "views/views.hpp"

namespace crm::console {

namespace {

constexpr const char* kDragType = "CRM_LEAD";
constexpr float kCardHeight = 58;

void draw_filters(ConsoleState& state, PipelineFiltersState& vs) {
    auto& f = state.sales.pipeline_filter;
    ImGui::SetNextItemWidth(220);
    if (ImGui::InputTextWithHint("##pipeline-search", "Filtrer (nom, ville, CP)", vs.text, sizeof vs.text))
        f.text = vs.text;
    ImGui::SameLine();
    ImGui::Checkbox("Hot uniquement", &f.hot_only);
    ImGui::SameLine();
    ImGui::Checkbox("Prêts à vendre", &f.ready_only);
    ImGui::SameLine();
    const auto& sources = state.lead_sources();
    ImGui::SetNextItemWidth(150);
    if (ImGui::BeginCombo("##source", f.source.empty() ? "Toutes sources" : f.source.c_str())) {
        if (ImGui::Selectable("Toutes sources", f.source.empty())) f.source.clear();
        for (const auto& s : sources)
            if (ImGui::Selectable(s.c_str(), f.source == s)) f.source = s;
        ImGui::EndCombo();
    }
    if (!state.sales.message.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.55f, 0.75f, 1, 1), "%s", state.sales.message.c_str());
    }
}

void draw_card(ConsoleState& state, Controller& ctl, const PipelineCard& card, float width) {
    const auto& lead = state.leads()[card.lead_index];
    ImGui::PushID(static_cast<int>(lead.id));
    const bool selected = state.sales.pipeline_selected == lead.id;
    if (ImGui::Selectable("##card", selected, ImGuiSelectableFlags_AllowDoubleClick, ImVec2(width, kCardHeight))) {
        state.sales.pipeline_selected = lead.id;
        if (ImGui::IsMouseDoubleClicked(0)) ctl.sales.open_delivery_dialog(lead.id);
    }
    anchor(state, "pipeline-card:" + std::to_string(lead.id));
    if (ImGui::BeginDragDropSource()) {
        ImGui::SetDragDropPayload(kDragType, &lead.id, sizeof lead.id);
        ImGui::Text("%s %s", lead.first_name.c_str(), lead.last_name.c_str());
        ImGui::EndDragDropSource();
    }
    if (ImGui::BeginPopupContextItem("move")) {
        ImGui::TextDisabled("Déplacer vers");
        for (auto stage : pipeline_stages())
            if (stage != lead.stage && ImGui::MenuItem(domain::stage_label_fr(stage)))
                ctl.sales.move_stage(lead.id, stage);
        ImGui::Separator();
        if (ImGui::MenuItem("Livrer à un agent…", "P")) ctl.sales.open_delivery_dialog(lead.id);
        ImGui::EndPopup();
    }
    // The card's face, drawn over the selectable.
    auto* dl = ImGui::GetWindowDrawList();
    const auto min = ImGui::GetItemRectMin();
    const auto max = ImGui::GetItemRectMax();
    dl->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border), 5);
    const float line = ImGui::GetTextLineHeight();
    const std::string name = lead.first_name + " " + lead.last_name;
    dl->PushClipRect(min, max, true);
    dl->AddText(ImVec2(min.x + 6, min.y + 3), ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
    dl->AddText(ImVec2(min.x + 6, min.y + 3 + line), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                (lead.city.empty() ? std::string("—") : lead.city).c_str());
    float x = min.x + 6;
    const float y = min.y + 5 + 2 * line;
    auto badge = [&](const char* text, ImU32 colour) {
        const auto size = ImGui::CalcTextSize(text);
        dl->AddRectFilled(ImVec2(x - 2, y - 1), ImVec2(x + size.x + 2, y + size.y), colour, 3);
        dl->AddText(ImVec2(x, y - 1), IM_COL32(255, 255, 255, 255), text);
        x += size.x + 8;
    };
    if (card.hot) badge("HOT", IM_COL32(220, 70, 50, 255));
    if (card.ready) badge("Prêt", IM_COL32(40, 150, 80, 255));
    const std::string ev = "VE " + domain::format_euros(card.expected_value_cents, false);
    dl->AddText(ImVec2(x, y - 1), ImGui::GetColorU32(ImGuiCol_Text), ev.c_str());
    dl->PopClipRect();
    if (card.hot) state.shown["pipeline-hot:" + std::to_string(lead.id)] = "1";
    ImGui::PopID();
}

}  // namespace

void draw_pipeline_view(ConsoleState& state, Controller& ctl, PipelineFiltersState& vs) {
    draw_filters(state, vs);
    const auto& columns = state.pipeline_columns();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const auto avail = ImGui::GetContentRegionAvail();
    const float width = (avail.x - spacing * 6) / 7;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const auto& col = columns[c];
        const std::string id = domain::to_string(col.stage);
        if (c > 0) ImGui::SameLine();
        ImGui::BeginChild(("col-" + id).c_str(), ImVec2(width, avail.y), true);
        ImGui::TextUnformatted(domain::stage_label_fr(col.stage));
        ImGui::TextDisabled("%zu · %s", col.cards.size(), domain::format_euros(col.total_ev_cents, false).c_str());
        state.shown["pipeline-total:" + id] =
            std::to_string(col.cards.size()) + "|" + std::to_string(col.total_ev_cents);
        ImGui::Separator();
        const float card_width = ImGui::GetContentRegionAvail().x;
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(col.cards.size()), kCardHeight + ImGui::GetStyle().ItemSpacing.y);
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
                draw_card(state, ctl, col.cards[static_cast<std::size_t>(i)], card_width);
        ImGui::EndChild();
        anchor(state, "pipeline-column:" + id);
        // The whole column takes a dropped card.
        if (ImGui::BeginDragDropTarget()) {
            if (const auto* payload = ImGui::AcceptDragDropPayload(kDragType)) {
                std::int64_t lead_id = 0;
                std::memcpy(&lead_id, payload->Data, sizeof lead_id);
                ctl.sales.move_stage(lead_id, col.stage);
            }
            ImGui::EndDragDropTarget();
        }
    }
}

}  // namespace crm::console
