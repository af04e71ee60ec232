#include "automation/job_runner.hpp"

#include <map>

#include "automation/job_queue.hpp"
#include "automation/rule_engine.hpp"
#include "crm/domain/calling_windows.hpp"
#include "crm/domain/ics.hpp"
#include "crm/domain/templates.hpp"
#include "auth/passwords.hpp"
#include "db/connect_rates_repo.hpp"
#include "db/deliveries_repo.hpp"
#include "db/gdpr_repo.hpp"
#include "db/leads_repo.hpp"
#include "db/settings_repo.hpp"
#include "packages/lead_package.hpp"

namespace crm::automation {

namespace {

struct Template {
    std::string channel, body, subject;
    bool transactional = false;
};

std::optional<Template> load_template(db::Database& db, const std::string& name) {
    auto st = db.prepare("SELECT channel, body, COALESCE(subject, ''), transactional FROM templates WHERE name = ?");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return Template{st.get_text(0), st.get_text(1), st.get_text(2), st.get_int(3) != 0};
}

struct AppointmentInfo {
    std::int64_t id = 0, start = 0, end = 0;
    std::string location, uid, agent_name, agent_email;
};

// The appointment a job is about (payload.appointmentId), or the lead's next one.
std::optional<AppointmentInfo> appointment_for(db::Database& db, const Job& job, std::int64_t now) {
    const bool by_id = job.payload.contains("appointmentId") && job.payload["appointmentId"].is_number_integer();
    auto st =
        db.prepare(by_id ? "SELECT a.id, a.start_at, a.end_at, a.location, a.ics_uid, COALESCE(u.display_name, ''), "
                           "COALESCE(u.email, '') FROM appointments a LEFT JOIN users u ON u.id = a.with_agent_id "
                           "WHERE a.id = ?1"
                         : "SELECT a.id, a.start_at, a.end_at, a.location, a.ics_uid, COALESCE(u.display_name, ''), "
                           "COALESCE(u.email, '') FROM appointments a LEFT JOIN users u ON u.id = a.with_agent_id "
                           "WHERE a.lead_id = ?2 AND a.end_at > ?3 ORDER BY a.start_at LIMIT 1");
    if (by_id)
        st.bind(1, job.payload["appointmentId"].get<std::int64_t>());
    else
        st.bind(2, job.lead_id.value_or(0)).bind(3, now);
    if (!st.step()) return std::nullopt;
    return AppointmentInfo{st.get_int64(0), st.get_int64(1), st.get_int64(2), st.get_text(3),
                           st.get_text(4),  st.get_text(5),  st.get_text(6)};
}

std::string agent_name_of(db::Database& db, const domain::Lead& lead) {
    if (!lead.assigned_agent_id) return "notre conseiller";
    auto st = db.prepare("SELECT display_name FROM users WHERE id = ?");
    st.bind(1, *lead.assigned_agent_id);
    return st.step() ? st.get_text(0) : "notre conseiller";
}

std::map<std::string, std::string> merge_values(db::Database& db, const domain::Lead& lead,
                                                const std::optional<AppointmentInfo>& appt) {
    std::map<std::string, std::string> v = {{"firstName", lead.first_name}, {"city", lead.city}};
    v["agentName"] = appt && !appt->agent_name.empty() ? appt->agent_name : agent_name_of(db, lead);
    if (appt) {
        v["date"] = domain::format_paris(appt->start, "%d/%m/%Y");
        v["time"] = domain::format_paris(appt->start, "%H:%M");
    }
    return v;
}

// The message row of this job: found again after a crash, else written now (committed).
std::int64_t message_for_job(db::Database& db, const Job& job, const std::string& channel, const std::string& to,
                             const std::string& subject, const std::string& body, bool transactional,
                             std::int64_t now) {
    {
        auto st = db.prepare("SELECT id FROM messages WHERE job_id = ?");
        st.bind(1, job.id);
        if (st.step()) return st.get_int64(0);
    }
    db.prepare(
          "INSERT INTO messages(lead_id, job_id, channel, to_addr, subject, body, status, transactional, queued_at) "
          "VALUES (?,?,?,?,?,?,'queued',?,?)")
        .bind_all(job.lead_id, job.id, channel, to, subject.empty() ? std::optional<std::string>() : subject, body,
                  transactional, now)
        .run();
    return db.last_insert_id();
}

void finish_sent(db::Database& db, const Job& job, std::int64_t message_id, const std::string& provider_id,
                 std::int64_t now) {
    db::Transaction tx(db);
    db.prepare("UPDATE messages SET status = 'sent', provider_id = ?, sent_at = ?, error = NULL WHERE id = ?")
        .bind_all(provider_id, now, message_id)
        .run();
    mark_done(db, job.id, now, true);
    tx.commit();
}

}  // namespace

int JobRunner::run_pass() {
    auto db = pool_.acquire();
    const auto now = clock_();
    db::refresh_connect_rates(*db, now);  // at most once an hour
    const auto settings = db::load_settings(*db);
    scan_time_rules(*db, now, settings);
    erase_expired_leads(*db, now, settings);
    int processed = 0;
    for (;;) {
        auto jobs = claim_due(*db, now, 100);
        if (jobs.empty()) break;
        for (const auto& job : jobs) {
            try {
                execute(*db, job, now, settings);
            } catch (const std::exception& e) {
                mark_retry(*db, job, now, e.what());
            }
            ++processed;
        }
    }
    return processed;
}

// GDPR retention (off by default): leads untouched for N months are erased, a batch per pass,
// each in its own transaction, audited as the system's doing.
void JobRunner::erase_expired_leads(db::Database& db, std::int64_t now, const domain::Settings& s) {
    if (s.retention_months <= 0) return;
    const auto cutoff = now - static_cast<std::int64_t>(s.retention_months) * 30 * 86400;
    for (const auto id : db::leads_untouched_since(db, cutoff, 500)) {
        db::Transaction tx(db);
        db::erase_lead_data(db, id, std::nullopt,
                            "conservation : sans contact depuis " + std::to_string(s.retention_months) + " mois", now);
        tx.commit();
    }
}

void JobRunner::scan_time_rules(db::Database& db, std::int64_t now, const domain::Settings& s) {
    struct Due {
        std::int64_t lead_id;
        std::string trigger, cause;
        nlohmann::json extra;
    };
    std::vector<Due> due;
    {  // No first call from the agent 24 h after the delivery was sent.
        auto st = db.prepare(
            "SELECT id, lead_id FROM deliveries WHERE first_call_at IS NULL AND status IN "
            "('sent', 'opened', 'accepted') AND sent_at <= ?");
        st.bind(1, static_cast<std::int64_t>(now - s.no_first_call_hours * 3600LL));
        while (st.step())
            due.push_back({st.get_int64(1),
                           "time:no_first_call_24h",
                           "delivery:" + std::to_string(st.get_int64(0)) + ":no_first_call",
                           {{"deliveryId", st.get_int64(0)}}});
    }
    {  // Idle leads: no touch for N days and nothing planned.
        auto st = db.prepare(
            "SELECT id, COALESCE(last_touch_at, created_at) FROM leads WHERE status IN ('active', 'follow_up') "
            "AND stage IN ('new', 'contacted', 'qualified') AND dnc = 0 AND bad_number = 0 "
            "AND COALESCE(last_touch_at, created_at) <= ?1 AND (next_action_at IS NULL OR next_action_at <= ?1)");
        st.bind(1, static_cast<std::int64_t>(now - s.idle_days_to_nurture * 86400LL));
        while (st.step())
            due.push_back({st.get_int64(0),
                           "time:idle_7d",
                           "idle:" + std::to_string(st.get_int64(0)) + ":" + std::to_string(st.get_int64(1)),
                           {}});
    }
    {  // Appointment reminders 24 h and 2 h before.
        auto st = db.prepare(
            "SELECT id, lead_id, start_at, reminders_sent FROM appointments WHERE start_at > ?1 "
            "AND start_at - 86400 <= ?1 AND reminders_sent < 2");
        st.bind(1, now);
        while (st.step()) {
            const auto id = st.get_int64(0), start = st.get_int64(2);
            const auto sent = st.get_int(3);
            const int hours = start - 7200 <= now ? 2 : 24;
            if ((hours == 24 && sent >= 1) || (hours == 2 && sent >= 2)) continue;
            due.push_back({st.get_int64(1),
                           "time:appointment_reminder",
                           "appointment:" + std::to_string(id) + ":" + std::to_string(hours) + "h",
                           {{"appointmentId", id}, {"reminderHours", hours}}});
        }
    }
    for (auto& d : due) {
        db::Transaction tx(db);
        auto lead = db::find_lead(db, d.lead_id, now);
        if (!lead) continue;
        apply_trigger(db, d.trigger, *lead, d.cause, now, s, d.extra);
        tx.commit();
    }
}

void JobRunner::execute(db::Database& db, const Job& job, std::int64_t now, const domain::Settings& s) {
    std::optional<domain::Lead> lead;
    if (job.lead_id) lead = db::find_lead(db, *job.lead_id, now);
    if (job.lead_id && !lead) return mark_cancelled(db, job.id, now, "lead supprimé");
    const std::string arg = job.payload.value("arg", std::string());

    if (job.kind == "notify_operator") {
        db::Transaction tx(db);
        const auto delivery = job.payload.contains("deliveryId")
                                  ? std::optional<std::int64_t>(job.payload["deliveryId"].get<std::int64_t>())
                                  : std::nullopt;
        const std::string text = arg == "no_first_call"
                                     ? "L'agent n'a pas appelé " + lead->first_name + " " + lead->last_name +
                                           " dans les 24 h suivant la livraison."
                                     : "Action requise sur " + lead->first_name + " " + lead->last_name + ".";
        db.prepare(
              "INSERT INTO notifications(kind, lead_id, delivery_id, message, actions, created_at) VALUES "
              "(?,?,?,?,?,?)")
            .bind_all(arg, lead->id, delivery, text, arg == "no_first_call" ? "[\"reassign\",\"refund\"]" : "[]", now)
            .run();
        mark_done(db, job.id, now, false);
        tx.commit();
        return;
    }
    if (job.kind == "send_package") return send_package(db, job, now);  // to the agent, not the lead
    if (job.kind == "payment_link") return payment_link(db, job, now);  // to Stripe, not the lead
    if (job.kind == "create_task" || job.kind == "set_status" || job.kind == "set_stage") {
        return mark_done(db, job.id, now, false);  // applied when the job was created
    }

    // Everything below reaches the person: DNC and bad numbers are checked again now.
    if (lead->dnc) return mark_cancelled(db, job.id, now, "ne pas contacter");
    const bool phone_channel = job.kind == "send_sms" || job.kind == "send_whatsapp" || job.kind == "schedule_ping";
    if (phone_channel && lead->bad_number) return mark_cancelled(db, job.id, now, "numéro invalide");
    if (job.kind == "schedule_ping" && lead->status != domain::Status::nurture)
        return mark_done(db, job.id, now, false);  // the lead left nurture: no more pings

    const auto appt = appointment_for(db, job, now);
    std::string template_name = arg;
    if (job.kind == "schedule_ping") template_name = "nurture_ping";
    if (job.kind == "send_ics") template_name = "appointment_email";
    std::optional<Template> tpl;
    if (!template_name.empty()) {
        tpl = load_template(db, template_name);
        if (!tpl) {
            db.prepare("UPDATE jobs SET status = 'failed', last_error = ? WHERE id = ?")
                .bind_all("modèle inconnu « " + template_name + " »", job.id)
                .run();
            return;
        }
    }
    const bool manual = job.payload.value("manual", false);
    std::string body = job.payload.value("body", std::string());
    std::string subject;
    if (body.empty() && tpl) {
        const auto values = merge_values(db, *lead, appt);
        const auto merged = domain::merge_template(tpl->body, values);
        if (!merged.ok()) {
            db.prepare("UPDATE jobs SET status = 'failed', last_error = ? WHERE id = ?")
                .bind_all(merged.error, job.id)
                .run();
            return;
        }
        body = merged.text;
        subject = domain::merge_template(tpl->subject, values).text;
    }
    const bool transactional = !domain::waits_for_sms_window(
        manual, tpl ? std::optional<bool>(tpl->transactional) : std::nullopt, job.payload.value("body", std::string()));

    if (phone_channel) {
        if (!lead->phone_e164) return mark_cancelled(db, job.id, now, "pas de numéro valide");
        // Marketing SMS wait for their window; transactional ones go at once.
        if (!transactional && job.kind != "send_whatsapp") {
            const auto window = domain::sms_window(now, s);
            if (!window.open) return defer(db, job.id, *window.next_open);
        }
        const std::string channel = job.kind == "send_whatsapp" ? "whatsapp" : "sms";
        const auto message_id = message_for_job(db, job, channel, *lead->phone_e164, "", body, transactional, now);
        if (channel == "whatsapp") {
            finish_sent(db, job, message_id, "https://wa.me/" + lead->phone_e164->substr(1), now);
        } else {
            const auto result = sms_->send({*lead->phone_e164, body, job.idempotency_key});
            if (!result.ok) {
                if (!result.retryable) {
                    db.prepare("UPDATE messages SET status = 'failed', error = ? WHERE id = ?")
                        .bind_all(result.error, message_id)
                        .run();
                    db.prepare("UPDATE jobs SET status = 'failed', last_error = ? WHERE id = ?")
                        .bind_all(result.error, job.id)
                        .run();
                    return;
                }
                return mark_retry(db, job, now, result.error);
            }
            finish_sent(db, job, message_id, result.provider_id, now);
        }
        if (job.kind == "schedule_ping") {
            // Next month's ping, while the lead stays in nurture.
            const int days = job.payload.value("days", 30);
            NewJob next{job.rule_id, job.lead_id,          "schedule_ping",
                        job.payload, now + days * 86400LL, job.idempotency_key + ">" + std::to_string(now)};
            enqueue(db, next, now);
            db.prepare("UPDATE leads SET next_action_at = ? WHERE id = ?").bind_all(next.due_at, lead->id).run();
        }
        if (job.payload.contains("reminderHours") && appt)
            db.prepare("UPDATE appointments SET reminders_sent = MAX(reminders_sent, ?) WHERE id = ?")
                .bind_all(job.payload["reminderHours"].get<int>() == 2 ? 2 : 1, appt->id)
                .run();
        return;
    }

    // E-mail: to the lead, or for send_ics:agent to the agent.
    std::string to;
    if (job.kind == "send_ics" && arg == "agent") {
        if (!appt || appt->agent_email.empty()) return mark_done(db, job.id, now, false);  // no agent on this booking
        to = appt->agent_email;
    } else {
        if (!lead->email) return mark_done(db, job.id, now, false);  // nobody to write to
        to = *lead->email;
    }
    integrations::OutgoingEmail email{to, subject.empty() ? "Lead CRM" : subject, body, std::nullopt,
                                      job.idempotency_key};
    if (job.kind == "send_ics") {
        if (!appt) return mark_done(db, job.id, now, false);
        domain::IcsEvent e;
        e.uid = appt->uid;
        e.stamp = now;
        e.start = appt->start;
        e.end = appt->end;
        e.location = appt->location;
        e.summary = "Estimation immobilière — " + lead->first_name + " " + lead->last_name;
        e.organizer = {"Lead CRM", "operateur@lead-crm.local"};
        e.attendees.push_back({lead->first_name + " " + lead->last_name, lead->email.value_or("")});
        if (!appt->agent_email.empty()) e.attendees.push_back({appt->agent_name, appt->agent_email});
        email.attachment = integrations::Attachment{"rendez-vous.ics", "text/calendar; method=REQUEST; charset=utf-8",
                                                    domain::build_ics(e)};
    }
    const auto message_id = message_for_job(db, job, "email", to, email.subject, body, transactional, now);
    const auto result = email_->send(email);
    if (!result.ok) return mark_retry(db, job, now, result.error);
    finish_sent(db, job, message_id, result.provider_id, now);
}

void JobRunner::send_package(db::Database& db, const Job& job, std::int64_t now) {
    const auto delivery_id = job.payload.value("deliveryId", std::int64_t{0});
    const std::string share_url = job.payload.value("shareUrl", std::string());
    const auto cut = share_url.rfind("/p/");
    const auto row = db::delivery_row(db, delivery_id);
    if (!row || row->status == "refunded" || cut == std::string::npos)
        return mark_cancelled(db, job.id, now, "livraison remboursée ou introuvable");
    {  // A resend issued a newer link: this e-mail would carry a dead one.
        auto st = db.prepare("SELECT share_token_hash FROM deliveries WHERE id = ?");
        st.bind(1, delivery_id);
        if (!st.step() || st.is_null(0) || st.get_text(0) != auth::sha256_hex(share_url.substr(cut + 3)))
            return mark_cancelled(db, job.id, now, "lien remplacé par un nouvel envoi");
    }
    const auto view = packages::load_package(db, delivery_id, now);
    if (!view || view->agent_email.empty()) return mark_cancelled(db, job.id, now, "agent sans e-mail");
    integrations::OutgoingEmail email{view->agent_email, "Nouveau lead : " + view->package.full_name + " (" +
                                                             view->package.city_area + ")",
                                      packages::package_email_body(*view, share_url), std::nullopt,
                                      job.idempotency_key};
    try {
        email.attachment = integrations::Attachment{"lead-" + std::to_string(delivery_id) + ".pdf", "application/pdf",
                                                    packages::render_lead_package_pdf(view->package)};
    } catch (const std::exception& e) {
        return mark_retry(db, job, now, std::string("PDF : ") + e.what());
    }
    // The stored copy never holds the live link: only the e-mail does.
    std::string stored = email.body;
    for (auto at = stored.find(share_url); at != std::string::npos; at = stored.find(share_url))
        stored.replace(at, share_url.size(), share_url.substr(0, cut) + "/p/…");
    const auto message_id = message_for_job(db, job, "email", email.to, email.subject, stored, true, now);
    const auto result = email_->send(email);
    if (!result.ok) return mark_retry(db, job, now, result.error);
    finish_sent(db, job, message_id, result.provider_id, now);
    db.prepare("UPDATE jobs SET payload = json_remove(payload, '$.shareUrl') WHERE id = ?").bind(1, job.id).run();
}

// A card-payment link asked of Stripe here, never in a request: a slow or dead Stripe holds
// the scheduler's thread for its timeout, not an HTTP thread, and a failure retries with backoff
// (then `failed`, with Retry in the console). Stripe's Idempotency-Key is the delivery's, so a
// retry after a lost answer gets the same Checkout Session.
void JobRunner::payment_link(db::Database& db, const Job& job, std::int64_t now) {
    const auto delivery_id = job.payload.value("deliveryId", std::int64_t{0});
    const auto d = db::delivery_row(db, delivery_id);
    if (!d || d->status == "refunded" || d->payment_method != "stripe")
        return mark_cancelled(db, job.id, now, "livraison remboursée ou introuvable");
    if (d->paid_at || d->payment_url) return mark_done(db, job.id, now, false);
    if (!stripe_) return mark_retry(db, job, now, "Stripe n'est pas configuré");
    const auto r = integrations::create_payment_link(
        stripe_(), integrations::delivery_payment_request(d->id, d->lead_id, d->price_cents));
    if (!r.ok) return mark_retry(db, job, now, r.error);
    db::Transaction tx(db);
    db.prepare("UPDATE deliveries SET payment_url = ? WHERE id = ? AND payment_url IS NULL").bind_all(r.url, d->id).run();
    mark_done(db, job.id, now, false);
    tx.commit();
}

}  // namespace crm::automation
