#pragma once
// The console's controllers, one per tab or dialog, each turning the operator's actions (keys,
// buttons) into state changes and API requests, and API answers back into its model; none
// draws. Views reach them through this composition's members. Controller itself keeps only
// what is shared: the start (load), the keyboard's routing to the right controller
// (dispatch) and the per-frame work; it owns the per-tab controllers and wires them to what
// they share (the device's copy, the lead card, the queue's templates, the agents).
#include "api/api_client.hpp"
#include "app/accounts_controller.hpp"
#include "app/automations_controller.hpp"
#include "app/console_state.hpp"
#include "app/dashboard_controller.hpp"
#include "app/follow_ups_controller.hpp"
#include "app/lead_form_controller.hpp"
#include "app/messages_controller.hpp"
#include "app/queue_controller.hpp"
#include "app/sales_controller.hpp"
#include "app/settings_controller.hpp"
#include "app/shortcuts.hpp"
#include "app/sync_controller.hpp"

namespace crm::console {

class Controller {
public:
    Controller(ConsoleState& state, ApiClient& api);

    // The settings page's accounts and the operator's own password.
    AccountsController accounts;
    // Providers, the local outbox and WhatsApp confirmations.
    MessagesController messages;
    // The settings dialog (,): calling windows, caps, the consent script.
    SettingsController settings;
    // The Dashboard tab: figures, duplicates and their merge, CSV import.
    DashboardController dashboard;
    // Offline: the device's copy, the outbox and GET /api/sync; every change to a lead goes
    // through its submit().
    SyncController sync;
    // The queue's lead: the call, outcomes and booking, consent, notes, SMS, WhatsApp, .ics,
    // and the lead card's history.
    QueueController queue;
    // The "À rappeler" list (F) and planned follow-ups (T).
    FollowUpsController follow_ups;
    // The Automations tab: rules, jobs, templates, notifications.
    AutomationsController automations;
    // Pipeline, Deliveries and the delivery dialog (P), with the agents.
    SalesController sales;
    // The lead form (N new, E edit).
    LeadFormController lead_form;

    void load();                     // the device's copy first, then user, settings, templates, sync
    void dispatch(const Action& a);  // a shortcut or a button, to the controller it concerns
    void each_frame();               // payment links, the lead card, the outbox and the device's copy

private:
    ConsoleState& state_;
    ApiClient& api_;
};

}  // namespace crm::console
