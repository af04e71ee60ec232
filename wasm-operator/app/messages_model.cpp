#include "app/messages_model.hpp"

#include "app/json_read.hpp"

namespace crm::console {

namespace {
std::vector<std::string> strings(const nlohmann::json& j) {
    std::vector<std::string> out;
    if (j.is_array())
        for (const auto& v : j)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
    return out;
}
}  // namespace

Integrations integrations_from_json(const nlohmann::json& j) {
    Integrations i;
    if (!j.is_object()) return i;
    i.loaded = true;
    i.sms = json_read::text(j, "sms");
    i.email = json_read::text(j, "email");
    i.payments = json_read::text(j, "payments");
    if (j.contains("outbox") && j["outbox"].is_object()) {
        i.outbox_sms = json_read::number(j["outbox"], "sms");
        i.outbox_email = json_read::number(j["outbox"], "email");
    }
    i.prepared_whatsapp = json_read::number(j, "preparedWhatsapp");
    if (j.contains("setup") && j["setup"].is_object()) {
        i.setup_sms = strings(j["setup"].value("sms", nlohmann::json()));
        i.setup_email = strings(j["setup"].value("email", nlohmann::json()));
    }
    return i;
}

std::string outbox_warning(const Integrations& i) {
    if (!i.loaded) return "";
    const bool sms = i.sms == "outbox", email = i.email == "outbox";
    if (!sms && !email) return "";
    const std::string what = sms && email ? "SMS et e-mails" : sms ? "SMS" : "E-mails";
    const auto waiting = (sms ? i.outbox_sms : 0) + (email ? i.outbox_email : 0);
    return what + " : boîte d'envoi locale — non envoyés" +
           (waiting > 0 ? " (" + std::to_string(waiting) + " en attente)" : "");
}

std::string provider_setup_hint(const Integrations& i) {
    std::vector<std::string> parts;
    if (i.sms == "outbox" && !i.setup_sms.empty()) parts.push_back("SMS : " + join(i.setup_sms, ", "));
    if (i.email == "outbox" && !i.setup_email.empty()) parts.push_back("E-mail : " + join(i.setup_email, ", "));
    return join(parts, " · ");
}

bool outbox_sendable(const Integrations& i) {
    return (i.sms != "outbox" && i.outbox_sms > 0) || (i.email != "outbox" && i.outbox_email > 0);
}

std::string message_status_fr(const std::string& status) {
    if (status == "queued") return "en attente";
    if (status == "outbox") return "boîte d'envoi locale — non envoyé";
    if (status == "prepared") return "préparé, à envoyer depuis WhatsApp";
    if (status == "sent") return "envoyé";
    if (status == "delivered") return "distribué";
    if (status == "failed") return "échec";
    if (status == "blocked") return "bloqué";
    return status;
}

std::string booking_summary(const nlohmann::json& jobs, const Integrations& i, bool seller_email, bool agent) {
    std::vector<std::string> planned;
    bool by_sms = false, by_email = false;
    if (jobs.is_array())
        for (const auto& j : jobs) {
            const auto kind = json_read::text(j, "kind");
            const auto payload = j.value("payload", nlohmann::json::object());
            const auto arg = payload.is_object() ? json_read::text(payload, "arg") : std::string();
            if (kind == "send_sms") {
                planned.push_back("SMS « " + arg + " »");
                by_sms = true;
            } else if (kind == "send_ics" && arg == "agent") {
                if (!agent) continue;  // no agent yet: the invitation follows the delivery
                planned.push_back("invitation .ics à l'agent");
                by_email = true;
            } else if (kind == "send_ics") {
                if (!seller_email) continue;
                planned.push_back("invitation .ics au vendeur");
                by_email = true;
            } else if (kind == "send_email") {
                planned.push_back("e-mail « " + arg + " »");
                by_email = true;
            }
        }
    if (planned.empty()) return "RDV enregistré : aucun message prévu.";
    std::string out = "RDV enregistré : " + join(planned, ", ") + " programmé" + (planned.size() > 1 ? "s" : "");
    const bool kept = (by_sms && i.sms == "outbox") || (by_email && i.email == "outbox");
    if (kept) out += " — boîte d'envoi locale : rien ne part sans fournisseur";
    return out + ".";
}

}  // namespace crm::console
