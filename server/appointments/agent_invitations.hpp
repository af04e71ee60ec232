#pragma once
// A booked appointment follows its lead to the agent: when the lead is delivered, the delivery's
// agent becomes the appointment's and receives the calendar invitation (same UID as the
// seller's, METHOD:REQUEST, SEQUENCE bumped); when the delivery is refunded or the lead goes
// to another agent, the agent who had it receives a CANCEL. Both are e-mail jobs made in the
// caller's transaction (automation/message_jobs.cpp sends them).
#include <cstdint>

#include "db/database.hpp"

namespace crm::appointments {

// The lead was delivered to `agent_id`: invite them to its upcoming appointment, if any (and
// withdraw a previous agent's invitation).
void invite_delivery_agent(db::Database& db, std::int64_t lead_id, std::int64_t agent_id, std::int64_t now);
// `agent_id` no longer has the lead: withdraw their invitation, if they had one.
void withdraw_agent_invitation(db::Database& db, std::int64_t lead_id, std::int64_t agent_id, std::int64_t now);

}  // namespace crm::appointments
