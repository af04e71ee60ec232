// The Dashboard tab: today's figures, the funnel and the call-window heatmap drawn with draw
// lists, ROI by source, and the agents table (sortable); the Doublons and Import CSV sections
// have their own files. Numbers come formatted from app/dashboard_model (French style).
#include <imgui.h>

#include <algorithm>
#include <string>

#include "crm/domain/pricing.hpp"
#include "views/views.hpp"

namespace crm::console {

namespace {

const ImVec4 kInfo(0.55f, 0.75f, 1, 1);
const ImVec4 kError(1, 0.5f, 0.4f, 1);
const ImVec4 kGood(0.35f, 0.85f, 0.5f, 1);

// The larger font main.cpp loads for figures (the default one when it is missing).
ImFont* figure_font() {
    auto& fonts = ImGui::GetIO().Fonts->Fonts;
    return fonts.Size > 1 ? fonts[1] : ImGui::GetFont();
}

ImU32 to_u32(const Rgba& c) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a));
}

void section_title(const char* title) {
    ImGui::Spacing();
    ImGui::TextColored(kInfo, "%s", title);
}

// One "Aujourd'hui" tile: a small label over a large figure.
void today_tile(ConsoleState& state, const char* id, const char* label, const std::string& value,
                const std::string& detail = "") {
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", label);
    ImGui::PushFont(figure_font());
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopFont();
    anchor(state, std::string("dash-today:") + id);
    state.shown[std::string("dash-today:") + id] = value;
    if (!detail.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", detail.c_str());
    }
}

void draw_today(ConsoleState& state, const Dashboard& d) {
    section_title("Aujourd'hui");
    if (!ImGui::BeginTable("today", 5, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) return;
    const auto& t = d.today;
    today_tile(state, "callsPlaced", "Appels passés", std::to_string(t.calls_placed));
    today_tile(state, "connects", "Joints", std::to_string(t.connects), format_percent(t.connect_rate));
    today_tile(state, "booked", "RDV pris", std::to_string(t.booked));
    today_tile(state, "leadsDelivered", "Leads livrés", std::to_string(t.leads_delivered));
    today_tile(state, "collected", "Encaissé", domain::format_euros(t.collected_cents));
    ImGui::EndTable();
}

// Horizontal bars, longest = the largest step (steps are counted on their own and a later one
// can exceed an earlier one), with each step's conversion over the step before when it is a
// real step of it, else over the created leads (the server says which).
void draw_funnel(ConsoleState& state, const Dashboard& d) {
    section_title(
        ("Entonnoir, leads créés sur " + std::to_string(d.days) + " j · contactés = joints (réponse, RDV, pas vendeur)")
            .c_str());
    std::int64_t largest = 1;
    for (const auto& s : d.funnel) largest = std::max(largest, s.count);
    const float row_h = ImGui::GetTextLineHeight() + 14, label_w = 96, rate_w = 150;
    const float width = std::max(200.0f, ImGui::GetContentRegionAvail().x);
    const float bar_w = std::max(60.0f, width - label_w - rate_w);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    auto* draw = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), muted = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (std::size_t i = 0; i < d.funnel.size(); ++i) {
        const auto& s = d.funnel[i];
        const float y = origin.y + static_cast<float>(i) * row_h;
        const float text_y = y + (row_h - ImGui::GetTextLineHeight()) * 0.5f;
        draw->AddText(ImVec2(origin.x, text_y), text, s.label.c_str());
        const float fraction = static_cast<float>(s.count) / static_cast<float>(largest);
        const ImVec2 bar_min(origin.x + label_w, y + 3),
            bar_max(bar_min.x + std::max(2.0f, bar_w * fraction), y + row_h - 3);
        // Darker as the funnel narrows towards money.
        const float shade = 1.0f - 0.12f * static_cast<float>(i);
        draw->AddRectFilled(bar_min, bar_max,
                            ImGui::ColorConvertFloat4ToU32(ImVec4(0.30f * shade, 0.55f * shade, 0.95f * shade, 1)), 4);
        const std::string count = std::to_string(s.count);
        draw->AddText(ImVec2(bar_min.x + 6, text_y), IM_COL32_WHITE, count.c_str());
        const std::string rate = conversion_fr(s);
        draw->AddText(ImVec2(origin.x + label_w + bar_w + 8, text_y), muted, rate.c_str());
        state.shown["funnel:" + s.key] = rate.empty() ? count : count + " · " + rate;
    }
    ImGui::Dummy(ImVec2(width, row_h * static_cast<float>(d.funnel.size())));
    anchor(state, "dashboard-funnel");
}

// Weekdays down, hours across; colour = connect rate, the number = calls in that hour over the
// last 90 days; the legal calling hours are outlined as one region.
void draw_heatmap(ConsoleState& state, const Dashboard& d) {
    section_title(("Meilleurs créneaux — taux de joignabilité, " + std::to_string(d.heatmap_days) + " jours").c_str());
    const float label_w = 40, header_h = ImGui::GetTextLineHeight() + 2;
    const float width = std::max(300.0f, ImGui::GetContentRegionAvail().x);
    const float cell_w = std::max(14.0f, (width - label_w) / 24.0f), cell_h = ImGui::GetTextLineHeight() + 8;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 grid(origin.x + label_w, origin.y + header_h);
    auto* draw = ImGui::GetWindowDrawList();
    const ImU32 muted = ImGui::GetColorU32(ImGuiCol_TextDisabled), text = ImGui::GetColorU32(ImGuiCol_Text);
    for (int h = 0; h < 24; h += 2) {
        const std::string label = std::to_string(h);
        draw->AddText(ImVec2(grid.x + h * cell_w + 2, origin.y), muted, label.c_str());
    }
    for (int w = 0; w < 7; ++w) {
        const float y = grid.y + w * cell_h;
        draw->AddText(ImVec2(origin.x, y + 4), text, weekday_short_fr(w));
        for (int h = 0; h < 24; ++h) {
            const auto& c = d.cell(w, h);
            const ImVec2 min(grid.x + h * cell_w, y), max(min.x + cell_w - 1, y + cell_h - 1);
            const auto colour = heat_color(c);
            draw->AddRectFilled(min, max, to_u32(colour), 2);
            if (c.calls > 0) {
                const std::string n = std::to_string(c.calls);
                const ImVec2 size = ImGui::CalcTextSize(n.c_str());
                draw->AddText(ImVec2(min.x + (cell_w - 1 - size.x) * 0.5f, min.y + (cell_h - 1 - size.y) * 0.5f),
                              heat_text_dark(colour) ? IM_COL32(20, 24, 32, 255) : IM_COL32(235, 238, 245, 255),
                              n.c_str());
                state.shown["heat:" + std::to_string(w) + ":" + std::to_string(h)] = n;
            }
        }
    }
    // The legal region's border, drawn over the cells.
    const ImU32 outline = IM_COL32(255, 214, 90, 255);
    for (int w = 0; w < 7; ++w)
        for (int h = 0; h < 24; ++h) {
            const unsigned edges = legal_edges(d, w, h);
            if (!edges) continue;
            const float x0 = grid.x + h * cell_w - 0.5f, y0 = grid.y + w * cell_h - 0.5f;
            const float x1 = x0 + cell_w, y1 = y0 + cell_h;
            if (edges & edge_top) draw->AddLine(ImVec2(x0, y0), ImVec2(x1, y0), outline, 2);
            if (edges & edge_bottom) draw->AddLine(ImVec2(x0, y1), ImVec2(x1, y1), outline, 2);
            if (edges & edge_left) draw->AddLine(ImVec2(x0, y0), ImVec2(x0, y1), outline, 2);
            if (edges & edge_right) draw->AddLine(ImVec2(x1, y0), ImVec2(x1, y1), outline, 2);
        }
    ImGui::InvisibleButton("heatmap", ImVec2(label_w + 24 * cell_w, header_h + 7 * cell_h));
    anchor(state, "dashboard-heatmap");
    if (ImGui::IsItemHovered()) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        const int h = static_cast<int>((m.x - grid.x) / cell_w), w = static_cast<int>((m.y - grid.y) / cell_h);
        if (m.x >= grid.x && m.y >= grid.y && h >= 0 && h < 24 && w >= 0 && w < 7) {
            const auto& c = d.cell(w, h);
            ImGui::SetTooltip("%s %d h–%d h : %lld appel(s), %lld joint(s), %s%s", weekday_short_fr(w), h, h + 1,
                              static_cast<long long>(c.calls), static_cast<long long>(c.connects),
                              format_percent(c.connect_rate).c_str(), c.legal ? " · plage légale" : "");
        }
    }
    // Legend: the colour ramp and what the outline means.
    const ImVec2 legend = ImGui::GetCursorScreenPos();
    const int steps = 10;
    for (int i = 0; i < steps; ++i) {
        HeatCell sample;
        sample.calls = 1;
        sample.connect_rate = static_cast<double>(i) / (steps - 1);
        draw->AddRectFilled(ImVec2(legend.x + 40 + i * 12, legend.y + 3), ImVec2(legend.x + 52 + i * 12, legend.y + 15),
                            to_u32(heat_color(sample)));
    }
    draw->AddText(ImVec2(legend.x, legend.y), muted, "0\u00a0%");
    draw->AddText(ImVec2(legend.x + 46 + steps * 12, legend.y), muted, "100\u00a0% joints");
    ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight() + 4));
    ImGui::SameLine(260);
    ImGui::TextColored(ImVec4(1, 0.84f, 0.35f, 1), "encadré : heures légales de démarchage");

    const auto best = best_windows(d);
    std::string line;
    for (const auto& c : best)
        line += (line.empty() ? "" : " · ") + std::string(weekday_short_fr(c.weekday)) + " " + std::to_string(c.hour) +
                " h (" + format_percent(c.connect_rate) + ", " + std::to_string(c.calls) + " appels)";
    if (line.empty()) line = "pas encore assez d'appels pour conclure (3 par créneau au moins)";
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Meilleurs créneaux : %s", line.c_str());
    ImGui::PopStyleColor();
    state.shown["best-windows"] = line;
}

void draw_roi(ConsoleState& state, const Dashboard& d) {
    section_title("ROI par source");
    if (d.roi_by_source.empty()) {
        ImGui::TextDisabled("Aucun lead ni coût sur la période.");
        return;
    }
    if (!ImGui::BeginTable("roi", 5,
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("Leads", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("Coût", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Revenu", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("ROI", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableHeadersRow();
    for (const auto& r : d.roi_by_source) {
        ImGui::PushID(r.source.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.source.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(r.leads));
        ImGui::TableNextColumn();
        const auto cost = domain::format_euros(r.cost_cents);
        ImGui::TextUnformatted(cost.c_str());
        ImGui::TableNextColumn();
        const auto revenue = domain::format_euros(r.revenue_cents);
        ImGui::TextUnformatted(revenue.c_str());
        if (r.refunded_cents > 0 && ImGui::IsItemHovered())
            ImGui::SetTooltip("payé %s, remboursé %s", domain::format_euros(r.paid_cents).c_str(),
                              domain::format_euros(r.refunded_cents).c_str());
        ImGui::TableNextColumn();
        const auto roi = format_percent(r.roi);
        if (!r.roi)
            ImGui::TextDisabled("%s", roi.c_str());
        else
            ImGui::TextColored(*r.roi >= 0 ? kGood : kError, "%s", roi.c_str());
        state.shown["roi:" + r.source] = cost + " | " + revenue + " | " + roi;
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void draw_agents(ConsoleState& state, const DashboardModel& model, AgentsTableState& vs) {
    const auto& d = *model.data();
    section_title("Agents");
    if (d.agents.empty()) {
        ImGui::TextDisabled("Aucun agent.");
        return;
    }
    struct Col {
        const char* label;
        const char* id;
        AgentColumn column;
        ImGuiTableColumnFlags flags;
        float weight;
    };
    const Col cols[] = {
        {"Agent", "name", AgentColumn::name, 0, 1.5f},
        {"Livrés", "deliveries", AgentColumn::deliveries, ImGuiTableColumnFlags_PreferSortDescending, 0.8f},
        {"Acceptés", "acceptance", AgentColumn::acceptance, ImGuiTableColumnFlags_PreferSortDescending, 1},
        {"1er appel", "first_call", AgentColumn::first_call, 0, 1},
        {"Remb.", "refund", AgentColumn::refund, 0, 0.8f},
        {"LTV", "ltv", AgentColumn::ltv, ImGuiTableColumnFlags_PreferSortDescending, 1.1f},
        {"€ ce mois", "month", AgentColumn::month,
         ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending, 1.1f},
    };
    if (!ImGui::BeginTable("agents", 7,
                           ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                               ImGuiTableFlags_SizingStretchProp))
        return;
    for (const auto& c : cols)
        ImGui::TableSetupColumn(c.label, c.flags | ImGuiTableColumnFlags_WidthStretch, c.weight,
                                static_cast<ImGuiID>(c.column));
    // Headers one by one, so each can be named for the tests (a click sorts by that column).
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int i = 0; i < 7; ++i) {
        ImGui::TableSetColumnIndex(i);
        ImGui::TableHeader(cols[i].label);
        anchor(state, std::string("agents-sort:") + cols[i].id);
    }
    // The order is a cached index list, rebuilt when the sort or the figures change.
    if (auto* specs = ImGui::TableGetSortSpecs();
        specs && (specs->SpecsDirty || vs.sorted_version != model.version())) {
        auto column = AgentColumn::month;
        bool descending = true;
        if (specs->SpecsCount > 0) {
            column = static_cast<AgentColumn>(specs->Specs[0].ColumnUserID);
            descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        }
        vs.order = agent_order(d.agents, column, descending);
        specs->SpecsDirty = false;
        vs.sorted_version = model.version();
    }
    std::string shown_order;
    for (const auto i : vs.order) {
        if (i >= d.agents.size()) continue;
        const auto& a = d.agents[i];
        ImGui::PushID(static_cast<int>(a.id));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(a.name.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(a.deliveries));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_percent(a.acceptance_rate).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_duration(a.median_first_call_seconds).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_percent(a.refund_rate).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(domain::format_euros(a.ltv_cents).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(domain::format_euros(a.month_cents).c_str());
        ImGui::PopID();
        shown_order += (shown_order.empty() ? "" : ",") + std::to_string(a.id);
    }
    state.shown["agents-order"] = shown_order;
    ImGui::EndTable();
    ImGui::TextDisabled("Depuis toujours, sauf « € ce mois ». 1er appel : médiane du délai envoi → premier appel.");
}

void draw_figures(ConsoleState& state, Controller& ctl, AgentsTableState& agents) {
    const auto& model = state.dashboard;
    for (const int days : {7, 30}) {
        if (days == 30) ImGui::SameLine();
        if (ImGui::RadioButton(days == 7 ? "7 jours" : "30 jours", model.days() == days)) ctl.dashboard.set_days(days);
        anchor(state, "dashboard-days:" + std::to_string(days));
    }
    ImGui::SameLine();
    ImGui::TextDisabled("(V)");
    ImGui::SameLine(0, 24);
    if (model.loading()) {
        ImGui::TextColored(kInfo, "%s", model.loaded() ? "Mise à jour…" : "Chargement du tableau de bord…");
    } else if (const auto* d = model.data()) {
        const auto at = domain::parse_iso_utc(d->generated_at);
        ImGui::TextDisabled("calculé le %s", at ? domain::format_paris(*at).c_str() : d->generated_at.c_str());
    }
    if (!model.error().empty()) {
        ImGui::SameLine();
        ImGui::TextColored(kError, "%s", model.error().c_str());
    }
    state.shown["dashboard-error"] = model.error();
    const auto* d = model.data();
    if (!d) return;  // loading or failed: the line above says which
    ImGui::BeginChild("dashboard-figures", ImVec2(0, 0), false);
    draw_today(state, *d);
    if (ImGui::BeginTable("dashboard-layout", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("left", ImGuiTableColumnFlags_WidthStretch, 0.42f);
        ImGui::TableSetupColumn("right", ImGuiTableColumnFlags_WidthStretch, 0.58f);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        draw_funnel(state, *d);
        draw_roi(state, *d);
        ImGui::TableNextColumn();
        draw_heatmap(state, *d);
        draw_agents(state, model, agents);
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

}  // namespace

void draw_dashboard_view(ConsoleState& state, Controller& ctl, DashboardViewState& vs) {
    if (ImGui::Button("Actualiser (R)")) ctl.dispatch({ActionKind::refresh});
    anchor(state, "dashboard-refresh");
    ImGui::SameLine();
    ImGui::TextDisabled("D doublons · O importer un CSV · V 7/30 jours");
    if (!ImGui::BeginTabBar("dashboard-sections")) return;
    const std::string duplicates_label =
        "Doublons (" + std::to_string(state.hygiene.total_groups()) + ")###dashboard-duplicates";
    struct Section {
        const char* label;
        const char* id;
        DashboardSection section;
    };
    const Section sections[] = {{"Indicateurs", "figures", DashboardSection::figures},
                                {duplicates_label.c_str(), "duplicates", DashboardSection::duplicates},
                                {"Import CSV", "import", DashboardSection::import_csv}};
    const auto wanted = state.dashboard_section;
    for (const auto& s : sections) {
        // A key (D, O) selects a section: keep asking until the tab bar has switched.
        const bool asked = state.section_requested && s.section == wanted;
        const bool open = ImGui::BeginTabItem(s.label, nullptr, asked ? ImGuiTabItemFlags_SetSelected : 0);
        anchor(state, std::string("dashboard:") + s.id);
        if (!open) continue;
        if (!state.section_requested || asked) {
            state.dashboard_section = s.section;
            state.section_requested = false;
        }
        if (s.section == DashboardSection::figures)
            draw_figures(state, ctl, vs.agents);
        else if (s.section == DashboardSection::duplicates)
            draw_duplicates_view(state, ctl, vs.duplicates);
        else
            draw_import_view(state, ctl);
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
}

}  // namespace crm::console
