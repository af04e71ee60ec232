#include "app/controller.hpp"

#include "app/browser.hpp"
#include "app/device_storage.hpp"

#include "crm/domain/calling_windows.hpp"
#include "crm/domain/ics.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/templates.hpp"

namespace crm::console {

namespace {

std::string lead_path(const domain::Lead& l) {
    return "/api/leads/" + std::to_string(l.id);
}

}  // namespace

void Controller::load() {
    api_.get("/api/me", [this](const ApiResult& r) {
        auto j = r.json();
        if (r.ok() && j.is_object()) state_.user_name = j.value("displayName", std::string());
        state_.online = r.status != 0;
    });
    api_.get("/api/settings", [this](const ApiResult& r) {
        if (!r.ok()) return;
        domain::Settings s;
        try {
            domain::from_json(r.json(), s);
            state_.set_settings(s);
            settings_from_server_ = true;
        } catch (const std::exception&) {
            state_.error = "Réglages illisibles : valeurs par défaut utilisées.";
        }
    });
    api_.get("/api/templates", [this](const ApiResult& r) {
        auto j = r.json();
        if (!r.ok() || !j.contains("items")) return;
        templates_.clear();
        for (const auto& t : j["items"])
            templates_.push_back({t.value("name", ""), t.value("channel", ""), t.value("body", "")});
    });
    api_.get("/api/notifications", [this](const ApiResult& r) {
        if (r.ok()) state_.automations.set_notifications(r.json());
    });
    messages.load_integrations();  // the status bar says when nothing really leaves
    // Outcomes recorded offline follow the same rules as on the server: keep them on the device.
    refresh_offline_rules();
    // The queue comes from the device's copy at once, then from the server (sync_controller.cpp).
    device_load();
}

void Controller::on_selection_changed() {
    const auto* lead = state_.current_lead();
    if (!lead || lead->id == timeline_lead_) return;
    timeline_lead_ = lead->id;
    timeline_.clear();
    appointments_.clear();
    const auto id = lead->id;
    api_.get(lead_path(*lead) + "/timeline", [this, id](const ApiResult& r) {
        if (id != timeline_lead_) return;
        if (r.status == 0) {  // offline: the interactions kept on the device
            timeline_.clear();
            for (const auto& e : store_.interactions_of(id)) {
                const auto at = domain::parse_iso_utc(e.value("timestamp", ""));
                timeline_.push_back(
                    {"interaction", at ? domain::format_paris(*at) : "",
                     e.value("summary", "") + (e.value("offline", false) ? " (en attente d'envoi)" : "")});
            }
            return;
        }
        if (!r.ok()) return;
        auto j = r.json();
        timeline_.clear();
        appointments_.clear();
        for (const auto& e : j["items"]) {
            const std::string type = e.value("type", "");
            std::string text;
            std::int64_t message_id = 0;
            if (type == "interaction" && e.value("kind", "") == "sms" && e.value("direction", "") == "in")
                text = "SMS reçu : " + e.value("summary", "");  // a reply, in the thread
            else if (type == "interaction")
                text = e.value("summary", "") + " — " + e.value("userName", "");
            else if (type == "message") {
                const auto channel = e.value("channel", "");
                const auto status = e.value("status", "");
                text = (channel == "sms" ? "SMS" : channel == "whatsapp" ? "WhatsApp" : "E-mail") + std::string(" (") +
                       message_status_fr(status) + ") : " + e.value("body", "");
                if (channel == "whatsapp" && status == "prepared") message_id = e.value("id", std::int64_t{0});
            }
            else if (type == "task")
                text = "Relance : " + e.value("note", "");
            else if (type == "appointment")
                text = "Rendez-vous " + e.value("location", "");
            else if (type == "delivery")
                text = "Livraison (" + e.value("status", "") + ")";
            const auto at = domain::parse_iso_utc(e.value("at", ""));
            timeline_.push_back({type, at ? domain::format_paris(*at) : "", text, message_id});
            if (type == "appointment") {
                const auto start = domain::parse_iso_utc(e.value("start", ""));
                const auto end = domain::parse_iso_utc(e.value("end", ""));
                if (start && end)
                    appointments_.push_back(
                        {e.value("id", 0LL), *start, *end, e.value("location", ""), e.value("icsUid", "")});
            }
        }
    });
}

void Controller::dispatch(const Action& a) {
    // Queue keys act on the queue's lead: outside the queue they would change a lead the
    // operator cannot see. Tabs, help, settings, the Dashboard's keys and P on the board's
    // selected card work everywhere.
    const bool anywhere = a.kind == ActionKind::tab || a.kind == ActionKind::help || a.kind == ActionKind::settings ||
                          a.kind == ActionKind::refresh || a.kind == ActionKind::toggle_days ||
                          a.kind == ActionKind::duplicates || a.kind == ActionKind::import_csv ||
                          (a.kind == ActionKind::deliver && state_.tab == Tab::pipeline);
    if (state_.tab != Tab::queue && !anywhere) return;
    switch (a.kind) {
        case ActionKind::next:
            state_.select_next();
            break;
        case ActionKind::prev:
            state_.select_prev();
            break;
        case ActionKind::search:
            state_.focus_search = true;
            break;
        case ActionKind::help:
            state_.show_help = !state_.show_help;
            break;
        case ActionKind::outcome:
            record_outcome(a.outcome_key);
            break;
        case ActionKind::call:
            start_call();
            break;
        case ActionKind::consent:
            record_consent();
            break;
        case ActionKind::settings:
            open_settings = true;
            break;
        case ActionKind::new_lead:
            open_lead_form(false);
            break;
        case ActionKind::edit_lead:
            open_lead_form(true);
            break;
        case ActionKind::sms:
            if (state_.contact_blocked_reason().empty())
                open_sms = true;
            else
                state_.flash = "SMS impossible : " + state_.contact_blocked_reason();
            break;
        case ActionKind::whatsapp:
            open_whatsapp();
            break;
        case ActionKind::book:
            if (state_.current_lead()) open_booking = true;
            break;
        case ActionKind::ics:
            download_ics();
            break;
        case ActionKind::follow_up:
            if (state_.current_lead()) open_follow_up = true;
            break;
        case ActionKind::follow_ups:
            state_.show_follow_ups = !state_.show_follow_ups;
            break;
        case ActionKind::tab:
            state_.tab = static_cast<Tab>(a.outcome_key - 1);
            state_.tab_requested = true;
            break;
        case ActionKind::deliver:  // the queue's lead, or the card selected on the board
            open_delivery_dialog(state_.tab == Tab::pipeline ? state_.sales.pipeline_selected : 0);
            break;
        case ActionKind::refresh:
            if (state_.tab == Tab::dashboard) {
                load_dashboard();
                load_duplicates();
            } else if (state_.tab == Tab::automations) {
                load_automations();
            }
            break;
        case ActionKind::toggle_days:
            if (state_.tab == Tab::dashboard) set_dashboard_days(state_.dashboard.days() == 7 ? 30 : 7);
            break;
        case ActionKind::duplicates:
            show_dashboard_section(DashboardSection::duplicates);
            break;
        case ActionKind::import_csv:
            show_dashboard_section(DashboardSection::import_csv);
            csv_file_requested = !state_.hygiene.importing;  // one import at a time
            break;
    }
    on_selection_changed();
}

void Controller::record_outcome(int key) {
    const auto outcome = domain::outcome_for_key(key);
    const auto* lead = state_.current_lead();
    if (!outcome || !lead) return;
    if (*outcome == domain::Outcome::booked) {
        open_booking = true;  // a booking needs a slot
        state_.wrap_up = WrapUp{lead->id, domain::outcome_label_fr(*outcome), true};
        return;
    }
    nlohmann::json body = {{"outcome", domain::to_string(*outcome)}};
    if (state_.in_call()) body["callSeconds"] = state_.call_seconds();
    state_.stop_call();
    const std::string label = domain::outcome_label_fr(*outcome);
    const std::string name = lead->first_name + " " + lead->last_name;
    const auto id = lead->id;
    // The Express layout carries the rest of the call (not for a lead that may not be called).
    if (*outcome == domain::Outcome::dnc || *outcome == domain::Outcome::bad_number)
        state_.wrap_up.reset();
    else
        state_.wrap_up = WrapUp{id, label, false};
    submit(new_op(*lead, lead_path(*lead) + "/outcome", body, label), [this, label, name, id](const ApiResult& r) {
        if (!r.ok()) {
            state_.flash = label + " : échec — " + r.error_message();
            return;
        }
        after_outcome_recorded(id);
        auto j = r.json();
        std::string status;
        try {
            const auto lead = j["lead"].get<domain::Lead>();
            status = std::string(" · statut ") + domain::to_string(lead.status) + ", étape " +
                     domain::stage_label_fr(lead.stage);
        } catch (const std::exception&) {
        }
        std::string jobs;
        for (const auto& job : j["jobs"]) jobs += (jobs.empty() ? "" : ", ") + job.value("kind", std::string());
        state_.flash = name + " — " + label + status + (jobs.empty() ? "" : " · automatisations : " + jobs);
        on_selection_changed();
        refresh_dashboard_after_change();
    });
}

void Controller::book(domain::UnixTime start, domain::UnixTime end, const std::string& location, std::int64_t lead_id) {
    const auto* lead = lead_id ? state_.find_lead(lead_id) : state_.current_lead();
    if (!lead) return;
    const auto id = lead->id;
    state_.wrap_up = WrapUp{id, domain::outcome_label_fr(domain::Outcome::booked), false};
    nlohmann::json body = {
        {"outcome", "booked"},
        {"slot",
         {{"start", domain::format_iso_utc(start)}, {"end", domain::format_iso_utc(end)}, {"location", location}}}};
    if (state_.in_call()) body["callSeconds"] = state_.call_seconds();
    state_.stop_call();
    const bool seller_email = lead->email.has_value(), agent = lead->assigned_agent_id.has_value();
    submit(new_op(*lead, lead_path(*lead) + "/outcome", body, domain::outcome_label_fr(domain::Outcome::booked)),
           [this, id, seller_email, agent](const ApiResult& r) {
               if (!r.ok()) {
                   state_.flash = "RDV : échec — " + r.error_message();
                   return;
               }
               after_outcome_recorded(id);
               // What the server actually set in motion, said as it is (scheduled; kept locally
               // when no provider is configured).
               const auto answer = r.json();
               state_.flash = booking_summary(answer.is_object() ? answer.value("jobs", nlohmann::json::array())
                                                                 : nlohmann::json::array(),
                                              state_.integrations, seller_email, agent);
               timeline_lead_ = 0;
               on_selection_changed();
               refresh_dashboard_after_change();
           });
}

// The server decides (window, consent, caps, DNC) and audits the start; only then the phone
// dials and the timer runs. A refusal says why and when calling becomes possible.
void Controller::start_call() {
    const auto reason = state_.call_blocked_reason();
    if (!reason.empty()) {
        state_.flash = "Appel impossible : " + reason;
        return;
    }
    const auto* lead = state_.current_lead();
    const auto id = lead->id;
    const auto phone = *lead->phone_e164;
    api_.post(lead_path(*lead) + "/calls", nlohmann::json::object(), [this, id, phone](const ApiResult& r) {
        state_.online = r.status != 0;
        if (r.status == 0) {
            // No network: the domain library has already checked the window, caps and consent
            // (call_blocked_reason); the outcome recorded after the call reaches the server later.
            const auto* cur = state_.current_lead();
            if (!cur || cur->id != id) return;
            state_.start_call();
            open_url("tel:" + phone);
            state_.flash = "Appel en cours (hors ligne : plages et plafonds vérifiés sur l'appareil)…";
            return;
        }
        if (!r.ok()) {
            std::string why = r.error_message();
            const auto j = r.json();
            for (const char* key : {"nextOpenAt", "until"})
                if (j.is_object() && j.contains(key) && j[key].is_string())  // next to "error" in 409s
                    if (const auto t = domain::parse_iso_utc(j[key].get<std::string>()))
                        why += " (possible le " + domain::format_paris(*t) + ")";
            state_.flash = "Appel refusé : " + why;
            return;
        }
        const auto* cur = state_.current_lead();
        if (!cur || cur->id != id) return;  // the operator moved on meanwhile
        state_.start_call();
        open_url("tel:" + phone);
        state_.flash = r.json().value("consentExempt", false) ? "Appel en cours (hors plage, consentement enregistré)…"
                                                              : "Appel en cours…";
    });
}

void Controller::record_consent() {
    const auto* lead = state_.current_lead();
    if (!lead) return;
    if (lead->consent) {
        state_.flash = "Consentement déjà enregistré.";
        return;
    }
    api_.post(lead_path(*lead) + "/consent", nlohmann::json::object(), [this](const ApiResult& r) {
        if (!r.ok()) {
            state_.flash = "Consentement : échec — " + r.error_message();
            return;
        }
        try {
            state_.upsert_lead(r.json().get<domain::Lead>());
            state_.flash = "Consentement enregistré (texte lu, date et source conservés).";
        } catch (const std::exception&) {
            state_.flash = "Réponse du serveur illisible.";
        }
        timeline_lead_ = 0;
        on_selection_changed();
    });
}

void Controller::save_settings(const domain::Settings& s) {
    api_.put("/api/settings", nlohmann::json(s), [this](const ApiResult& r) {
        if (!r.ok()) {
            settings_message = "Réglages refusés : " + r.error_with_fields();
            return;
        }
        try {
            domain::Settings saved;
            domain::from_json(r.json(), saved);
            state_.set_settings(saved);
            settings_message = "Réglages enregistrés (audités).";
        } catch (const std::exception&) {
            settings_message = "Réponse du serveur illisible.";
        }
    });
}

void Controller::add_note(const std::string& text) {
    const auto* lead = state_.current_lead();
    if (!lead || text.empty()) return;
    submit(new_op(*lead, lead_path(*lead) + "/notes", {{"text", text}}, "Note"), [this](const ApiResult& r) {
        state_.flash = r.ok() ? "Note ajoutée." : "Note : échec — " + r.error_message();
        timeline_lead_ = 0;
        on_selection_changed();
    });
}

std::string Controller::preview(const std::string& template_name) const {
    const auto* lead = state_.current_lead();
    for (const auto& t : templates_)
        if (t.name == template_name && lead) {
            std::map<std::string, std::string> values = {
                {"firstName", lead->first_name}, {"city", lead->city}, {"agentName", "l'agent"}};
            if (!appointments_.empty()) {
                values["date"] = domain::format_paris(appointments_.front().start, "%d/%m/%Y");
                values["time"] = domain::format_paris(appointments_.front().start, "%H:%M");
            }
            const auto merged = domain::merge_template(t.body, values);
            return merged.ok() ? merged.text : merged.error;
        }
    return "";
}

void Controller::send_sms(const std::string& template_name) {
    const auto* lead = state_.current_lead();
    if (!lead) return;
    api_.post(lead_path(*lead) + "/messages", {{"channel", "sms"}, {"template", template_name}},
              [this](const ApiResult& r) {
                  if (!r.ok()) {
                      state_.flash = "SMS : échec — " + r.error_message();
                      return;
                  }
                  // A marketing SMS waits for its window, as automated ones do: say until when.
                  const auto j = r.json();
                  const auto held = j.is_object() && j.contains("heldUntil") && j["heldUntil"].is_string()
                                        ? domain::parse_iso_utc(j["heldUntil"].get<std::string>())
                                        : std::nullopt;
                  state_.flash = held ? "SMS commercial : part le " + domain::format_paris(*held) +
                                            " (fenêtre des SMS, lun.–sam. 8 h–20 h)."
                                      : "SMS mis en file d'envoi.";
              });
}

void Controller::open_whatsapp() {
    const auto reason = state_.contact_blocked_reason();
    if (!reason.empty()) {
        state_.flash = "WhatsApp impossible : " + reason;
        return;
    }
    const auto* lead = state_.current_lead();
    std::string text = "Bonjour " + lead->first_name + ", ";
    std::string encoded;
    for (unsigned char c : text) {
        if (std::isalnum(c))
            encoded += static_cast<char>(c);
        else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            encoded += buf;
        }
    }
    open_url("https://wa.me/" + lead->phone_e164->substr(1) + "?text=" + encoded);
    api_.post(lead_path(*lead) + "/notes", {{"text", "WhatsApp ouvert"}}, [](const ApiResult&) {});
}

void Controller::download_ics() {
    const auto* lead = state_.current_lead();
    if (!lead) return;
    if (appointments_.empty()) {
        state_.flash = ".ics : aucun rendez-vous pour ce lead (B pour en réserver un).";
        return;
    }
    const auto& a = appointments_.front();
    domain::IcsEvent e;
    e.uid = a.uid;
    e.stamp = state_.now();
    e.start = a.start;
    e.end = a.end;
    e.location = a.location;
    e.summary = "Estimation immobilière — " + lead->first_name + " " + lead->last_name;
    e.organizer = {state_.user_name, "operateur@lead-crm.local"};
    if (lead->email) e.attendees.push_back({lead->first_name + " " + lead->last_name, *lead->email});
    save_file("rendez-vous-" + std::to_string(lead->id) + ".ics", "text/calendar", domain::build_ics(e));
    state_.flash = ".ics téléchargé.";
}

void Controller::confirm_whatsapp(std::int64_t message_id) {
    messages.confirm_whatsapp(message_id, [this] {
        timeline_lead_ = 0;
        on_selection_changed();
    });
}

// The server's .ics for a lead's latest appointment (the Express wrap-up: the lead just booked
// may not be the queue's current lead any more).
void Controller::download_lead_ics(std::int64_t lead_id) {
    api_.get("/api/leads/" + std::to_string(lead_id) + "/ics", [this, lead_id](const ApiResult& r) {
        if (!r.ok()) {
            state_.flash = ".ics : " + r.error_message();
            return;
        }
        save_file("rendez-vous-" + std::to_string(lead_id) + ".ics", "text/calendar", r.body);
        state_.flash = ".ics téléchargé.";
    });
}

void Controller::load_automations() {
    messages.load_integrations();
    api_.get("/api/rules", [this](const ApiResult& r) {
        if (r.ok())
            state_.automations.set_rules(r.json());
        else
            automations_message = "Règles : " + r.error_message();
    });
    api_.get("/api/templates", [this](const ApiResult& r) {
        if (r.ok()) state_.automations.set_templates(r.json());
    });
    api_.get("/api/notifications", [this](const ApiResult& r) {
        if (r.ok()) state_.automations.set_notifications(r.json());
    });
    load_jobs();
    load_agents();
}

void Controller::load_jobs() {
    const auto& filter = state_.automations.job_filter;
    api_.get("/api/jobs?limit=500" + (filter.empty() ? std::string() : "&status=" + filter),
             [this, filter](const ApiResult& r) {
                 if (filter != state_.automations.job_filter) return;  // the filter changed meanwhile
                 if (r.ok())
                     state_.automations.set_jobs(r.json());
                 else
                     automations_message = "Jobs : " + r.error_message();
             });
}

void Controller::load_agents() {
    api_.get("/api/agents", [this](const ApiResult& r) {
        auto j = r.json();
        if (!r.ok() || !j.is_object() || !j.contains("items")) return;
        agents_.clear();
        for (const auto& a : j["items"])
            if (a.is_object() && a.contains("id"))
                agents_.push_back({a.value("id", 0LL), a.value("displayName", a.value("username", std::string()))});
    });
}

void Controller::set_rule_enabled(std::int64_t id, bool enabled) {
    api_.patch("/api/rules/" + std::to_string(id), {{"enabled", enabled}}, [this, enabled](const ApiResult& r) {
        if (!r.ok()) {
            automations_message = "Règle : échec — " + r.error_message();
            return;
        }
        const auto rule = rule_from_json(r.json());
        state_.automations.upsert_rule(rule);
        refresh_offline_rules();
        automations_message = "« " + rule.name + " » " + (enabled ? "activée." : "désactivée.");
    });
}

void Controller::save_rule(std::int64_t id, const std::string& name, const std::string& trigger,
                           const std::string& action) {
    api_.patch("/api/rules/" + std::to_string(id), {{"name", name}, {"trigger", trigger}, {"action", action}},
               [this](const ApiResult& r) { after_rule_answer(r, "enregistrée"); });
}

void Controller::create_rule(const std::string& name, const std::string& trigger, const std::string& action) {
    api_.post("/api/rules", {{"name", name}, {"trigger", trigger}, {"action", action}},
              [this](const ApiResult& r) { after_rule_answer(r, "créée"); });
}

// A rule saved or created: shown as the server has it, and kept for outcomes recorded offline.
void Controller::after_rule_answer(const ApiResult& r, const std::string& done) {
    if (!r.ok()) {
        automations_message = "Règle refusée : " + r.error_with_fields();
        return;
    }
    const auto rule = rule_from_json(r.json());
    state_.automations.upsert_rule(rule);
    refresh_offline_rules();
    automations_message = "Règle « " + rule.name + " » " + done + ".";
}

void Controller::delete_rule(std::int64_t id) {
    api_.del("/api/rules/" + std::to_string(id), [this, id](const ApiResult& r) {
        if (!r.ok()) {
            automations_message = "Suppression : échec — " + r.error_message();
            return;
        }
        state_.automations.remove_rule(id);
        refresh_offline_rules();
        automations_message = "Règle supprimée.";
    });
}

// Outcomes recorded offline follow the stored rules: keep the device's copy in step.
void Controller::refresh_offline_rules() {
    api_.get("/api/rules", [this](const ApiResult& r) {
        auto j = r.json();
        if (!r.ok() || !j.is_object() || !j.contains("items")) return;
        store_.set_rules(j["items"]);
        device_changed();
    });
}

void Controller::retry_job(std::int64_t id) {
    api_.post("/api/jobs/" + std::to_string(id) + "/retry", nlohmann::json::object(), [this, id](const ApiResult& r) {
        if (!r.ok()) {
            automations_message = "Relance du job : échec — " + r.error_message();
            return;
        }
        state_.automations.upsert_job(job_from_json(r.json()));
        automations_message = "Job " + std::to_string(id) + " relancé : il part au prochain passage.";
    });
}

void Controller::run_due_now() {
    api_.post("/api/jobs/run-due", nlohmann::json::object(), [this](const ApiResult& r) {
        automations_message = r.ok() ? std::to_string(r.json().value("processed", 0)) + " job(s) traité(s)."
                                     : "Passage : échec — " + r.error_message();
        load_jobs();
        api_.get("/api/notifications", [this](const ApiResult& n) {
            if (n.ok()) state_.automations.set_notifications(n.json());
        });
    });
}

void Controller::save_template(const std::string& name, const std::string& body) {
    api_.put("/api/templates/" + name, {{"body", body}}, [this, name](const ApiResult& r) {
        if (!r.ok()) {
            automations_message = "Modèle refusé : " + r.error_with_fields();
            return;
        }
        const auto t = template_from_json(r.json());
        state_.automations.upsert_template(t);
        for (auto& info : templates_)  // the SMS dialog of the queue uses the new text at once
            if (info.name == t.name) info.body = t.body;
        automations_message = "Modèle « " + name + " » enregistré.";
    });
}

void Controller::resolve_notification(std::int64_t id) {
    api_.post("/api/notifications/" + std::to_string(id) + "/resolve", nlohmann::json::object(),
              [this, id](const ApiResult& r) {
                  if (!r.ok()) {
                      automations_message = "Notification : échec — " + r.error_message();
                      return;
                  }
                  state_.automations.remove_notification(id);
                  automations_message = "Notification traitée.";
              });
}

void Controller::refund_delivery(std::int64_t delivery_id, const std::string& reason, std::int64_t notification_id) {
    act_on_delivery(delivery_id, "refund", {{"reason", reason}}, notification_id, "Remboursement",
                    "Livraison remboursée, lien révoqué.");
}

void Controller::reassign_delivery(std::int64_t delivery_id, std::int64_t agent_id, std::int64_t notification_id) {
    act_on_delivery(delivery_id, "reassign", {{"agentId", agent_id}}, notification_id, "Réattribution",
                    "Lead réattribué : nouveau lien envoyé, l'ancien est révoqué.");
}

// A notification's action on its delivery; once the server has done it, the notification is
// handled.
void Controller::act_on_delivery(std::int64_t delivery_id, const std::string& verb, const nlohmann::json& body,
                                 std::int64_t notification_id, const std::string& what, const std::string& done) {
    api_.post("/api/deliveries/" + std::to_string(delivery_id) + "/" + verb, body,
              [this, notification_id, what, done](const ApiResult& r) {
                  if (!r.ok()) {
                      automations_message = what + " : échec — " + r.error_message();
                      state_.sales.message = automations_message;
                      return;
                  }
                  automations_message = done;
                  after_delivery_answer(r, done);
                  if (notification_id > 0) resolve_notification(notification_id);
              });
}

void Controller::show_dashboard_section(DashboardSection section) {
    state_.dashboard_section = section;
    state_.section_requested = true;
    // Opening the tab loads its data (draw_shell); on the tab already, a fresh list is wanted.
    if (state_.tab == Tab::dashboard && section == DashboardSection::duplicates) load_duplicates();
    state_.tab = Tab::dashboard;
    state_.tab_requested = true;
}

void Controller::load_dashboard() {
    const int days = state_.dashboard.days();
    const int ticket = state_.dashboard.request(days);
    api_.get("/api/dashboard?days=" + std::to_string(days), [this, ticket](const ApiResult& r) {
        state_.online = r.status != 0;
        if (!r.ok()) {
            state_.dashboard.set_error(ticket, "Tableau de bord : " + r.error_message());
            return;
        }
        state_.dashboard.set_answer(ticket, r.json());
    });
}

void Controller::set_dashboard_days(int days) {
    if (days != 7 && days != 30) return;  // the only periods the server computes
    state_.dashboard.request(days);
    load_dashboard();
}

void Controller::refresh_dashboard_after_change() {
    // Figures only move on screen when the tab is open; opening the tab reloads them anyway.
    if (state_.tab == Tab::dashboard) load_dashboard();
}

void Controller::load_duplicates() {
    api_.get("/api/leads/duplicates", [this](const ApiResult& r) {
        if (!r.ok()) {
            state_.hygiene.duplicates_message = "Doublons : " + r.error_message();
            return;
        }
        state_.hygiene.set_duplicates(r.json());
    });
}

void Controller::merge_leads(std::int64_t keep_id, std::int64_t from_id) {
    state_.hygiene.duplicates_message = "Fusion en cours…";
    api_.post("/api/leads/" + std::to_string(keep_id) + "/merge", {{"fromId", from_id}},
              [this, keep_id, from_id](const ApiResult& r) {
                  if (!r.ok()) {
                      state_.hygiene.duplicates_message = "Fusion refusée : " + r.error_with_fields();
                      load_duplicates();  // e.g. one of them was already merged elsewhere
                      return;
                  }
                  state_.hygiene.remove_lead(from_id);
                  state_.remove_lead(from_id);
                  store_.remove_lead(from_id);
                  device_changed();
                  try {
                      state_.upsert_lead(r.json().get<domain::Lead>());
                  } catch (const std::exception&) {
                      sync_now();  // the queue shows the server's lead either way
                  }
                  state_.hygiene.duplicates_message = "Lead " + std::to_string(from_id) + " fusionné dans le lead " +
                                                      std::to_string(keep_id) +
                                                      " : historique déplacé, doublon supprimé.";
                  load_duplicates();
                  refresh_dashboard_after_change();
              });
}

void Controller::import_csv(const std::string& file_name, const std::string& text) {
    auto& h = state_.hygiene;
    h.importing = true;
    h.import_message = "Import de « " + file_name + " »…";
    api_.post_text("/api/leads/import", text, "text/csv; charset=utf-8", [this, file_name](const ApiResult& r) {
        auto& h = state_.hygiene;
        h.importing = false;
        if (!r.ok()) {
            h.clear_import();
            h.import_message = "« " + file_name + " » refusé, rien n'a été importé : " + r.error_with_fields();
            return;
        }
        const auto report = import_report_from_json(file_name, r.json());
        h.import_message.clear();  // the report's own summary line says it
        h.set_import(report);
        if (h.import_report()->created > 0) {
            sync_now();  // the new leads join the queue
            refresh_dashboard_after_change();
        }
        load_duplicates();
    });
}

}  // namespace crm::console
