#include "crm/domain/follow_ups.hpp"

#include "crm/domain/calling_windows.hpp"

namespace crm::domain {

FollowUpBucket follow_up_bucket(UnixTime due, UnixTime now) {
    if (due < now) return FollowUpBucket::overdue;
    // 26 h after midnight is always the next day, DST days (23 or 25 h) included.
    const auto tomorrow = paris_day_start(paris_day_start(now) + 26 * 3600);
    return due < tomorrow ? FollowUpBucket::today : FollowUpBucket::later;
}

const char* follow_up_bucket_fr(FollowUpBucket b) {
    switch (b) {
        case FollowUpBucket::overdue:
            return "en retard";
        case FollowUpBucket::today:
            return "aujourd'hui";
        case FollowUpBucket::later:
            return "plus tard";
    }
    return "";
}

UnixTime snooze_until(SnoozeChoice c, UnixTime now, const Settings& s) {
    switch (c) {
        case SnoozeChoice::one_hour:
            return now + 3600;
        case SnoozeChoice::tomorrow_10h: {
            const auto tomorrow = to_paris(paris_day_start(now) + 26 * 3600);
            return from_paris(tomorrow.year, tomorrow.month, tomorrow.day, 10, 0);
        }
        case SnoozeChoice::in_two_days:
            return follow_up_due(now, 2, s);
    }
    return now;
}

const char* snooze_label_fr(SnoozeChoice c) {
    switch (c) {
        case SnoozeChoice::one_hour:
            return "+1 h";
        case SnoozeChoice::tomorrow_10h:
            return "demain 10 h";
        case SnoozeChoice::in_two_days:
            return "J+2";
    }
    return "";
}

}  // namespace crm::domain
