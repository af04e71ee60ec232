#include <catch2/catch.hpp>
#include <random>

#include "crm/domain/json.hpp"
#include "crm/domain/lead_json_writer.hpp"
#include "test_support.hpp"

using namespace crm::domain;
using nlohmann::json;

namespace {

// Text that exercises every escaping path: accents, quotes, backslashes, control characters,
// DEL, and bytes that are not UTF-8 (the database may hold them; they become U+FFFD).
std::string random_text(std::mt19937& rng) {
    static const std::vector<std::string> parts = {"Camille", "Lefèvre", "Île-de-France", "\"",   "\\", "\n", "\t",
                                                   "\x01",    "\x7f",    "\xc3",          "\xff", " ",  "/",  "€"};
    std::string s;
    const auto n = std::uniform_int_distribution<int>(0, 4)(rng);
    for (int i = 0; i < n; ++i) s += parts[std::uniform_int_distribution<std::size_t>(0, parts.size() - 1)(rng)];
    return s;
}

template <typename T>
std::optional<T> maybe(std::mt19937& rng, T value) {
    return rng() % 2 ? std::optional<T>(value) : std::nullopt;
}

}  // namespace

TEST_CASE("a lead written directly is byte for byte its nlohmann text") {
    std::mt19937 rng(20261129);
    for (int i = 0; i < 2000; ++i) {
        Lead l;
        l.id = static_cast<std::int64_t>(rng() % 1000000);
        l.first_name = random_text(rng);
        l.last_name = random_text(rng);
        l.phone = random_text(rng);
        l.phone_e164 = maybe(rng, random_text(rng));
        l.email = maybe(rng, random_text(rng));
        l.intention = static_cast<Intention>(rng() % 4);
        l.timeline_months = maybe(rng, static_cast<int>(rng() % 25));
        l.city = random_text(rng);
        l.zip = random_text(rng);
        l.area = random_text(rng);
        l.price_estimate_cents = maybe<Money>(rng, static_cast<Money>(rng()) * 1000 - 5);
        l.consent = rng() % 2;
        l.consent_at = maybe<UnixTime>(rng, 1700000000 + rng() % 100000000);
        l.consent_text = maybe(rng, random_text(rng));
        l.consent_source = maybe(rng, random_text(rng));
        l.source = random_text(rng);
        l.cost_cents = static_cast<Money>(rng() % 100000) - 50;
        l.stage = static_cast<Stage>(rng() % 7);
        l.status = static_cast<Status>(rng() % 7);
        l.owner_user_id = maybe<std::int64_t>(rng, rng() % 50);
        l.assigned_agent_id = maybe<std::int64_t>(rng, rng() % 50);
        l.bad_number = rng() % 2;
        l.dnc = rng() % 2;
        l.live_touches = static_cast<int>(rng() % 9);
        l.unanswered_attempts = static_cast<int>(rng() % 9);
        for (auto n = rng() % 4; n > 0; --n) l.call_attempt_times.push_back(1700000000 + rng() % 100000000);
        l.not_seller_at = maybe<UnixTime>(rng, 1700000000 + rng() % 100000000);
        l.first_touch_at = maybe<UnixTime>(rng, 1700000000 + rng() % 100000000);
        l.first_connect_at = maybe<UnixTime>(rng, 1700000000 + rng() % 100000000);
        l.last_touch_at = maybe<UnixTime>(rng, 1700000000 + rng() % 100000000);
        l.next_action_at = maybe<UnixTime>(rng, 1700000000 + rng() % 100000000);
        l.created_at = 1700000000 + rng() % 100000000;
        l.updated_at = 1700000000 + rng() % 100000000;
        l.has_booked_slot = rng() % 2;
        l.replied_at = maybe<UnixTime>(rng, 1700000000 + rng() % 100000000);
        std::string direct;
        append_lead_json(direct, l);
        INFO(direct);
        REQUIRE(direct == json_text(json(l)));
    }
}

TEST_CASE("leads written one after another form valid JSON that reads back as the same leads") {
    const Lead a = crm::domain::testing::sample_lead(1), b = crm::domain::testing::sample_lead(2);
    std::string text = "[";
    append_lead_json(text, a);
    text += ',';
    append_lead_json(text, b);
    text += ']';
    const auto back = json::parse(text).get<std::vector<Lead>>();
    REQUIRE(back.size() == 2);
    CHECK(json(back[0]) == json(a));
    CHECK(json(back[1]) == json(b));
}
