#include "app/queue_controller.hpp"

#include "app/browser.hpp"

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

void QueueController::load_templates() {
    api_.get("/api/templates", [this](const ApiResult& r) {
        auto j = r.json();
        if (!r.ok() || !j.contains("items")) return;
        templates_.clear();
        for (const auto& t : j["items"])
            templates_.push_back({t.value("name", ""), t.value("channel", ""), t.value("body", "")});
    });
}

void QueueController::set_template_body(const std::string& name, const std::string& body) {
    for (auto& info : templates_)
        if (info.name == name) info.body = body;
}

void QueueController::reload_lead_card() {
    timeline_lead_ = 0;
    on_selection_changed();
}

void QueueController::open_sms_dialog() {
    if (state_.contact_blocked_reason().empty())
        open_sms = true;
    else
        state_.flash = "SMS impossible : " + state_.contact_blocked_reason();
}

void QueueController::on_selection_changed() {
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
            for (const auto& e : sync_.store().interactions_of(id)) {
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
                text = (channel == "sms"        ? "SMS"
                        : channel == "whatsapp" ? "WhatsApp"
                                                : "E-mail") +
                       std::string(" (") + message_status_fr(status) + ") : " + e.value("body", "");
                if (channel == "whatsapp" && status == "prepared") message_id = e.value("id", std::int64_t{0});
            } else if (type == "task")
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

void QueueController::record_outcome(int key) {
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
    sync_.submit(
        sync_.new_op(*lead, lead_path(*lead) + "/outcome", body, label), [this, label, name, id](const ApiResult& r) {
            if (!r.ok()) {
                state_.flash = label + " : échec — " + r.error_message();
                return;
            }
            sync_.outcome_recorded(id);
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
            dashboard_.refresh_after_change();
        });
}

void QueueController::book(domain::UnixTime start, domain::UnixTime end, const std::string& location,
                           std::int64_t lead_id) {
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
    sync_.submit(
        sync_.new_op(*lead, lead_path(*lead) + "/outcome", body, domain::outcome_label_fr(domain::Outcome::booked)),
        [this, id, seller_email, agent](const ApiResult& r) {
            if (!r.ok()) {
                state_.flash = "RDV : échec — " + r.error_message();
                return;
            }
            sync_.outcome_recorded(id);
            // What the server actually set in motion, said as it is (scheduled; kept locally
            // when no provider is configured).
            const auto answer = r.json();
            state_.flash = booking_summary(
                answer.is_object() ? answer.value("jobs", nlohmann::json::array()) : nlohmann::json::array(),
                state_.integrations, seller_email, agent);
            reload_lead_card();
            dashboard_.refresh_after_change();
        });
}

// The server decides (window, consent, caps, DNC) and audits the start; only then the phone
// dials and the timer runs. A refusal says why and when calling becomes possible.
void QueueController::start_call() {
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

void QueueController::record_consent() {
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
        reload_lead_card();
    });
}

void QueueController::add_note(const std::string& text) {
    const auto* lead = state_.current_lead();
    if (!lead || text.empty()) return;
    sync_.submit(sync_.new_op(*lead, lead_path(*lead) + "/notes", {{"text", text}}, "Note"),
                 [this](const ApiResult& r) {
                     state_.flash = r.ok() ? "Note ajoutée." : "Note : échec — " + r.error_message();
                     reload_lead_card();
                 });
}

std::string QueueController::preview(const std::string& template_name) const {
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

void QueueController::send_sms(const std::string& template_name) {
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

void QueueController::open_whatsapp() {
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

void QueueController::download_ics() {
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

void QueueController::confirm_whatsapp(std::int64_t message_id) {
    messages_.confirm_whatsapp(message_id, [this] { reload_lead_card(); });
}

// The server's .ics for a lead's latest appointment (the Express wrap-up: the lead just booked
// may not be the queue's current lead any more).
void QueueController::download_lead_ics(std::int64_t lead_id) {
    api_.get("/api/leads/" + std::to_string(lead_id) + "/ics", [this, lead_id](const ApiResult& r) {
        if (!r.ok()) {
            state_.flash = ".ics : " + r.error_message();
            return;
        }
        save_file("rendez-vous-" + std::to_string(lead_id) + ".ics", "text/calendar", r.body);
        state_.flash = ".ics téléchargé.";
    });
}

}  // namespace crm::console
