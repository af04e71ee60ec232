#pragma once
// Follow-ups ("À rappeler"): which part of the list an open follow-up belongs to, and the
// times the operator can push one back to. The console's list and the server's snooze agree
// on them because both come from here.
#include "crm/domain/settings.hpp"
#include "crm/domain/time.hpp"

namespace crm::domain {

enum class FollowUpBucket { overdue, today, later };
// Overdue: due before now on an earlier Paris day or earlier today; today: later today (Paris);
// later: after today.
FollowUpBucket follow_up_bucket(UnixTime due, UnixTime now);
const char* follow_up_bucket_fr(FollowUpBucket b);  // "en retard", "aujourd'hui", "plus tard"

enum class SnoozeChoice { one_hour, tomorrow_10h, in_two_days };
// +1 h: an hour from now; demain 10 h: tomorrow at 10:00 Paris time; J+2: follow_up_due(now, 2),
// the same Paris time two days later moved to the next open call window.
UnixTime snooze_until(SnoozeChoice c, UnixTime now, const Settings& s);
const char* snooze_label_fr(SnoozeChoice c);  // "+1 h", "demain 10 h", "J+2"

}  // namespace crm::domain
