#pragma once
// The console's views: one function per view, each reading the state and calling the
// controllers. None performs HTTP or keeps data beyond UI state (text being typed, dialogs),
// and that UI state is the part of ViewStates (views/view_states.hpp) each is handed.
#include "app/controller.hpp"
#include "views/view_states.hpp"

namespace crm::console {

// The whole console; `views` is what every view keeps between frames, handed on part by part.
void draw_shell(ConsoleState& state, Controller& ctl, ViewStates& views, float width, float height);
void draw_queue_view(ConsoleState& state, Controller& ctl, QueueViewState& vs);
void draw_automations_view(ConsoleState& state, Controller& ctl, AutomationsViewState& vs);
void draw_pipeline_view(ConsoleState& state, Controller& ctl, PipelineFiltersState& vs);
void draw_deliveries_view(ConsoleState& state, Controller& ctl, DeliveriesViewState& vs);
void draw_delivery_dialog(ConsoleState& state, Controller& ctl, DeliveryDialogState& vs);  // P
void draw_settings_dialog(ConsoleState& state, Controller& ctl, SettingsDialogState& vs);
void draw_password_section(ConsoleState& state, Controller& ctl, AccountsViewState& vs);  // settings → Mot de passe
void draw_accounts_section(ConsoleState& state, Controller& ctl, AccountsViewState& vs);  // settings → Comptes
void forget_accounts_list(AccountsViewState& vs);  // the settings page was opened again
void draw_lead_form_dialog(ConsoleState& state, Controller& ctl, LeadFormDialogState& vs);  // N, E
void draw_dashboard_view(ConsoleState& state, Controller& ctl, DashboardViewState& vs);
void draw_duplicates_view(ConsoleState& state, Controller& ctl, DuplicatesViewState& vs);  // Dashboard → Doublons
void draw_import_view(ConsoleState& state, Controller& ctl);                               // Dashboard → Import CSV
void draw_express_view(ConsoleState& state, Controller& ctl, ViewStates& views);
void draw_follow_ups_list(ConsoleState& state, Controller& ctl, bool compact);  // "À rappeler" (F)
// The Express layout's other tabs in a phone form (read-only lists).
void draw_phone_pipeline(ConsoleState& state, PhonePipelineState& vs);
void draw_phone_deliveries(ConsoleState& state);
void draw_phone_automations(ConsoleState& state);
void draw_phone_dashboard(ConsoleState& state);
// Outcome 6's slot (date, time, length, place) for `lead_id`; true once booked.
bool draw_booking_form(ConsoleState& state, Controller& ctl, BookingFormState& vs, std::int64_t lead_id, bool compact);
void draw_lead_card(ConsoleState& state, Controller& ctl, bool compact);
void draw_dialogs(ConsoleState& state, Controller& ctl, DialogsState& vs, BookingFormState& booking);
void draw_status_bar(ConsoleState& state, Controller& ctl, float width);
void draw_help_overlay(ConsoleState& state);
void draw_placeholder_tab(const char* what);
void apply_theme(bool dark);
// Records the last item's rectangle under `name` (ConsoleState::anchors, for the test hook).
void anchor(ConsoleState& state, const std::string& name);

}  // namespace crm::console
