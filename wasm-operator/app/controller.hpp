#pragma once
// Turns the operator's actions (keys, buttons) into state changes and API requests, and API
// answers back into state. Views call it; it never draws.
#include <string>
#include <vector>

#include "api/api_client.hpp"
#include "app/console_state.hpp"
#include "app/shortcuts.hpp"

namespace crm::console {

struct TemplateInfo {
    std::string name, channel, body;
};

struct TimelineEntry {
    std::string type, at, text;
};

struct Appointment {
    std::int64_t id = 0;
    domain::UnixTime start = 0, end = 0;
    std::string location, uid;
};

class Controller {
public:
    Controller(ConsoleState& state, ApiClient& api) : state_(state), api_(api) {}

    void load();                     // user, settings, templates, every lead
    void dispatch(const Action& a);  // a shortcut or a button
    void record_outcome(int key);
    void book(domain::UnixTime start, domain::UnixTime end, const std::string& location);
    void add_note(const std::string& text);
    void add_follow_up(int days);
    void send_sms(const std::string& template_name);
    void open_whatsapp();
    void download_ics();
    void on_selection_changed();  // loads the current lead's history

    const std::vector<TemplateInfo>& templates() const { return templates_; }
    const std::vector<TimelineEntry>& timeline() const { return timeline_; }
    const std::vector<Appointment>& appointments() const { return appointments_; }
    std::string preview(const std::string& template_name) const;  // merged with the current lead

    // Dialogs the views open (set by actions, cleared by the views).
    bool open_booking = false;
    bool open_sms = false;
    bool open_follow_up = false;

private:
    void load_leads_page(int offset, std::vector<domain::Lead> acc);
    ConsoleState& state_;
    ApiClient& api_;
    std::vector<TemplateInfo> templates_;
    std::vector<TimelineEntry> timeline_;
    std::vector<Appointment> appointments_;
    std::int64_t timeline_lead_ = 0;
};

}  // namespace crm::console
