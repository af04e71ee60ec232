#pragma once
// Leads: the operator's lead book (list, search, edit, delete, notes, timeline), stage moves,
// the speed-dial queue and call outcomes, and follow-ups.
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::leads {

void register_leads_routes(http::Router& router, Services& app);         // list, one lead, notes, timeline
void register_lead_actions_routes(http::Router& router, Services& app);  // stage, follow-up, appointment, jobs
void register_queue_routes(http::Router& router, Services& app);         // queue, outcomes, .ics, messages
void register_tasks_routes(http::Router& router, Services& app);         // follow-ups: list, done, snooze

}  // namespace crm::leads
