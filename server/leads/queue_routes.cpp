// The speed-dial queue and what the operator does from it: the ranked list (same domain code
// as the console), call outcomes (keys 1-7) with their automation hand-off, .ics downloads and
// one-off messages.
#include <chrono>
#include <cstdio>

#include "api/body_reader.hpp"
#include "appointments/appointments_repo.hpp"
#include "audit/audit_repo.hpp"
#include "auth/passwords.hpp"
#include "automation/jobs_repo.hpp"
#include "automation/rule_engine.hpp"
#include "core/services.hpp"
#include "crm/domain/ics.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/outcomes.hpp"
#include "crm/domain/templates.hpp"
#include "leads/lead_lookup.hpp"
#include "leads/leads_repo.hpp"
#include "leads/queue_cache.hpp"
#include "leads/routes.hpp"
#include "leads/tasks_repo.hpp"
#include "messages/messages_repo.hpp"
#include "settings/settings_repo.hpp"

namespace crm::leads {

using namespace crm::http;

namespace {

Response queue(Services& app, RequestContext& ctx, QueueCache& cache) {
    const int limit = ctx.query_int("limit", 50, 1, 5000);
    const auto now = app.now();
    auto db = app.pool().acquire();
    auto body = cache.answer(*db, now, static_cast<std::size_t>(limit), [](const domain::QueuePage& page, auto at) {
        auto items = nlohmann::json::array();
        for (const auto& item : page.items) {
            const auto& lead = page.leads[item.index];
            auto j = domain::queue_item_json(item, lead);
            j["lead"] = lead;
            items.push_back(std::move(j));
        }
        return domain::json_text({{"items", items},
                                  {"total", page.total},
                                  // The first `limit` left-out leads (by id) with why and until
                                  // when; all of them would be tens of thousands of rows.
                                  {"excluded", page.excluded},
                                  {"excludedTotal", page.excluded_total},
                                  {"window", page.window},
                                  {"now", format_iso_utc(at)}});
    });
    return json_text_response(ctx.req, 200, std::move(body));
}

struct Slot {
    std::int64_t start, end;
    std::string location;
};

std::optional<Slot> read_slot(const nlohmann::json& body, api::BodyReader& in) {
    if (!body.contains("slot") || body["slot"].is_null()) return std::nullopt;
    if (!body["slot"].is_object()) throw bad_request("« slot » doit être un objet {start, end, location}.");
    api::BodyReader slot(body["slot"]);
    auto start = slot.text("start", true, 40);
    auto end = slot.text("end", true, 40);
    auto location = slot.text("location", false, 300);
    const auto s = start ? parse_iso_utc(*start) : std::nullopt;
    const auto e = end ? parse_iso_utc(*end) : std::nullopt;
    if (!s || !e) {
        in.invalid("slot", "début et fin ISO 8601 UTC requis");
        return std::nullopt;
    }
    if (*e <= *s) {
        in.invalid("slot", "la fin doit suivre le début");
        return std::nullopt;
    }
    return Slot{*s, *e, location.value_or("")};
}

Response outcome(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    api::BodyReader in(body);
    auto name = in.text("outcome", true, 20);
    auto note = in.text("note", false, 5000);
    auto seconds = in.integer("callSeconds", false, 0, 24 * 3600);
    std::optional<domain::Outcome> outcome;
    if (name) {
        outcome = domain::parse_outcome(*name);
        if (!outcome) in.invalid("outcome", "answered, no_answer, voicemail, bad_number, not_seller, booked ou dnc");
    }
    auto slot = read_slot(body, in);
    if (outcome == domain::Outcome::booked && !slot && in.ok()) in.invalid("slot", "obligatoire pour un rendez-vous");
    in.finish();

    const auto now = app.now();
    auto db = app.pool().acquire();
    const auto settings = settings::load_settings(*db);
    db::Transaction tx(*db);
    auto lead = require_lead(*db, ctx.id_param(), now);
    // An outcome that says a call took place (and may send an SMS or book) is refused for a
    // lead nobody may call; recording bad_number / dnc / not_seller stays possible.
    const bool call_placed = *outcome == domain::Outcome::answered || *outcome == domain::Outcome::no_answer ||
                             *outcome == domain::Outcome::voicemail || *outcome == domain::Outcome::booked;
    if (call_placed && lead.dnc) throw conflict("dnc", "Ce lead ne veut plus être contacté.");
    if (call_placed && lead.bad_number) throw conflict("bad_number", "Le numéro de ce lead est invalide.");
    const auto plan = domain::plan_outcome(*outcome, lead);

    // What happened on the call is always recorded; one outside the rules is flagged.
    const auto permission = domain::call_permission(lead, now, settings);
    const auto interaction_id =
        add_call(*db, lead.id, ctx.caller().id, note.value_or(domain::outcome_label_fr(*outcome)), *name, now, seconds);
    if (!permission.allowed)
        audit(*db, ctx.caller().id, "call.outside_window", "lead", lead.id, nullptr,
              {{"outcome", *name}, {"window", permission.window.reason}}, now);

    domain::apply_outcome(lead, plan, now);  // the console applies the same offline
    save_call_state(*db, lead, now);
    // The call was the follow-up: the open ones are done before the rule plans the next.
    const int completed = complete_open_tasks(*db, lead.id, now);

    nlohmann::json extra = {{"interactionId", interaction_id}};
    if (slot) {
        extra["appointmentId"] =
            appointments::add(*db,
                              {lead.id, slot->start, slot->end, slot->location, lead.assigned_agent_id,
                               lead.assigned_agent_id, auth::random_token(16) + "@lead-crm"},
                              now);
        lead.has_booked_slot = true;
    }
    int cancelled = 0;
    if (plan.cancel_pending_jobs)
        cancelled = automation::cancel_pending_for_lead(*db, lead.id, now, "ne pas contacter");
    auto jobs = automation::apply_trigger(*db, std::string("outcome:") + *name, lead,
                                          "interaction:" + std::to_string(interaction_id), now, settings, extra);
    audit(*db, ctx.caller().id, "lead.outcome", "lead", lead.id, nullptr,
          {{"outcome", *name},
           {"interactionId", interaction_id},
           {"cancelledJobs", cancelled},
           {"completedFollowUps", completed}},
          now);
    tx.commit();
    return json_response(ctx.req, 200,
                         {{"lead", nlohmann::json(require_lead(*db, lead.id, now))},
                          {"interaction", interaction_by_id(*db, interaction_id)},
                          {"jobs", jobs},
                          {"cancelledJobs", cancelled},
                          {"completedFollowUps", completed}});
}

Response ics(Services& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    const auto lead = require_lead(*db, ctx.id_param(), now);
    const auto appointment_id = ctx.query_param("appointmentId")
                                    ? std::optional<std::int64_t>(ctx.query_int("appointmentId", 0, 1, INT32_MAX))
                                    : std::nullopt;
    const auto appointment = appointments::latest_for_lead(*db, lead.id, appointment_id);
    if (!appointment) throw not_found("Aucun rendez-vous pour ce lead.");
    domain::IcsEvent e;
    e.uid = appointment->uid;
    e.stamp = now;
    e.start = appointment->start;
    e.end = appointment->end;
    e.location = appointment->location;
    e.summary = "Estimation immobilière — " + lead.first_name + " " + lead.last_name;
    e.description = "Projet : " + std::string(lead.intention == domain::Intention::sell ? "vente" : "estimation") +
                    (lead.city.empty() ? "" : " à " + lead.city) + ". Téléphone : " + lead.phone;
    e.organizer = {ctx.caller().display_name, "operateur@lead-crm.local"};
    if (lead.email) e.attendees.push_back({lead.first_name + " " + lead.last_name, *lead.email});
    if (appointment->agent_email) e.attendees.push_back({appointment->agent_name, *appointment->agent_email});
    Response res{bhttp::status::ok, ctx.req.version()};
    res.set(bhttp::field::content_type, "text/calendar; charset=utf-8; method=REQUEST");
    res.set(bhttp::field::content_disposition,
            "attachment; filename=\"rendez-vous-" + std::to_string(lead.id) + ".ics\"");
    res.set(bhttp::field::cache_control, "no-store");
    res.keep_alive(ctx.req.keep_alive());
    res.body() = domain::build_ics(e);
    res.prepare_payload();
    return res;
}

Response send_message(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    api::BodyReader in(body);
    auto channel = in.text("channel", true, 20);
    auto template_name = in.text("template", false, 64);
    auto text = in.text("body", false, 1600);
    if (channel && *channel != "sms" && *channel != "whatsapp" && *channel != "email")
        in.invalid("channel", "sms, whatsapp ou email");
    if (!template_name && !text) in.invalid("body", "un modèle ou un texte est obligatoire");
    in.finish();
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto lead = require_lead(*db, ctx.id_param(), now);
    if (lead.dnc) throw conflict("dnc", "Ce lead ne veut plus être contacté.");
    if (lead.bad_number && *channel != "email") throw conflict("bad_number", "Le numéro de ce lead est invalide.");
    if (*channel == "email" && !lead.email) throw validation({{"channel", "ce lead n'a pas d'e-mail"}});
    if (*channel != "email" && !lead.phone_e164) throw validation({{"channel", "ce lead n'a pas de numéro valide"}});
    std::optional<bool> template_transactional;
    if (template_name) {
        template_transactional = messages::template_transactional(*db, *template_name);
        if (!template_transactional) throw validation({{"template", "modèle inconnu"}});
    }
    automation::NewJob job;
    job.lead_id = lead.id;
    job.kind = *channel == "email"      ? domain::JobKind::send_email
               : *channel == "whatsapp" ? domain::JobKind::send_whatsapp
                                        : domain::JobKind::send_sms;
    job.payload = {{"arg", template_name.value_or("")}, {"manual", true}};
    if (text) job.payload["body"] = *text;
    job.due_at = now;
    job.idempotency_key = "manual:" + auth::random_token(12);
    const auto id = automation::enqueue(*db, job, now);
    audit(*db, ctx.caller().id, "message.queue", "lead", lead.id, nullptr, {{"jobId", id}, {"channel", *channel}}, now);
    tx.commit();
    // Marketing content typed by hand waits for the SMS window like automated SMS (the job
    // runner holds it): say until when, so the console can tell the operator.
    nlohmann::json held_until = nullptr;
    if (*channel == "sms" && domain::waits_for_sms_window(true, template_transactional, text.value_or(""))) {
        const auto window = domain::sms_window(now, settings::load_settings(*db));
        if (!window.open) held_until = format_iso_utc(*window.next_open);
    }
    return json_response(ctx.req, 202, {{"job", automation::find_job_json(*db, id)}, {"heldUntil", held_until}});
}

}  // namespace

void register_queue_routes(Router& router, Services& app) {
    // The queue kept up to date for this server (leads/queue_cache.hpp).
    auto cache = std::make_shared<QueueCache>();
    router.add(Verb::get, "/api/queue", operator_only(),
               [&app, cache](RequestContext& c) { return queue(app, c, *cache); });
    // Built once the server listens: a request meanwhile waits for it, as it would have.
    app.after_start([&app, cache] {
        const auto started = std::chrono::steady_clock::now();
        auto db = app.pool().acquire();
        const auto leads = cache->warm_up(*db, app.now());
        const auto ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        std::fprintf(stderr, "{\"level\":\"info\",\"what\":\"queue_index\",\"leads\":%zu,\"ms\":%lld}\n", leads,
                     static_cast<long long>(ms));
    });
    router.add(Verb::post, "/api/leads/{id}/outcome", operator_only(),
               [&app](RequestContext& c) { return outcome(app, c); });
    router.add(Verb::get, "/api/leads/{id}/ics", operator_only(), [&app](RequestContext& c) { return ics(app, c); });
    router.add(Verb::post, "/api/leads/{id}/messages", operator_only(),
               [&app](RequestContext& c) { return send_message(app, c); });
}

}  // namespace crm::leads
