#pragma once
// The call queue's actions on its current lead: the call itself (the server decides, then the
// phone dials), the outcome keys and the booking, consent, notes, SMS, WhatsApp and the .ics,
// and the lead card's history. Changes to the lead go through SyncController::submit (kept on
// the device offline). Turns them into API requests and the answers into the state; never draws.
#include <string>
#include <vector>

#include "api/api_client.hpp"
#include "app/console_state.hpp"
#include "app/dashboard_controller.hpp"
#include "app/messages_controller.hpp"
#include "app/sync_controller.hpp"

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

class QueueController {
public:
    QueueController(ConsoleState& state, ApiClient& api, SyncController& sync, MessagesController& messages,
                    DashboardController& dashboard)
        : state_(state), api_(api), sync_(sync), messages_(messages), dashboard_(dashboard) {}

    void load_templates();
    void set_template_body(const std::string& name, const std::string& body);  // saved in Automations

    void record_outcome(int key);
    // Outcome 6 with its slot, for the queue's lead or (after a call on the Express layout) `lead_id`.
    void book(domain::UnixTime start, domain::UnixTime end, const std::string& location, std::int64_t lead_id = 0);
    void add_note(const std::string& text);
    void start_call();      // asks the server (window, caps), then dials and starts the timer
    void record_consent();  // A: consent given on the phone, recorded word for word
    void send_sms(const std::string& template_name);
    void open_sms_dialog();  // S: unless the lead may not be contacted
    void open_whatsapp();
    void confirm_whatsapp(std::int64_t message_id);  // a prepared wa.me message went: the card reloads
    void download_ics();
    void download_lead_ics(std::int64_t lead_id);

    void on_selection_changed();  // loads the current lead's history
    void reload_lead_card();      // its history changed: loaded again

    const std::vector<TemplateInfo>& templates() const { return templates_; }
    const std::vector<TimelineEntry>& timeline() const { return timeline_; }
    const std::vector<Appointment>& appointments() const { return appointments_; }
    std::string preview(const std::string& template_name) const;  // merged with the current lead

    // Dialogs the views open (set by actions, cleared by the views).
    bool open_booking = false;
    bool open_sms = false;

private:
    ConsoleState& state_;
    ApiClient& api_;
    SyncController& sync_;
    MessagesController& messages_;
    DashboardController& dashboard_;
    std::vector<TemplateInfo> templates_;
    std::vector<TimelineEntry> timeline_;
    std::vector<Appointment> appointments_;
    std::int64_t timeline_lead_ = 0;
};

}  // namespace crm::console
