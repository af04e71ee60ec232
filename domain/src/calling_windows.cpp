#include "crm/domain/calling_windows.hpp"

#include <cstdio>

#include "crm/domain/holidays.hpp"

namespace crm::domain {

namespace {

std::string hhmm(int minute) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
    return buf;
}

struct Rules {
    const std::vector<TimeRange>& ranges;
    bool saturday;  // SMS may go on Saturdays; calls may not
    bool holidays_closed;
};

bool day_open(const CivilTime& c, const Rules& r, std::string* why) {
    if (c.weekday == 6 || (c.weekday == 5 && !r.saturday)) {
        if (why) *why = "fermé : week-end";
        return false;
    }
    if (r.holidays_closed) {
        if (auto h = french_public_holiday(c.year, c.month, c.day)) {
            if (why) *why = "fermé : jour férié (" + *h + ")";
            return false;
        }
    }
    return true;
}

UnixTime next_open(UnixTime from, const Rules& r) {
    // Walk day by day (at most a few weeks: weekends plus holiday bridges).
    const auto start = to_paris(from);
    const int from_minute = start.hour * 60 + start.minute;
    for (int i = 0; i < 31; ++i) {
        const std::int64_t day = days_from_civil(start.year, start.month, start.day) + i;
        const CivilTime c = civil_from_unix(day * 86400);
        if (!day_open(c, r, nullptr)) continue;
        for (const auto& w : r.ranges) {
            if (i == 0 && from_minute >= w.end_minute) continue;
            if (i == 0 && from_minute >= w.start_minute) return from;  // already open
            return from_paris(c.year, c.month, c.day, w.start_minute / 60, w.start_minute % 60);
        }
    }
    return from;  // no window configured: never block
}

WindowState state(UnixTime now, const Rules& r) {
    WindowState st;
    if (r.ranges.empty()) {
        st.open = true;
        st.reason = "aucune plage configurée";
        return st;
    }
    const auto c = to_paris(now);
    const int minute = c.hour * 60 + c.minute;
    std::string why;
    if (day_open(c, r, &why)) {
        for (const auto& w : r.ranges) {
            if (minute >= w.start_minute && minute < w.end_minute) {
                st.open = true;
                st.reason = "ouvert jusqu'à " + hhmm(w.end_minute);
                st.closes_at = from_paris(c.year, c.month, c.day, w.end_minute / 60, w.end_minute % 60);
                return st;
            }
        }
        why = minute < r.ranges.front().start_minute ? "fermé : trop tôt"
              : minute >= r.ranges.back().end_minute ? "fermé : trop tard"
                                                     : "fermé : pause";
    }
    st.open = false;
    st.next_open = next_open(now, r);
    st.reason = why + ", ouvre le " + format_paris(*st.next_open, "%d/%m à %H:%M");
    return st;
}

}  // namespace

WindowState call_window(UnixTime now, const Settings& s) {
    return state(now, {s.call_windows, false, true});
}
WindowState sms_window(UnixTime now, const Settings& s) {
    return state(now, {s.sms_windows, true, true});
}
UnixTime next_call_window_open(UnixTime from, const Settings& s) {
    return next_open(from, {s.call_windows, false, true});
}
UnixTime next_sms_window_open(UnixTime from, const Settings& s) {
    return next_open(from, {s.sms_windows, true, true});
}

CallPermission call_permission(const Lead& lead, UnixTime now, const Settings& s) {
    CallPermission p;
    p.window = call_window(now, s);
    if (p.window.open || !s.calling_window_rule) {
        p.allowed = true;
    } else if (lead.consent) {
        p.allowed = true;
        p.consent_exempt = true;
    }
    return p;
}

UnixTime follow_up_due(UnixTime now, int days, const Settings& s) {
    const auto c = to_paris(now);
    const CivilTime d = civil_from_unix((days_from_civil(c.year, c.month, c.day) + days) * 86400);
    const UnixTime same_time = from_paris(d.year, d.month, d.day, c.hour, c.minute);
    return next_call_window_open(same_time, s);
}

}  // namespace crm::domain
