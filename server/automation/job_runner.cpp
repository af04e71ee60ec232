#include "automation/job_runner.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "appointments/appointments_repo.hpp"
#include "automation/jobs_repo.hpp"
#include "automation/rule_engine.hpp"
#include "automation/rules_repo.hpp"
#include "compliance/gdpr_repo.hpp"
#include "crm/domain/calling_windows.hpp"
#include "deliveries/deliveries_repo.hpp"
#include "leads/connect_rates_repo.hpp"
#include "leads/leads_repo.hpp"
#include "notifications/notifications_repo.hpp"
#include "settings/settings_repo.hpp"

namespace crm::automation {

int JobRunner::run_pass() {
    auto db = pool_.acquire();
    const auto now = clock_();
    leads::refresh_connect_rates(*db, now);  // at most once an hour
    const auto settings = settings::load_settings(*db);
    scan_time_rules(*db, now, settings);
    erase_expired_leads(*db, now, settings);
    int processed = 0;
    for (;;) {
        auto jobs = claim_due(*db, now, 100);
        if (jobs.empty()) break;
        for (const auto& job : jobs) {
            try {
                execute(*db, job, now, settings);
            } catch (const db::DbError& e) {
                // A statement the database refused is a bug, not a provider saying no: it goes
                // to the log too (the statement's text, never its values).
                std::fprintf(stderr, "{\"level\":\"error\",\"what\":\"job\",\"kind\":\"%s\",\"error\":%s}\n",
                             domain::to_string(job.kind), nlohmann::json(e.what()).dump().c_str());
                mark_retry(*db, job, now, e.what());
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
    const auto ids = compliance::leads_untouched_since(db, cutoff, 500);
    if (ids.empty()) return;
    for (const auto id : ids) {
        db::Transaction tx(db);
        compliance::erase_lead_data(
            db, id, std::nullopt, "conservation : sans contact depuis " + std::to_string(s.retention_months) + " mois",
            now);
        tx.commit();
    }
    {  // Once for the batch: rewriting the search index costs the same for one lead or 500.
        db::Transaction tx(db);
        compliance::purge_search_index(db);
        tx.commit();
    }
    compliance::checkpoint_wal(db);
}

void JobRunner::scan_time_rules(db::Database& db, std::int64_t now, const domain::Settings& s) {
    struct Due {
        std::int64_t lead_id;
        std::string trigger, cause;
        nlohmann::json extra;
        std::optional<std::int64_t> agent_id;  // a reminder also goes to the appointment's agent
    };
    std::vector<Due> due;
    // No first call from the agent 24 h after the delivery was sent.
    for (const auto& d : deliveries::awaiting_first_call(db, now - s.no_first_call_hours * 3600LL))
        due.push_back({d.lead_id,
                       "time:no_first_call_24h",
                       "delivery:" + std::to_string(d.delivery_id) + ":no_first_call",
                       {{"deliveryId", d.delivery_id}},
                       std::nullopt});
    // Idle leads: no touch for N days and nothing planned.
    for (const auto& l : leads::idle_leads(db, now - s.idle_days_to_nurture * 86400LL))
        due.push_back({l.lead_id,
                       "time:idle_7d",
                       "idle:" + std::to_string(l.lead_id) + ":" + std::to_string(l.last_touch_at),
                       {},
                       std::nullopt});
    // Appointment reminders 24 h and 2 h before.
    for (const auto& a : appointments::appointments_to_remind(db, now)) {
        const int hours = a.start - 7200 <= now ? 2 : 24;
        if ((hours == 24 && a.reminders_sent >= 1) || (hours == 2 && a.reminders_sent >= 2)) continue;
        due.push_back({a.lead_id,
                       "time:appointment_reminder",
                       "appointment:" + std::to_string(a.id) + ":" + std::to_string(hours) + "h",
                       {{"appointmentId", a.id}, {"reminderHours", hours}},
                       a.with_agent_id});
    }
    for (auto& d : due) {
        db::Transaction tx(db);
        auto lead = leads::find_lead(db, d.lead_id, now);
        if (!lead) continue;
        apply_trigger(db, d.trigger, *lead, d.cause, now, s, d.extra);
        if (d.agent_id) {
            // Not a rule the owner edits: the agent who holds the appointment is always reminded.
            auto payload = d.extra;
            payload["arg"] = "agent_reminder";
            payload["recipient"] = "agent";
            payload["agentId"] = *d.agent_id;
            enqueue(db, {std::nullopt, lead->id, domain::JobKind::send_email, payload, now, d.cause + ":agent"}, now);
        }
        tx.commit();
    }
}

void JobRunner::execute(db::Database& db, const Job& job, std::int64_t now, const domain::Settings& s) {
    std::optional<domain::Lead> lead;
    if (job.lead_id) lead = leads::find_lead(db, *job.lead_id, now);
    if (job.lead_id && !lead) return mark_cancelled(db, job.id, now, "lead supprimé");
    const std::string arg = job.payload.value("arg", std::string());

    switch (job.kind) {
        case domain::JobKind::notify_operator: {
            db::Transaction tx(db);
            const auto delivery = job.payload.contains("deliveryId")
                                      ? std::optional<std::int64_t>(job.payload["deliveryId"].get<std::int64_t>())
                                      : std::nullopt;
            const std::string text = arg == "no_first_call"
                                         ? "L'agent n'a pas appelé " + lead->first_name + " " + lead->last_name +
                                               " dans les 24 h suivant la livraison."
                                         : "Action requise sur " + lead->first_name + " " + lead->last_name + ".";
            notifications::add_notification(
                db,
                {arg, lead->id, delivery, text,
                 arg == "no_first_call" ? std::vector<std::string>{"reassign", "refund"} : std::vector<std::string>{}},
                now);
            mark_done(db, job.id, now, false);
            tx.commit();
            return;
        }
        case domain::JobKind::send_package:
            return send_package(db, job, now);  // to the agent, not the lead
        case domain::JobKind::payment_link:
            return payment_link(db, job, now);  // to Stripe, not the lead
        case domain::JobKind::create_task:
        case domain::JobKind::set_status:
        case domain::JobKind::set_stage:
            return mark_done(db, job.id, now, false);  // applied when the job was created
        case domain::JobKind::send_sms:
        case domain::JobKind::send_email:
        case domain::JobKind::send_whatsapp:
        case domain::JobKind::send_ics:
        case domain::JobKind::request_new_number:
        case domain::JobKind::schedule_ping:
            if (!lead) return mark_cancelled(db, job.id, now, "message sans lead");
            return send_message(db, job, now, s, *lead);  // automation/message_jobs.cpp
    }
}

// A card-payment link asked of Stripe here, never in a request: a slow or dead Stripe holds
// the scheduler's thread for its timeout, not an HTTP thread, and a failure retries with backoff
// (then `failed`, with Retry in the console). Stripe's Idempotency-Key is the delivery's, so a
// retry after a lost answer gets the same Checkout Session.
void JobRunner::payment_link(db::Database& db, const Job& job, std::int64_t now) {
    const auto delivery_id = job.payload.value("deliveryId", std::int64_t{0});
    const auto d = deliveries::delivery_row(db, delivery_id);
    if (!d || d->status == "refunded" || d->payment_method != "stripe")
        return mark_cancelled(db, job.id, now, "livraison remboursée ou introuvable");
    if (d->paid_at || d->payment_url) return mark_done(db, job.id, now, false);
    if (!stripe_) return mark_retry(db, job, now, "Stripe n'est pas configuré");
    const auto r = integrations::create_payment_link(
        stripe_(), integrations::delivery_payment_request(d->id, d->lead_id, d->price_cents));
    if (!r.ok) return mark_retry(db, job, now, r.error);
    db::Transaction tx(db);
    deliveries::set_payment_url(db, d->id, r.url, /*only_if_missing=*/true);
    mark_done(db, job.id, now, false);
    tx.commit();
}

}  // namespace crm::automation
