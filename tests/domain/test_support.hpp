#pragma once
// Helpers for the domain tests (built natively and as WebAssembly).
#include "crm/domain/lead.hpp"
#include "crm/domain/time.hpp"

namespace crm::domain::testing {

// Paris wall-clock time as Unix seconds.
inline UnixTime paris(int y, int m, int d, int h, int mi) {
    return from_paris(y, m, d, h, mi);
}

// A complete, callable lead: every Ready-to-Sell criterion met except the live touch.
inline Lead sample_lead(std::int64_t id = 1) {
    Lead l;
    l.id = id;
    l.first_name = "Camille";
    l.last_name = "Durand";
    l.phone = "06 12 34 56 78";
    l.phone_e164 = "+33612345678";
    l.email = "camille@example.fr";
    l.intention = Intention::sell;
    l.timeline_months = 2;
    l.city = "Lyon";
    l.zip = "69003";
    l.price_estimate_cents = 42000000;
    l.consent = true;
    l.source = "website";
    return l;
}

}  // namespace crm::domain::testing
