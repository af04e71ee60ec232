#include "app/controller.hpp"

#include <emscripten.h>

namespace crm::console {

Controller::Controller(ConsoleState& state, ApiClient& api)
    : accounts(state.accounts, api),
      messages(state.integrations, api),
      settings(state, api),
      dashboard(state, api, {[this](std::int64_t lead_id) { sync.forget_lead(lead_id); }, [this] { sync.sync_now(); }}),
      sync(state, api, settings, {[this] { queue.on_selection_changed(); }, [this] { queue.reload_lead_card(); }}),
      queue(state, api, sync, messages, dashboard),
      follow_ups(state, sync, queue),
      automations(state.automations, messages, api,
                  {[this] { sync.refresh_offline_rules(); },
                   [this](const std::string& name, const std::string& body) { queue.set_template_body(name, body); },
                   [this] { sales.load_agents(); }}),
      sales(state, api, sync, automations),
      lead_form(state, api, queue, dashboard),
      state_(state),
      api_(api) {}

void Controller::load() {
    api_.get("/api/me", [this](const ApiResult& r) {
        auto j = r.json();
        if (r.ok() && j.is_object()) state_.user_name = j.value("displayName", std::string());
        state_.online = r.status != 0;
    });
    settings.load();
    queue.load_templates();
    automations.load_notifications();
    messages.load_integrations();  // the status bar says when nothing really leaves
    // Outcomes recorded offline follow the same rules as on the server: keep them on the device.
    sync.refresh_offline_rules();
    // The queue comes from the device's copy at once, then from the server.
    sync.load_device_copy();
}

void Controller::dispatch(const Action& a) {
    // Queue keys act on the queue's lead: outside the queue they would change a lead the
    // operator cannot see. Tabs, help, settings, the Dashboard's keys and P on the board's
    // selected card work everywhere.
    const bool anywhere = a.kind == ActionKind::tab || a.kind == ActionKind::help || a.kind == ActionKind::settings ||
                          a.kind == ActionKind::refresh || a.kind == ActionKind::toggle_days ||
                          a.kind == ActionKind::duplicates || a.kind == ActionKind::import_csv ||
                          (a.kind == ActionKind::deliver && state_.tab == Tab::pipeline);
    if (state_.tab != Tab::queue && !anywhere) return;
    switch (a.kind) {
        case ActionKind::next:
            state_.select_next();
            break;
        case ActionKind::prev:
            state_.select_prev();
            break;
        case ActionKind::search:
            state_.focus_search = true;
            break;
        case ActionKind::help:
            state_.show_help = !state_.show_help;
            break;
        case ActionKind::outcome:
            queue.record_outcome(a.outcome_key);
            break;
        case ActionKind::call:
            queue.start_call();
            break;
        case ActionKind::consent:
            queue.record_consent();
            break;
        case ActionKind::settings:
            settings.open_dialog = true;
            break;
        case ActionKind::new_lead:
            lead_form.open(false);
            break;
        case ActionKind::edit_lead:
            lead_form.open(true);
            break;
        case ActionKind::sms:
            queue.open_sms_dialog();
            break;
        case ActionKind::whatsapp:
            queue.open_whatsapp();
            break;
        case ActionKind::book:
            if (state_.current_lead()) queue.open_booking = true;
            break;
        case ActionKind::ics:
            queue.download_ics();
            break;
        case ActionKind::follow_up:
            if (state_.current_lead()) follow_ups.open_dialog = true;
            break;
        case ActionKind::follow_ups:
            state_.show_follow_ups = !state_.show_follow_ups;
            break;
        case ActionKind::tab:
            state_.tab = static_cast<Tab>(a.outcome_key - 1);
            state_.tab_requested = true;
            break;
        case ActionKind::deliver:  // the queue's lead, or the card selected on the board
            sales.open_delivery_dialog(state_.tab == Tab::pipeline ? state_.sales.pipeline_selected : 0);
            break;
        case ActionKind::refresh:
            if (state_.tab == Tab::dashboard) {
                dashboard.load();
                dashboard.load_duplicates();
            } else if (state_.tab == Tab::automations) {
                automations.load();
            }
            break;
        case ActionKind::toggle_days:
            if (state_.tab == Tab::dashboard) dashboard.set_days(state_.dashboard.days() == 7 ? 30 : 7);
            break;
        case ActionKind::duplicates:
            dashboard.show_section(DashboardSection::duplicates);
            break;
        case ActionKind::import_csv:
            dashboard.show_section(DashboardSection::import_csv);
            dashboard.csv_file_requested = !state_.hygiene.importing;  // one import at a time
            break;
    }
    queue.on_selection_changed();
}

void Controller::each_frame() {
    const double now_ms = emscripten_get_now();
    sales.poll_payment_links(now_ms);
    // Whatever moved the selection (a search, a sync bringing a new top lead, a click), the card
    // shows that lead's history.
    queue.on_selection_changed();
    sync.each_frame(now_ms);
}

}  // namespace crm::console
