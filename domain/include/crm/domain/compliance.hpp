#pragma once
// A lead's compliance state in one place, for the console's one-line summary and the server:
// the calling window (or the consent exemption), the frequency cap and the attempts left, and
// whether consent still has to be collected (loi 2025-594: without it, the first call's
// purpose is to obtain it).
#include <optional>
#include <string>

#include "crm/domain/queue.hpp"

namespace crm::domain {

struct ComplianceState {
    bool consent_needed = false;       // no recorded consent
    bool call_allowed = false;         // window (or consent) and caps allow a call now
    WindowState window;                // the legal calling window now
    bool consent_exempt = false;       // outside the window but allowed by consent
    std::optional<int> attempts_left;  // before the 30-day cap; none with consent (no cap)
    std::optional<ExcludedLead> cap;   // a cap in force, with the date it ends
    std::string
        line;  // "Appel autorisé (ouvert jusqu'à 13:00) · 3 appels sur 4 restants (30 j) · consentement à recueillir"
};

ComplianceState compliance_state(const Lead& lead, UnixTime now, const Settings& s);

// Calls counted against the cap: attempts within the rolling 30 days before `now`.
int attempts_in_30_days(const Lead& lead, UnixTime now);

// The consent a lead gives on the phone: what the operator read, recorded word for word.
constexpr const char* kDefaultConsentScript =
    "J'accepte d'être recontacté(e) par téléphone, SMS ou e-mail au sujet de mon projet immobilier, et que mes "
    "coordonnées soient transmises à un agent immobilier partenaire. Je peux retirer mon accord à tout moment.";

}  // namespace crm::domain
