#pragma once
// What a durable job does. The automation rules' actions become jobs of the same name; the
// server adds its own (WhatsApp, the agent's package, the Stripe payment link). The names are
// the text stored in jobs.kind and shown by GET /api/jobs.
#include <optional>
#include <string>

#include "crm/domain/rules.hpp"

namespace crm::domain {

enum class JobKind {
    send_sms,
    send_email,
    send_whatsapp,
    create_task,
    set_status,
    set_stage,
    send_ics,
    notify_operator,
    request_new_number,
    schedule_ping,
    send_package,  // the lead's package to the agent (e-mail with the link and the PDF)
    payment_link,  // the Stripe Checkout link of a card-paid delivery
};

const char* to_string(JobKind k);
std::optional<JobKind> parse_job_kind(const std::string& s);
JobKind job_kind_of(ActionKind a);  // a rule's action runs as the job of the same name

}  // namespace crm::domain
