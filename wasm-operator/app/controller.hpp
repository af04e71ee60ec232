#pragma once
// Turns the operator's actions (keys, buttons) into state changes and API requests, and API
// answers back into state. Views call it; it never draws. Tabs with a controller of their own
// (accounts, messages, automations, dashboard) are reached through its members; it owns them
// and wires them to what they share (the device's copy, the queue's templates, the agents).
#include <functional>
#include <string>
#include <vector>

#include "api/api_client.hpp"
#include "app/accounts_controller.hpp"
#include "app/automations_controller.hpp"
#include "app/console_state.hpp"
#include "app/dashboard_controller.hpp"
#include "app/lead_form.hpp"
#include "app/messages_controller.hpp"
#include "app/offline_store.hpp"
#include "app/outbox.hpp"
#include "app/shortcuts.hpp"
#include "crm/domain/follow_ups.hpp"

namespace crm::console {

struct TemplateInfo {
    std::string name, channel, body;
};

struct TimelineEntry {
    std::string type, at, text;
    std::int64_t message_id = 0;  // a WhatsApp message prepared and not yet confirmed: its id
};

struct Appointment {
    std::int64_t id = 0;
    domain::UnixTime start = 0, end = 0;
    std::string location, uid;
};

class Controller {
public:
    Controller(ConsoleState& state, ApiClient& api);

    // The settings page's accounts and the operator's own password.
    AccountsController accounts;
    // Providers, the local outbox and WhatsApp confirmations.
    MessagesController messages;
    // The Automations tab: rules, jobs, templates, notifications.
    AutomationsController automations;
    // The Dashboard tab: figures, duplicates and their merge, CSV import.
    DashboardController dashboard;

    void load();                     // the device's copy first, then user, settings, templates, sync
    void dispatch(const Action& a);  // a shortcut or a button
    void record_outcome(int key);
    // Outcome 6 with its slot, for the queue's lead or (after a call on the Express layout) `lead_id`.
    void book(domain::UnixTime start, domain::UnixTime end, const std::string& location, std::int64_t lead_id = 0);
    void add_note(const std::string& text);
    void add_follow_up(int days);  // T: J+N for the queue's lead

    // The "À rappeler" list — app/follow_ups_controller.cpp.
    void mark_follow_up_done(std::int64_t task_id);
    void snooze_follow_up(std::int64_t task_id, domain::SnoozeChoice choice);
    void add_follow_up_at(std::int64_t lead_id, domain::UnixTime due, const std::string& note);
    void send_sms(const std::string& template_name);
    void open_whatsapp();
    void confirm_whatsapp(std::int64_t message_id);  // a prepared wa.me message went: the card reloads
    void download_ics();
    void download_lead_ics(std::int64_t lead_id);
    void on_selection_changed();  // loads the current lead's history
    void start_call();            // asks the server (window, caps), then dials and starts the timer
    void record_consent();        // A: consent given on the phone, recorded word for word
    void save_settings(const domain::Settings& s);
    std::string settings_message;

    // The agents, for the delivery dialog, the Deliveries tab and the notifications' reassign.
    void load_agents();
    struct AgentInfo {
        std::int64_t id = 0;
        std::string name;
    };
    const std::vector<AgentInfo>& agents() const { return agents_; }

    // Pipeline, Deliveries and the delivery dialog (P) — app/sales_controller.cpp.
    // Refund and reassign also answer a notification (0: none) of the Automations tab.
    void refund_delivery(std::int64_t delivery_id, const std::string& reason, std::int64_t notification_id);
    void reassign_delivery(std::int64_t delivery_id, std::int64_t agent_id, std::int64_t notification_id);
    void move_stage(std::int64_t lead_id, domain::Stage stage);  // a card dropped on a column
    void load_deliveries();
    void open_delivery_dialog(std::int64_t lead_id = 0);  // P: the routing plan (0 = the queue's current lead)
    struct DeliveryChoice {
        std::int64_t lead_id = 0, agent_id = 0;
        std::string channel = "link", payment = "credits";
        bool exclusive = false, allow_not_ready = false;
        bool full_contact = false;  // "agent de confiance": the contact before acceptance
    };
    void create_delivery(const DeliveryChoice& c);
    void resend_delivery(std::int64_t id, const std::string& channel);
    void open_delivery_pdf(std::int64_t id);
    void copy_share_link(std::int64_t id);
    void copy_text(const std::string& text, const std::string& done);
    bool open_deliver = false;

    // The lead form (N new, E edit) — app/lead_form_controller.cpp.
    void open_lead_form(bool edit_current);
    void save_lead(const LeadDraft& d, bool allow_duplicate);
    void create_and_merge(const LeadDraft& d, std::int64_t keep_id);  // keep the older lead
    bool open_lead_dialog = false;
    LeadDraft lead_draft;                      // what the form starts from
    std::optional<DuplicateOffer> duplicates;  // the server's 409: shown side by side
    std::string lead_form_message;

    // Offline — app/sync_controller.cpp: the device's copy, the outbox and GET /api/sync.
    void on_device_loaded(const std::string* store, const std::string* outbox);
    void on_device_saved(int revision);
    void sync_now();    // replays the outbox in order, then fetches what changed since the cursor
    void each_frame();  // writes the device copy when it changed; retries when the network is back

    const std::vector<TemplateInfo>& templates() const { return templates_; }
    const std::vector<TimelineEntry>& timeline() const { return timeline_; }
    const std::vector<Appointment>& appointments() const { return appointments_; }
    std::string preview(const std::string& template_name) const;  // merged with the current lead

    // Dialogs the views open (set by actions, cleared by the views).
    bool open_booking = false;
    bool open_sms = false;
    bool open_follow_up = false;
    bool open_settings = false;

private:
    // A change to a lead that must reach the server: sent now when online (with its op id as
    // Idempotency-Key); kept in the outbox and applied locally when the network is gone or
    // fails. `answer` handles the server's answer when it comes at once.
    void submit(PendingOp op, std::function<void(const ApiResult&)> answer);
    PendingOp new_op(const domain::Lead& lead, const std::string& path, nlohmann::json body, std::string label);
    void keep_offline(PendingOp op);
    void apply_locally(const domain::Lead& lead, const std::string& interaction_kind, const std::string& text);
    void replay_next();
    void fetch_sync_page();
    void note_server_lead(const PendingOp& op, const nlohmann::json& answer);
    void device_changed() { ++state_.sync.revision; }
    void refresh_offline_rules();                       // GET /api/rules into the device's copy
    void refresh_follow_ups();                          // the list from the device's copy
    void apply_follow_up_offline(const PendingOp& op);  // an outcome, done or snooze kept in the outbox
    void after_outcome_recorded(std::int64_t lead_id);
    void change_follow_up(std::int64_t task_id, const std::string& verb, nlohmann::json body, const std::string& label,
                          std::optional<domain::UnixTime> due);
    OfflineStore store_;
    Outbox outbox_;
    bool sync_again_ = false;
    int replayed_ = 0;        // ops the server took since the last completed sync
    double retry_at_ms_ = 0;  // real time (performance.now): the page's clock may be fixed
    double last_sync_ms_ = 0;
    bool was_online_ = true;
    bool saving_ = false;
    bool settings_from_server_ = false;
    // A card-payment link is made by a server job: the deliveries are asked again a few times
    // until it shows (app/sales_controller.cpp).
    void poll_payment_links(double now_ms);
    int payment_polls_left_ = 0;
    double payment_poll_at_ms_ = 0;
    void refresh_lead(std::int64_t id);  // after the server changed it (delivery, refund)
    void after_delivery_answer(const ApiResult& r, const std::string& done);
    void act_on_delivery(std::int64_t delivery_id, const std::string& verb, const nlohmann::json& body,
                         std::int64_t notification_id, const std::string& what, const std::string& done);
    ConsoleState& state_;
    ApiClient& api_;
    std::vector<TemplateInfo> templates_;
    std::vector<TimelineEntry> timeline_;
    std::vector<Appointment> appointments_;
    std::int64_t timeline_lead_ = 0;
    std::vector<AgentInfo> agents_;
};

}  // namespace crm::console
