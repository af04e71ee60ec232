#pragma once
// What the views keep between frames: text being typed, a selection, a dialog's choices. One
// struct per view, all held by one ViewStates that main.cpp owns beside ConsoleState and the
// Controller; draw_shell hands each view its own part, so a view reaches no other view's state
// and none hides any in a static. What the console shows lives in ConsoleState, what it asks
// the server in the controllers: nothing here outlives the page or is sent anywhere.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "app/console_state.hpp"
#include "app/lead_form.hpp"
#include "app/rule_draft.hpp"
#include "app/sales_controller.hpp"
#include "crm/domain/settings.hpp"

namespace crm::console {

// A fixed-size text buffer for ImGui's InputText, filled from a std::string when the edited
// object changes.
template <std::size_t N>
struct EditBuffer {
    char data[N] = {};
    void set(const std::string& s) { std::snprintf(data, N, "%s", s.c_str()); }
    std::string str() const { return data; }
};

// The tab shown last frame (a change of tab loads its data).
struct ShellState {
    Tab last_tab = Tab::queue;
};

// The queue's search text being typed.
struct QueueViewState {
    char search[128] = "";
};

// The booking form's fields, shared by the dialog (B, key 6) and the Express wrap-up.
struct BookingFormState {
    char date[16] = "", time[8] = "10:00", place[128] = "";
    int minutes = 60;
};

// The SMS dialog's template and the follow-up dialog's days.
struct DialogsState {
    int chosen = 0;
    int days = 2;
};

// The pipeline's search text being typed.
struct PipelineFiltersState {
    char text[96] = "";
};

// The selected delivery's refund reason and reassign choice being typed.
struct DeliveryActionsState {
    char reason[256] = "";
    int agent_choice = -1;
};

// The Deliveries tab's status filter and selected row, and the actions on that row.
struct DeliveriesViewState {
    int status_filter = 0;
    std::int64_t selected = 0;
    DeliveryActionsState actions;
};

// The delivery dialog's choices (agent, channel, payment) while it is open.
struct DeliveryDialogState {
    DeliveryChoice choice;
    int candidate = 0;  // index in plan.candidates, or -1 for "another agent"
    int other_agent = 0;
};

// The argument of an action being added to a rule: a template, a delay, a status, a stage, a
// recipient or a notification kind, each picked from what the server accepts.
struct NewAction {
    int choice = 0;  // index in domain::action_choices()
    int template_index = 0, days = 2, status = 1, stage = 1, recipient = 0;
    EditBuffer<64> notification;
};

// The rule form between frames: the rule being edited, its typed name and actions, the action being added.
struct RuleFormState {
    bool open = false;  // the form is shown (a rule being edited, or a new one)
    RuleDraft draft;
    EditBuffer<200> name;
    EditBuffer<500> action;  // the text form of the actions, kept in step with the list
    NewAction adding;
    bool confirm_delete = false;
    std::string followed_form;  // the form as it was when its Save button was last brought into view
    bool follow = false;        // keep Save in view until the operator scrolls
};

// The template picked and its text being edited.
struct TemplatesState {
    std::string selected;
    EditBuffer<2000> body;
};

// The notification being acted on (refund or reassign) with its reason or agent.
struct NotificationsState {
    std::int64_t acting_on = 0;
    std::string acting;  // "refund" or "reassign"
    EditBuffer<200> reason;
    int agent_choice = 0;
};

// The Automations tab's sections.
struct AutomationsViewState {
    RuleFormState rules;
    TemplatesState templates;
    NotificationsState notifications;
};

// A merge of two duplicates waiting for the operator's confirmation.
struct PendingMerge {
    std::int64_t keep_id = 0, from_id = 0;
    std::string keep_text, from_text;
};

// The agents table's row order, sorted again when the figures change.
struct AgentsTableState {
    std::vector<std::size_t> order;
    int sorted_version = -1;
};

// The merge waiting for the operator's confirmation.
struct DuplicatesViewState {
    PendingMerge pending;
};

// The Dashboard tab's sections.
struct DashboardViewState {
    AgentsTableState agents;
    DuplicatesViewState duplicates;
};

// The lead form's fields being typed (views/lead_form_dialog.cpp fills and reads them), and
// which lead they edit.
struct LeadFormDialogState {
    struct Buffers {
        char first[80] = "", last[80] = "", phone[40] = "", email[120] = "", city[80] = "", zip[8] = "", area[80] = "",
             source[40] = "";
        int intention = 3, timeline = 0;
        int estimate = 0, cost = 0;  // euros

        void load(const LeadDraft& d);
        LeadDraft draft(std::int64_t id) const;
    };
    Buffers b;
    std::int64_t editing = 0;
};

// What the operator is typing in the settings' account sections (kept between frames, cleared
// when done).
struct AccountsViewState {
    char current[201] = "", next[201] = "", confirmation[201] = "";
    char username[65] = "", display_name[121] = "", email[255] = "";
    int role = 0;  // 0 agent, 1 operator
    std::int64_t confirm_deactivate = 0;
    bool requested_list = false;
};

// The settings being edited before they are saved, and the account sections.
struct SettingsDialogState {
    domain::Settings draft;
    char script[2048] = "";
    bool confirm_off = false;
    AccountsViewState accounts;
};

// The Express layout's follow-up date being typed, and for which lead.
struct FollowUpPartState {
    char when[32] = "";
    std::int64_t for_lead = 0;
};

// The Express layout's delivery choice for the lead on screen.
struct DeliveryPartState {
    bool allow_not_ready = false;
};

// The Express layout's wrap-up after a call (its booking form is ViewStates::booking).
struct ExpressViewState {
    FollowUpPartState follow_up;
    DeliveryPartState delivery;
};

// The phone pipeline's stage shown.
struct PhonePipelineState {
    int stage = 0;
};

struct ViewStates {
    ShellState shell;
    QueueViewState queue;
    BookingFormState booking;
    DialogsState dialogs;
    PipelineFiltersState pipeline;
    DeliveriesViewState deliveries;
    DeliveryDialogState delivery_dialog;
    AutomationsViewState automations;
    DashboardViewState dashboard;
    LeadFormDialogState lead_form;
    SettingsDialogState settings;
    ExpressViewState express;
    PhonePipelineState phone_pipeline;
};

}  // namespace crm::console
