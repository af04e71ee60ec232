#include "automation/job_runner.hpp"

#include "automation/job_queue.hpp"
#include "automation/rule_engine.hpp"
#include "crm/domain/calling_windows.hpp"
#include "leads/connect_rates_repo.hpp"
#include "deliveries/deliveries_repo.hpp"
#include "db/gdpr_repo.hpp"
#include "leads/leads_repo.hpp"
#include "db/notifications_repo.hpp"
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
    const auto ids = db::leads_untouched_since(db, cutoff, 500);
    if (ids.empty()) return;
    for (const auto id : ids) {
        db::Transaction tx(db);
        db::erase_lead_data(db, id, std::nullopt,
                            "conservation : sans contact depuis " + std::to_string(s.retention_months) + " mois", now);
        tx.commit();
    }
    {  // Once for the batch: rewriting the search index costs the same for one lead or 500.
        db::Transaction tx(db);
        db::purge_search_index(db);
        tx.commit();
    }
    db::checkpoint_wal(db);
}

void JobRunner::scan_time_rules(db::Database& db, std::int64_t now, const domain::Settings& s) {
    struct Due {
        std::int64_t lead_id;
        std::string trigger, cause;
        nlohmann::json extra;
        std::optional<std::int64_t> agent_id;  // a reminder also goes to the appointment's agent
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
            "SELECT id, lead_id, start_at, reminders_sent, with_agent_id FROM appointments WHERE start_at > ?1 "
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
                           {{"appointmentId", id}, {"reminderHours", hours}},
                           st.get_opt_int64(4)});
        }
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
            enqueue(db, {std::nullopt, lead->id, "send_email", payload, now, d.cause + ":agent"}, now);
        }
        tx.commit();
    }
}

void JobRunner::execute(db::Database& db, const Job& job, std::int64_t now, const domain::Settings& s) {
    std::optional<domain::Lead> lead;
    if (job.lead_id) lead = leads::find_lead(db, *job.lead_id, now);
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
        db::add_notification(db,
                             {arg, lead->id, delivery, text,
                              arg == "no_first_call" ? std::vector<std::string>{"reassign", "refund"}
                                                     : std::vector<std::string>{}},
                             now);
        mark_done(db, job.id, now, false);
        tx.commit();
        return;
    }
    if (job.kind == "send_package") return send_package(db, job, now);  // to the agent, not the lead
    if (job.kind == "payment_link") return payment_link(db, job, now);  // to Stripe, not the lead
    if (job.kind == "create_task" || job.kind == "set_status" || job.kind == "set_stage") {
        return mark_done(db, job.id, now, false);  // applied when the job was created
    }

    if (!lead) return mark_cancelled(db, job.id, now, "message sans lead");
    send_message(db, job, now, s, *lead);  // automation/message_jobs.cpp
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
