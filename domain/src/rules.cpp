#include "crm/domain/rules.hpp"

#include "crm/domain/lead.hpp"
#include "crm/domain/text.hpp"

namespace crm::domain {

namespace {

struct Known {
    const char* name;
    ActionKind kind;
};
const Known kKnown[] = {{"send_sms", ActionKind::send_sms},
                        {"send_email", ActionKind::send_email},
                        {"create_task", ActionKind::create_task},
                        {"set_status", ActionKind::set_status},
                        {"set_stage", ActionKind::set_stage},
                        {"send_ics", ActionKind::send_ics},
                        {"notify_operator", ActionKind::notify_operator},
                        {"request_new_number", ActionKind::request_new_number},
                        {"schedule_ping", ActionKind::schedule_ping}};

bool valid_name(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
    return true;
}

std::optional<int> parse_days(const std::string& s) {
    if (s.size() < 2 || s.back() != 'd' || s.size() > 5) return std::nullopt;
    int n = 0;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        n = n * 10 + (s[i] - '0');
    }
    if (n < 0 || n > 365) return std::nullopt;
    return n;
}

}  // namespace

const char* action_name(ActionKind k) {
    for (const auto& known : kKnown)
        if (known.kind == k) return known.name;
    return "?";
}

bool is_outbound(ActionKind k) {
    return k == ActionKind::send_sms || k == ActionKind::send_email || k == ActionKind::send_ics ||
           k == ActionKind::request_new_number || k == ActionKind::notify_operator || k == ActionKind::schedule_ping;
}

ParsedActions parse_actions(const std::string& text) {
    ParsedActions out;
    if (trim_blanks(text).empty()) {
        out.error = "aucune action";
        return out;
    }
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto comma = text.find(',', pos);
        if (comma == std::string::npos) comma = text.size();
        const std::string item = trim_blanks(text.substr(pos, comma - pos));
        pos = comma + 1;
        const auto colon = item.find(':');
        const std::string name = trim_blanks(item.substr(0, colon));
        const std::string arg = colon == std::string::npos ? "" : trim_blanks(item.substr(colon + 1));
        const Known* known = nullptr;
        for (const auto& k : kKnown)
            if (name == k.name) known = &k;
        if (!known) {
            out.error = "action inconnue « " + name + " »";
            out.actions.clear();
            return out;
        }
        Action a{known->kind, arg, 0};
        std::string problem;
        switch (a.kind) {
            case ActionKind::create_task:
            case ActionKind::schedule_ping: {
                auto days = parse_days(arg);
                if (!days) {
                    problem = "attend un nombre de jours, ex. 2d";
                } else {
                    a.days = *days;
                    a.arg = std::to_string(*days) + "d";  // canonical: "04d" is stored and shown as "4d"
                }
                break;
            }
            case ActionKind::set_status:
                if (!parse_status(arg)) problem = "statut inconnu « " + arg + " »";
                break;
            case ActionKind::set_stage:
                if (!parse_stage(arg)) problem = "étape inconnue « " + arg + " »";
                break;
            case ActionKind::send_ics:
                if (arg != "lead" && arg != "agent") problem = "destinataire lead ou agent";
                break;
            default:
                if (!valid_name(arg)) problem = "nom manquant ou invalide";
        }
        if (!problem.empty()) {
            out.error = name + " : " + problem;
            out.actions.clear();
            return out;
        }
        out.actions.push_back(std::move(a));
        if (comma == text.size()) break;
    }
    return out;
}

std::string to_string(const Action& a) {
    std::string s = action_name(a.kind);
    if (a.kind == ActionKind::create_task || a.kind == ActionKind::schedule_ping)
        return s + ":" + std::to_string(a.days) + "d";
    return a.arg.empty() ? s : s + ":" + a.arg;
}

std::optional<Trigger> parse_trigger(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos) return std::nullopt;
    Trigger t{text.substr(0, colon), text.substr(colon + 1)};
    if (t.kind == "outcome" && parse_outcome(t.value)) return t;
    if (t.kind == "time" &&
        (t.value == "idle_7d" || t.value == "no_first_call_24h" || t.value == "appointment_reminder"))
        return t;
    return std::nullopt;
}

const std::vector<TriggerChoice>& trigger_choices() {
    static const std::vector<TriggerChoice> choices = [] {
        std::vector<TriggerChoice> out;
        for (int key = 1; key <= 7; ++key) {
            const auto o = *outcome_for_key(key);
            out.push_back({std::string("outcome:") + to_string(o), std::string("Issue : ") + outcome_label_fr(o)});
        }
        out.push_back({"time:idle_7d", "Lead inactif (délai des réglages)"});
        out.push_back({"time:no_first_call_24h", "Agent sans premier appel après livraison"});
        out.push_back({"time:appointment_reminder", "Rappel de rendez-vous (24 h et 2 h avant)"});
        return out;
    }();
    return choices;
}

const std::vector<ActionChoice>& action_choices() {
    static const std::vector<ActionChoice> choices = {
        {ActionKind::send_sms, "Envoyer un SMS (modèle)", ActionArg::template_name},
        {ActionKind::send_email, "Envoyer un e-mail (modèle)", ActionArg::template_name},
        {ActionKind::create_task, "Programmer une relance J+N", ActionArg::days},
        {ActionKind::set_status, "Changer le statut", ActionArg::status},
        {ActionKind::set_stage, "Changer l'étape", ActionArg::stage},
        {ActionKind::send_ics, "Envoyer l'invitation .ics", ActionArg::recipient},
        {ActionKind::notify_operator, "Prévenir l'opérateur", ActionArg::notification},
        {ActionKind::request_new_number, "Demander un nouveau numéro (e-mail)", ActionArg::template_name},
        {ActionKind::schedule_ping, "Relance de nurturing tous les N jours", ActionArg::days},
    };
    return choices;
}

const std::vector<RuleSpec>& default_rules() {
    static const std::vector<RuleSpec> rules = {
        {"Pas de réponse : SMS A, relance J+2", "outcome:no_answer",
         "send_sms:templateA,create_task:2d,set_status:follow_up"},
        {"Messagerie : SMS B, relance J+1", "outcome:voicemail",
         "send_sms:templateB,create_task:1d,set_status:follow_up"},
        {"RDV pris : confirmation et .ics", "outcome:booked",
         "send_sms:confirmation,send_ics:lead,send_ics:agent,set_status:booked"},
        {"Agent sans premier appel 24 h après livraison", "time:no_first_call_24h", "notify_operator:no_first_call"},
        {"Lead inactif 7 jours : nurturing", "time:idle_7d", "set_status:nurture,schedule_ping:30d"},
        {"Mauvais numéro : demander un nouveau numéro", "outcome:bad_number", "request_new_number:new_number_request"},
        {"Rappels de rendez-vous (24 h et 2 h avant)", "time:appointment_reminder", "send_sms:reminder"},
    };
    return rules;
}

}  // namespace crm::domain
