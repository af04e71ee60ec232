// Learning the connect-rate table from the operator's calls, and what it does to the queue.
// Built natively and as WebAssembly: both must order the same leads the same way.
#include <catch2/catch.hpp>

#include "crm/domain/connect_rates.hpp"
#include "crm/domain/queue.hpp"
#include "test_support.hpp"

using namespace crm::domain;
using crm::domain::testing::paris;
using crm::domain::testing::sample_lead;

namespace {

// `calls` calls at a Paris time, `connects` of them answered, as the server's rollup files them.
void add_calls(CallCounts& c, UnixTime paris_time, std::int64_t calls, std::int64_t connects) {
    c.add_hour(paris_time / 3600, calls, connects);
}

}  // namespace

TEST_CASE("cells are filed by Paris weekday and hour, summer and winter time alike") {
    CallCounts c;
    add_calls(c, paris(2026, 11, 17, 11, 0), 3, 2);  // Tuesday, winter time (UTC+1)
    add_calls(c, paris(2026, 6, 16, 11, 0), 4, 1);   // Tuesday, summer time (UTC+2)
    CHECK(c.calls[1][11] == 7);
    CHECK(c.connects[1][11] == 3);
}

TEST_CASE("a cell counts from the minimum number of calls, smoothed toward the overall rate") {
    Settings s;  // 5 calls at least, smoothed as if 10 more calls at the overall rate
    CallCounts c;
    add_calls(c, paris(2026, 11, 17, 11, 0), 20, 18);  // Tuesday 11 h: 90 %
    add_calls(c, paris(2026, 11, 17, 16, 0), 20, 2);   // Tuesday 16 h: 10 %
    add_calls(c, paris(2026, 11, 18, 10, 0), 4, 4);    // Wednesday 10 h: 4 calls, below the minimum
    const auto t = learn_connect_rates(c, s);
    const double overall = 24.0 / 44.0;
    CHECK(t[1][11] == Approx((18 + 10 * overall) / 30).epsilon(0.001));
    CHECK(t[1][16] == Approx((2 + 10 * overall) / 30).epsilon(0.001));
    CHECK(t[2][10] == 0.0);  // not enough calls yet: no bonus rather than a guess
    CHECK(t[0][9] == 0.0);
    s.connect_rate_min_calls = 4;
    CHECK(learn_connect_rates(c, s)[2][10] > overall);
    s.connect_rate_prior_calls = 0;  // no smoothing: the plain rate
    CHECK(learn_connect_rates(c, s)[1][11] == 0.9);
    CHECK(learn_connect_rates(CallCounts{}, s)[1][11] == 0.0);  // no calls at all
}

TEST_CASE("Tuesday 11 h connects, Tuesday 16 h does not: two otherwise equal leads swap places") {
    Settings s;
    CallCounts c;
    add_calls(c, paris(2026, 11, 10, 11, 0), 12, 11);  // two Tuesdays of history
    add_calls(c, paris(2026, 11, 3, 11, 0), 10, 9);
    add_calls(c, paris(2026, 11, 10, 16, 0), 120, 0);
    add_calls(c, paris(2026, 11, 3, 16, 0), 100, 0);
    s.connect_rate = learn_connect_rates(c, s);

    // Equal priority without the bonus: one already reached (+10), one not yet but from a
    // better source (+10 more); the reached one is older, so it wins ties.
    Lead reached = sample_lead(1);
    reached.live_touches = 1;
    reached.source = "manual";  // 5
    reached.created_at = paris(2026, 11, 1, 9, 0);
    Lead unreached = sample_lead(2);
    unreached.source = "website";  // 15
    unreached.created_at = paris(2026, 11, 2, 9, 0);

    auto order_at = [&](UnixTime now) {
        std::vector<std::int64_t> ids;
        for (const auto& i : rank_queue({reached, unreached}, now, s).items) ids.push_back(i.lead_id);
        return ids;
    };
    CHECK(order_at(paris(2026, 11, 17, 11, 15)) == std::vector<std::int64_t>{2, 1});
    CHECK(order_at(paris(2026, 11, 17, 16, 15)) == std::vector<std::int64_t>{1, 2});
    const auto at_eleven = rank_queue({reached, unreached}, paris(2026, 11, 17, 11, 15), s);
    const auto why = describe_reasons(at_eleven.items[0], unreached);
    CHECK(std::find(why.begin(), why.end(), "bon créneau : 65 % joints le mardi à 11 h +10") != why.end());
}
