#include <imgui.h>

#include <algorithm>

#include "crm/domain/pricing.hpp"
#include "views/views.hpp"

namespace crm::console {

void apply_theme(bool dark) {
    if (dark)
        ImGui::StyleColorsDark();
    else
        ImGui::StyleColorsLight();
    auto& s = ImGui::GetStyle();
    s.WindowRounding = 0;
    s.FrameRounding = 5;
    s.GrabRounding = 5;
    s.TabRounding = 5;
    s.FramePadding = ImVec2(10, 6);
    s.ItemSpacing = ImVec2(8, 6);
    s.CellPadding = ImVec2(6, 4);
    if (dark) s.Colors[ImGuiCol_WindowBg] = ImVec4(0.08f, 0.09f, 0.12f, 1.0f);
}

void anchor(ConsoleState& state, const std::string& name) {
    const auto min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    state.anchors[name] = {min.x, min.y, max.x - min.x, max.y - min.y};
}

void draw_placeholder_tab(const char* what) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", what);
    ImGui::TextDisabled("Cet onglet arrive avec les prochaines versions de la console.");
}

void draw_shell(ConsoleState& state, Controller& ctl, ViewStates& views, float width, float height) {
    auto& vs = views.shell;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(width, height - 30));
    ImGui::Begin("Console", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoSavedSettings);
    const bool express = width < 720;
    state.anchors.clear();
    state.shown.clear();
    if (!state.error.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", state.error.c_str());
    if (express) {
        draw_express_view(state, ctl, views);
    } else if (ImGui::BeginTabBar("tabs")) {
        struct TabDef {
            const char* label;
            Tab tab;
        };
        const TabDef tabs[] = {{"File d'appels", Tab::queue},
                               {"Pipeline", Tab::pipeline},
                               {"Livraisons", Tab::deliveries},
                               {"Automatisations", Tab::automations},
                               {"Tableau de bord", Tab::dashboard}};
        const std::string tab_ids[] = {"queue", "pipeline", "deliveries", "automations", "dashboard"};
        const Tab wanted = state.tab;
        for (const auto& t : tabs) {
            // A key (Shift+1..5) selects a tab: keep asking until the tab bar has switched.
            const bool asked = state.tab_requested && t.tab == wanted;
            const bool open = ImGui::BeginTabItem(t.label, nullptr, asked ? ImGuiTabItemFlags_SetSelected : 0);
            anchor(state, "tab:" + tab_ids[static_cast<int>(t.tab)]);
            if (open) {
                if (!state.tab_requested || asked) {
                    state.tab = t.tab;
                    state.tab_requested = false;
                }
                if (t.tab == Tab::queue)
                    draw_queue_view(state, ctl, views.queue);
                else if (t.tab == Tab::pipeline)
                    draw_pipeline_view(state, ctl, views.pipeline);
                else if (t.tab == Tab::deliveries)
                    draw_deliveries_view(state, ctl, views.deliveries);
                else if (t.tab == Tab::automations)
                    draw_automations_view(state, ctl, views.automations);
                else
                    draw_dashboard_view(state, ctl, views.dashboard);
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    if (state.tab != vs.last_tab && state.tab == Tab::automations) ctl.automations.load();
    if (state.tab != vs.last_tab && state.tab == Tab::deliveries) {
        ctl.sales.load_deliveries();
        ctl.sales.load_agents();
    }
    if (state.tab != vs.last_tab && state.tab == Tab::dashboard) {  // fresh figures each time the tab opens
        ctl.dashboard.load();
        ctl.dashboard.load_duplicates();
    }
    vs.last_tab = state.tab;
    draw_dialogs(state, ctl, views.dialogs, views.booking);
    draw_delivery_dialog(state, ctl, views.delivery_dialog);
    draw_settings_dialog(state, ctl, views.settings);
    draw_lead_form_dialog(state, ctl, views.lead_form);
    ImGui::End();
    draw_status_bar(state, ctl, width);
    if (state.show_help) draw_help_overlay(state);
}

void draw_status_bar(ConsoleState& state, Controller& ctl, float width) {
    const auto& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y - 30));
    ImGui::SetNextWindowSize(ImVec2(width, 30));
    ImGui::Begin("status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextUnformatted(state.user_name.empty() ? "…" : state.user_name.c_str());
    ImGui::SameLine();
    // Offline / syncing / N pending, and when the device last heard from the server.
    const auto& sync = state.sync;
    std::string link = sync.syncing ? "synchronisation…" : state.online ? "en ligne" : "hors ligne";
    // A first sync: how far along, by tenths. A figure that moved with every page would redraw
    // the screen every page (software rendering: a sync of 100,000 leads took 3 s longer).
    if (sync.syncing && sync.leads_received > 0 && sync.lead_total > 0) {
        const auto tenths =
            std::min<std::int64_t>(10, static_cast<std::int64_t>(sync.leads_received) * 10 / sync.lead_total);
        link += " " + std::to_string(tenths * 10) + " % de " + domain::format_thousands(sync.lead_total) + " leads";
    }
    ImGui::TextColored(state.online ? ImVec4(0.3f, 0.85f, 0.45f, 1) : ImVec4(1, 0.5f, 0.3f, 1), "● %s", link.c_str());
    if (sync.pending > 0) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.2f, 1), "· %zu en attente", sync.pending);
    }
    ImGui::SameLine();
    ImGui::Text("· synchro %s",
                sync.last_sync ? domain::format_paris(sync.last_sync, "%d/%m %H:%M").c_str() : "jamais");
    if (!sync.changes.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.2f, 1), "· %zu écart%s", sync.changes.size(),
                           sync.changes.size() > 1 ? "s" : "");
        if (ImGui::IsItemHovered()) {  // what the server decided differently from the device
            ImGui::BeginTooltip();
            for (const auto& c : sync.changes) ImGui::TextUnformatted(c.c_str());
            ImGui::EndTooltip();
        }
    }
    if (const auto n = state.automations.notifications().size(); n > 0) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.2f, 1), "· %zu notification%s", n, n > 1 ? "s" : "");
    }
    ImGui::SameLine();
    ImGui::Text("· %s · %s", domain::format_paris(state.now(), "%d/%m %H:%M").c_str(), state.window().reason.c_str());
    const auto& style = ImGui::GetStyle();
    const float buttons = width >= 720
                              ? ImGui::CalcTextSize("Réglages (,)").x + ImGui::CalcTextSize("Thème sombre").x +
                                    ImGui::CalcTextSize("? aide").x + 6 * style.FramePadding.x + 3 * style.ItemSpacing.x
                              : 0;
    // Said plainly: with no provider configured, nothing leaves the machine. As long as the bar
    // has room, else shorter; the tooltip says what to set.
    const auto outbox = outbox_warning(state.integrations);
    state.shown["outbox-warning"] = outbox;
    if (!outbox.empty()) {
        ImGui::SameLine();
        const float room = width - buttons - style.WindowPadding.x - ImGui::GetCursorPosX() - style.ItemSpacing.x;
        const std::string text = "· " + outbox;
        const char* shown = ImGui::CalcTextSize(text.c_str()).x <= room ? text.c_str() : "· boîte d'envoi locale";
        ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.2f, 1), "%s", shown);
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::TextUnformatted(outbox.c_str());
            ImGui::TextUnformatted("Pour envoyer vraiment, réglez sur le serveur puis redémarrez-le :");
            ImGui::TextUnformatted(provider_setup_hint(state.integrations).c_str());
            ImGui::EndTooltip();
        }
    }
    if (width >= 720) {  // on a phone the bar is full; "?" still opens the help
        ImGui::SameLine(width - buttons - style.WindowPadding.x);
        if (ImGui::SmallButton("Réglages (,)")) ctl.settings.open_dialog = true;
        ImGui::SameLine();
        if (ImGui::SmallButton(state.dark_theme ? "Thème clair" : "Thème sombre")) state.dark_theme = !state.dark_theme;
        ImGui::SameLine();
        if (ImGui::SmallButton("? aide")) state.show_help = !state.show_help;
    }
    ImGui::End();
}

void draw_help_overlay(ConsoleState& state) {
    const auto& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::Begin("Raccourcis clavier", &state.show_help,
                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    if (ImGui::BeginTable("keys", 2)) {
        for (const auto& h : shortcut_help()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(ImVec4(0.55f, 0.65f, 1, 1), "%s", h.keys.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(h.what.c_str());
            state.shown["help:" + h.keys] = h.what;
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("Aucun raccourci pendant la saisie d'un texte.");
    ImGui::End();
}

}  // namespace crm::console
