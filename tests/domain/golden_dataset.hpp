#pragma once
// A deterministic set of leads (a small linear congruential generator, no <random>, so the
// sequence is the same on every platform) for the golden test and the benchmark.
#include <cstdint>
#include <vector>

#include "crm/domain/lead.hpp"

namespace crm::domain::golden {

inline std::vector<Lead> make_leads(int n, UnixTime now) {
    static const char* const sources[] = {"website", "facebook", "google", "partner", "referral", "purchased"};
    std::uint64_t state = 42;
    auto next = [&state](std::uint64_t bound) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::int64_t>((state >> 33) % bound);
    };
    std::vector<Lead> leads;
    leads.reserve(static_cast<std::size_t>(n));
    for (int i = 1; i <= n; ++i) {
        Lead l;
        l.id = i;
        l.first_name = "Lead";
        l.last_name = std::to_string(i);
        l.phone_e164 = next(10) == 0 ? std::optional<std::string>()
                                     : std::optional<std::string>("+336000" + std::to_string(10000 + i));
        l.intention = static_cast<Intention>(next(4));
        if (next(5) != 0) l.timeline_months = static_cast<int>(next(14));
        if (next(4) != 0) l.price_estimate_cents = 10000000 + next(80000000);
        l.consent = next(3) != 0;
        l.city = next(8) == 0 ? "" : "Lyon";
        l.source = sources[next(6)];
        l.stage = static_cast<Stage>(next(10) < 7 ? next(3) : next(7));
        l.status = static_cast<Status>(next(10) < 8 ? 0 : next(7));
        l.bad_number = next(30) == 0;
        l.dnc = next(40) == 0;
        l.live_touches = static_cast<int>(next(3));
        l.unanswered_attempts = static_cast<int>(next(6));
        l.created_at = now - next(40 * 86400);
        if (next(4) == 0) l.next_action_at = now + next(4 * 86400) - 2 * 86400;
        for (int k = static_cast<int>(next(6)); k > 0; --k) l.call_attempt_times.push_back(now - next(35 * 86400));
        if (next(25) == 0) l.not_seller_at = now - next(90 * 86400);
        l.updated_at = l.created_at;
        leads.push_back(std::move(l));
    }
    return leads;
}

}  // namespace crm::domain::golden
