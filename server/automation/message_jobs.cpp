// The jobs that write to a person: SMS, WhatsApp, e-mail and calendar invitations to the lead,
// invitations, cancellations and reminders to the appointment's agent, and the lead package to
// the delivery's agent. Each message is a `messages` row whose status says what happened to
// it: `sent` only when a provider took it, `outbox` when none is configured, `prepared` for a
// wa.me link the operator still has to send.
#include <map>

#include "appointments/appointments_repo.hpp"
#include "appointments/invitation_ics.hpp"
#include "auth/passwords.hpp"
#include "automation/job_runner.hpp"
#include "automation/jobs_repo.hpp"
#include "automation/rules_repo.hpp"
#include "crm/domain/calling_windows.hpp"
#include "crm/domain/templates.hpp"
#include "deliveries/deliveries_repo.hpp"
#include "deliveries/package_repo.hpp"
#include "leads/leads_repo.hpp"

namespace crm::automation {

namespace {

// The appointment a job is about (payload.appointmentId), or the lead's next one.
std::optional<appointments::Appointment> appointment_for(db::Database& db, const Job& job, std::int64_t now) {
    if (job.payload.contains("appointmentId") && job.payload["appointmentId"].is_number_integer())
        return appointments::find(db, job.payload["appointmentId"].get<std::int64_t>());
    return appointments::upcoming_for_lead(db, job.lead_id.value_or(0), now);
}

std::map<std::string, std::string> merge_values(const domain::Lead& lead,
                                                const std::optional<appointments::Appointment>& appt,
                                                const std::optional<appointments::AgentContact>& agent) {
    std::map<std::string, std::string> v = {{"firstName", lead.first_name}, {"city", lead.city}};
    v["agentName"] = agent ? agent->name : "notre conseiller";
    if (appt) {
        v["date"] = domain::format_paris(appt->start, "%d/%m/%Y");
        v["time"] = domain::format_paris(appt->start, "%H:%M");
    }
    return v;
}

}  // namespace

void JobRunner::deliver(db::Database& db, const Job& job, const messages::NewMessage& m, const std::string& provider,
                        const std::function<integrations::SendResult()>& send, std::int64_t now) {
    // The row is committed before the provider is called: after a crash it is found again, and
    // the job's idempotency key keeps the provider from sending twice.
    const auto message_id = messages::message_for_job(db, m, now);
    const auto result = send();
    if (!result.ok && result.retryable) return mark_retry(db, job, now, result.error);
    db::Transaction tx(db);
    if (!result.ok) {
        messages::mark_failed(db, message_id, result.error);
        mark_failed(db, job.id, result.error);
    } else if (result.kept_in_outbox) {
        messages::mark_outbox(db, message_id, provider);
        mark_done(db, job.id, now, false);
    } else {
        messages::mark_sent(db, message_id, provider, result.provider_id, now);
        mark_done(db, job.id, now, true);
    }
    tx.commit();
}

void JobRunner::send_message(db::Database& db, const Job& job, std::int64_t now, const domain::Settings& s,
                             const domain::Lead& lead) {
    const std::string arg = job.payload.value("arg", std::string());
    using domain::JobKind;
    const bool to_agent =
        (job.kind == JobKind::send_ics && arg == "agent") || job.payload.value("recipient", "") == "agent";
    const bool phone_channel =
        job.kind == JobKind::send_sms || job.kind == JobKind::send_whatsapp || job.kind == JobKind::schedule_ping;
    // What reaches the seller is checked again now, not only when the job was made.
    if (!to_agent) {
        const char* stop = lead.dnc                           ? "ne pas contacter"
                           : phone_channel && lead.bad_number ? "numéro invalide"
                                                              : nullptr;
        if (stop) {
            db::Transaction tx(db);
            messages::mark_blocked_for_job(db, job.id, stop);  // a message left in the outbox says why it never went
            mark_cancelled(db, job.id, now, stop);
            tx.commit();
            return;
        }
    }
    if (job.kind == JobKind::schedule_ping && lead.status != domain::Status::nurture)
        return mark_done(db, job.id, now, false);            // the lead left nurture: no more pings
    const bool resend = job.payload.value("resend", false);  // from the outbox: its side effects happened

    const auto appt = appointment_for(db, job, now);
    const bool cancel = job.payload.value("method", "request") == "cancel";
    // The agent a message to the agent goes to: named by the job (a cancellation goes to the
    // agent who had it), else the appointment's.
    std::optional<appointments::AgentContact> agent;
    if (job.payload.contains("agentId") && job.payload["agentId"].is_number_integer())
        agent = appointments::agent_contact(db, job.payload["agentId"].get<std::int64_t>());
    else if (appt && appt->with_agent_id)
        agent = appointments::agent_contact(db, appt->with_agent_id);
    else if (!to_agent)
        agent = appointments::agent_contact(db, lead.assigned_agent_id);  // {agentName} in the seller's messages

    std::string template_name = arg;
    if (job.kind == JobKind::schedule_ping) template_name = "nurture_ping";
    if (job.kind == JobKind::send_ics)
        template_name = to_agent ? (cancel ? "agent_cancellation" : "agent_invitation") : "appointment_email";
    std::optional<Template> tpl;
    if (!template_name.empty()) {
        tpl = find_template(db, template_name);
        if (!tpl) return mark_failed(db, job.id, "modèle inconnu « " + template_name + " »");
    }
    const bool manual = job.payload.value("manual", false);
    std::string body = job.payload.value("body", std::string());
    std::string subject;
    if (body.empty() && tpl) {
        const auto values = merge_values(lead, appt, agent);
        const auto merged = domain::merge_template(tpl->body, values);
        if (!merged.ok()) return mark_failed(db, job.id, merged.error);
        body = merged.text;
        subject = domain::merge_template(tpl->subject, values).text;
    }
    const bool transactional = !domain::waits_for_sms_window(
        manual, tpl ? std::optional<bool>(tpl->transactional) : std::nullopt, job.payload.value("body", std::string()));

    if (phone_channel) {
        if (!lead.phone_e164) return mark_cancelled(db, job.id, now, "pas de numéro valide");
        // Marketing SMS wait for their window; transactional ones go at once.
        if (!transactional && job.kind != JobKind::send_whatsapp) {
            const auto window = domain::sms_window(now, s);
            if (!window.open) return defer(db, job.id, *window.next_open);
        }
        messages::NewMessage m{job.id,           lead.id, job.kind == JobKind::send_whatsapp ? "whatsapp" : "sms",
                               *lead.phone_e164, "",      body,
                               transactional,    {}};
        if (m.channel == "whatsapp") {
            // A click-to-chat link for the operator to open: nothing is sent until they confirm.
            db::Transaction tx(db);
            messages::mark_prepared(db, messages::message_for_job(db, m, now),
                                    "https://wa.me/" + lead.phone_e164->substr(1));
            mark_done(db, job.id, now, false);
            tx.commit();
            return;
        }
        const std::string callback =
            public_url_ && sms_->name() != "outbox" ? public_url_() + "/api/webhooks/sms/status" : "";
        deliver(
            db, job, m, sms_->name(),
            [&] {
                return sms_->send({m.to, m.body, job.idempotency_key, callback});
            },
            now);
        if (resend) return;
        if (job.kind == JobKind::schedule_ping) {
            // Next month's ping, while the lead stays in nurture.
            const int days = job.payload.value("days", 30);
            NewJob next{job.rule_id, job.lead_id,          JobKind::schedule_ping,
                        job.payload, now + days * 86400LL, job.idempotency_key + ">" + std::to_string(now)};
            enqueue(db, next, now);
            leads::set_next_action(db, lead.id, next.due_at);
        }
        if (job.payload.contains("reminderHours") && appt)
            appointments::mark_reminded(db, appt->id, job.payload["reminderHours"].get<int>());
        return;
    }

    // E-mail: to the seller, or to the appointment's agent.
    std::string to;
    if (to_agent) {
        if (!appt || !agent || agent->email.empty())
            return mark_done(db, job.id, now, false);  // no agent with an e-mail on this booking
        to = agent->email;
    } else {
        if (!lead.email) return mark_done(db, job.id, now, false);  // nobody to write to
        to = *lead.email;
    }
    integrations::OutgoingEmail email{to, subject.empty() ? "Lead CRM" : subject, body, std::nullopt,
                                      job.idempotency_key};
    std::vector<std::string> attachments;
    if (job.kind == JobKind::send_ics) {
        if (!appt) return mark_done(db, job.id, now, false);
        email.attachment = integrations::Attachment{
            "rendez-vous.ics",
            std::string("text/calendar; method=") + (cancel ? "CANCEL" : "REQUEST") + "; charset=utf-8",
            appointments::invitation_ics(db, *appt, lead, agent, to_agent,
                                         cancel ? domain::IcsMethod::cancel : domain::IcsMethod::request,
                                         job.payload.value("sequence", 0), now)};
        attachments.push_back("rendez-vous.ics");
    }
    const messages::NewMessage m{job.id, lead.id, "email", to, email.subject, body, transactional, attachments};
    deliver(
        db, job, m, email_->name(), [&] { return email_->send(email); }, now);
}

void JobRunner::send_package(db::Database& db, const Job& job, std::int64_t now) {
    const auto delivery_id = job.payload.value("deliveryId", std::int64_t{0});
    const std::string share_url = job.payload.value("shareUrl", std::string());
    const auto cut = share_url.rfind("/p/");
    const auto row = deliveries::delivery_row(db, delivery_id);
    if (!row || row->status == "refunded" || cut == std::string::npos)
        return mark_cancelled(db, job.id, now, "livraison remboursée ou introuvable");
    {  // A resend issued a newer link: this e-mail would carry a dead one.
        const auto hash = deliveries::share_token_hash(db, delivery_id);
        if (!hash || *hash != auth::sha256_hex(share_url.substr(cut + 3)))
            return mark_cancelled(db, job.id, now, "lien remplacé par un nouvel envoi");
    }
    const auto view = deliveries::load_package(db, delivery_id, now);
    if (!view || view->agent_email.empty()) return mark_cancelled(db, job.id, now, "agent sans e-mail");
    integrations::OutgoingEmail email{
        view->agent_email, "Nouveau lead : " + view->package.full_name + " (" + view->package.city_area + ")",
        deliveries::package_email_body(*view, share_url), std::nullopt, job.idempotency_key};
    const std::string pdf_name = "lead-" + std::to_string(delivery_id) + ".pdf";
    try {
        email.attachment =
            integrations::Attachment{pdf_name, "application/pdf", deliveries::render_lead_package_pdf(view->package)};
    } catch (const std::exception& e) {
        return mark_retry(db, job, now, std::string("PDF : ") + e.what());
    }
    // The stored copy never holds the live link: only the e-mail does.
    std::string stored = email.body;
    for (auto at = stored.find(share_url); at != std::string::npos; at = stored.find(share_url))
        stored.replace(at, share_url.size(), share_url.substr(0, cut) + "/p/…");
    const messages::NewMessage m{job.id, row->lead_id, "email", email.to, email.subject, stored, true, {pdf_name}};
    deliver(
        db, job, m, email_->name(), [&] { return email_->send(email); }, now);
    // Sent or kept in the outbox, the token leaves the database (a package in the outbox is
    // sent again from the Deliveries tab, with a new link).
    forget_share_url(db, job.id);
}

}  // namespace crm::automation
