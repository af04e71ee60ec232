#pragma once
// The console's views: one function per view, each reading the state and calling the
// controller. None performs HTTP or keeps data beyond UI state (text being typed, dialogs).
#include "app/controller.hpp"

namespace crm::console {

void draw_shell(ConsoleState& state, Controller& ctl, float width, float height);
void draw_queue_view(ConsoleState& state, Controller& ctl);
void draw_automations_view(ConsoleState& state, Controller& ctl);
void draw_pipeline_view(ConsoleState& state, Controller& ctl);
void draw_deliveries_view(ConsoleState& state, Controller& ctl);
void draw_delivery_dialog(ConsoleState& state, Controller& ctl);  // P
void draw_settings_dialog(ConsoleState& state, Controller& ctl);
void draw_password_section(ConsoleState& state, Controller& ctl);  // settings → Mot de passe
void draw_accounts_section(ConsoleState& state, Controller& ctl);  // settings → Comptes
void forget_accounts_list();                                       // the settings page was closed
void draw_lead_form_dialog(ConsoleState& state, Controller& ctl);  // N, E  // ,
void draw_dashboard_view(ConsoleState& state, Controller& ctl);
void draw_duplicates_view(ConsoleState& state, Controller& ctl);  // Dashboard → Doublons
void draw_import_view(ConsoleState& state, Controller& ctl);      // Dashboard → Import CSV
void draw_express_view(ConsoleState& state, Controller& ctl);
void draw_follow_ups_list(ConsoleState& state, Controller& ctl, bool compact);  // "À rappeler" (F)
// The Express layout's other tabs in a phone form (read-only lists).
void draw_phone_pipeline(ConsoleState& state);
void draw_phone_deliveries(ConsoleState& state);
void draw_phone_automations(ConsoleState& state);
void draw_phone_dashboard(ConsoleState& state);
// Outcome 6's slot (date, time, length, place) for `lead_id`; true once booked.
bool draw_booking_form(ConsoleState& state, Controller& ctl, std::int64_t lead_id, bool compact);
void draw_lead_card(ConsoleState& state, Controller& ctl, bool compact);
void draw_dialogs(ConsoleState& state, Controller& ctl);
void draw_status_bar(ConsoleState& state, Controller& ctl, float width);
void draw_help_overlay(ConsoleState& state);
void draw_placeholder_tab(const char* what);
void apply_theme(bool dark);
// Records the last item's rectangle under `name` (ConsoleState::anchors, for the test hook).
void anchor(ConsoleState& state, const std::string& name);

// What one view keeps between frames (text being typed, a selection, a dialog's choices): one
// struct per view, declared beside it, so the view's state is named and in one place.
template <typename State>
State& view_state() {
    static State state;
    return state;
}

}  // namespace crm::console
