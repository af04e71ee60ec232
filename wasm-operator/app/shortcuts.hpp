#pragma once
// Keyboard shortcuts of the Queue (the owner's brief): J/K next/prev, C call, S SMS, W WhatsApp,
// B book, I .ics, P deliver, N new lead, E edit lead, A consent given, "," settings, 1-7 outcomes, T follow-up, /
// search, ? help, F the "À rappeler" list; Shift+1..5 tabs; the Dashboard tab's R refresh, V 7/30 days, D duplicates, O
// CSV import. Key codes are GLFW's (ImGui 1.86 has no named letter keys), passed as plain ints so this stays testable.
#include <optional>
#include <string>
#include <vector>

namespace crm::console {

enum class ActionKind {
    next,
    prev,
    call,
    sms,
    whatsapp,
    book,
    ics,
    deliver,
    outcome,
    follow_up,
    search,
    help,
    tab,
    consent,
    settings,
    new_lead,     // N: the lead form, empty
    edit_lead,    // E: the lead form for the queue's lead
    refresh,      // reload the open tab's data (Dashboard, Automations)
    toggle_days,  // Dashboard: 7 ↔ 30 days
    duplicates,   // Dashboard → Doublons
    import_csv,   // Dashboard → Import CSV, and the browser's file dialog
    follow_ups    // F: the "À rappeler" list in the Queue tab, on or off
};

struct Action {
    ActionKind kind;
    int outcome_key = 0;  // 1..7 for ActionKind::outcome; 1..5 (the tab) for ActionKind::tab
};

// The action for a key press, or nothing. `typing` is true while a text field has focus:
// then no shortcut fires (the key goes to the field).
std::optional<Action> shortcut_for_key(int glfw_key, bool shift, bool typing);

struct ShortcutHelp {
    std::string keys, what;
};
const std::vector<ShortcutHelp>& shortcut_help();

}  // namespace crm::console
