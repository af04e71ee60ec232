#pragma once
// When the law lets the operator call or text (Europe/Paris time): unsolicited calls
// Monday–Friday 10:00–13:00 and 14:00–20:00, never on weekends or public holidays; marketing
// SMS Monday–Saturday 08:00–20:00. "J+N" follow-ups land in the next open call window.
#include <optional>
#include <string>

#include "crm/domain/lead.hpp"
#include "crm/domain/settings.hpp"

namespace crm::domain {

struct WindowState {
    bool open = false;
    std::string reason;                 // "ouvert jusqu'à 13:00", "fermé : week-end", ...
    std::optional<UnixTime> next_open;  // when closed: the next opening
    std::optional<UnixTime> closes_at;  // when open: the end of this window
};

WindowState call_window(UnixTime now, const Settings& s);
WindowState sms_window(UnixTime now, const Settings& s);
UnixTime next_call_window_open(UnixTime from, const Settings& s);  // `from` itself when open
UnixTime next_sms_window_open(UnixTime from, const Settings& s);

// May this lead be called now? A lead with recorded consent is exempt from the window (the
// reason says so); the rule can be switched off in settings.
struct CallPermission {
    bool allowed = false;
    bool consent_exempt = false;
    WindowState window;
};
CallPermission call_permission(const Lead& lead, UnixTime now, const Settings& s);

// N days later at the same Paris time, moved to the next open call window.
UnixTime follow_up_due(UnixTime now, int days, const Settings& s);

}  // namespace crm::domain
