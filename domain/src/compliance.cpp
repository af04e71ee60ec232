#include "crm/domain/compliance.hpp"

namespace crm::domain {

int attempts_in_30_days(const Lead& lead, UnixTime now) {
    const UnixTime since = now - 30 * 86400LL;
    int n = 0;
    for (auto t : lead.call_attempt_times) n += t > since && t <= now;
    return n;
}

ComplianceState compliance_state(const Lead& lead, UnixTime now, const Settings& s) {
    ComplianceState out;
    out.consent_needed = !lead.consent;
    const auto permission = call_permission(lead, now, s);
    out.window = permission.window;
    out.consent_exempt = permission.consent_exempt;
    out.cap = contact_cap(lead, now, s);
    if (!lead.consent && s.max_attempts_30d > 0)
        out.attempts_left = std::max(0, s.max_attempts_30d - attempts_in_30_days(lead, now));
    out.call_allowed = permission.allowed && !out.cap && !lead.dnc && !lead.bad_number;

    std::string line;
    if (lead.dnc)
        line = "Ne pas contacter";
    else if (out.cap)
        line =
            "Pas d'appel : " + out.cap->reason + (out.cap->until ? ", jusqu'au " + format_paris(*out.cap->until) : "");
    else if (!s.calling_window_rule)
        line = "Plages d'appel désactivées dans les réglages";
    else if (out.consent_exempt)
        line = "Hors plage, appel permis par le consentement";
    else if (permission.allowed)
        line = "Appel autorisé (" + out.window.reason + ")";
    else
        line = "Hors plage d'appel (" + out.window.reason + ")" +
               (out.window.next_open ? ", ouverture " + format_paris(*out.window.next_open) : "");
    if (out.attempts_left)
        line += " · " + std::to_string(*out.attempts_left) + " appel" + (*out.attempts_left > 1 ? "s" : "") + " sur " +
                std::to_string(s.max_attempts_30d) + " restant" + (*out.attempts_left > 1 ? "s" : "") + " (30 j)";
    line += lead.consent ? " · consentement du " + format_paris(lead.consent_at.value_or(0), "%d/%m/%Y")
                         : " · consentement à recueillir";
    out.line = line;
    return out;
}

}  // namespace crm::domain
