// The queue kept up to date (QueueIndex) against the full ranking (rank_queue): after every
// random change to the book, to the settings or to the clock, the same page. Runs natively and
// as WebAssembly, like every domain test.
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <tuple>

#include "crm/domain/queue_index.hpp"
#include "test_support.hpp"

using namespace crm::domain;
using crm::domain::testing::paris;
using crm::domain::testing::sample_lead;

namespace {

struct Book {
    std::mt19937 rng{20261128};
    std::map<std::int64_t, Lead> leads;  // by id: rank_queue's excluded come in input order
    std::int64_t next_id = 1;

    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }

    Lead& random_lead() {
        auto it = leads.begin();
        std::advance(it, pick(static_cast<int>(leads.size())));
        return it->second;
    }

    Lead make(UnixTime now) {
        Lead l = sample_lead(next_id++);
        // Created from three days ago to now, on a grid, so ties in created_at happen.
        l.created_at = now - 600 * pick(432);
        static const char* sources[] = {"website", "facebook", "manual", "referral", "partner"};
        l.source = sources[pick(5)];
        l.timeline_months = pick(3) == 0 ? std::optional<int>() : std::optional<int>(1 + pick(18));
        l.consent = pick(2) == 0;
        l.live_touches = pick(3) == 0 ? 1 : 0;
        for (int i = pick(6); i > 0; --i) l.call_attempt_times.push_back(now - 3600 * pick(24 * 35));
        if (pick(8) == 0) l.next_action_at = now + 600 * (pick(200) - 50);
        if (pick(8) == 0) l.status = pick(2) ? Status::nurture : Status::follow_up;
        if (pick(20) == 0) l.not_seller_at = now - 86400 * pick(70);
        if (pick(15) == 0) l.replied_at = now - 60 * pick(600);
        if (pick(30) == 0) l.dnc = true;
        if (pick(30) == 0) l.stage = Stage::sold;
        return l;
    }

    // One change a user or a rule could make, at `now`; the lead as it is after it.
    Lead& change(UnixTime now) {
        Lead& l = random_lead();
        switch (pick(9)) {
            case 0:
                l.live_touches += 1;
                break;
            case 1:
                l.call_attempt_times.push_back(now);
                break;
            case 2:
                l.next_action_at = now + 60 * (pick(3000) - 500);
                break;
            case 3:
                l.status = pick(3) == 0 ? Status::follow_up : pick(2) ? Status::nurture : Status::active;
                break;
            case 4:
                l.not_seller_at = now;
                break;
            case 5:
                l.replied_at = pick(2) ? std::optional<UnixTime>(now) : std::nullopt;
                break;
            case 6:
                l.source = pick(2) ? "website" : "manual";
                break;
            case 7:
                l.bad_number = pick(4) == 0;
                break;
            default:
                l.timeline_months = 1 + pick(24);
                break;
        }
        return l;
    }
};

std::vector<Lead> candidates(const Book& b) {
    std::vector<Lead> out;
    for (const auto& [id, l] : b.leads)
        if (queue_candidate(l)) out.push_back(l);
    return out;
}

// What a page shows of an item and of an excluded lead, comparable in one assertion (a check
// per field would make millions of assertions, slow under WebAssembly).
using ItemView = std::tuple<std::int64_t, int, bool, bool, std::vector<std::tuple<int, int, std::int64_t, UnixTime>>>;
using ExcludedView = std::tuple<std::int64_t, std::string, std::optional<UnixTime>>;

ItemView view(const QueueItem& item) {
    std::vector<std::tuple<int, int, std::int64_t, UnixTime>> reasons;
    for (const auto& r : item.reasons) reasons.emplace_back(static_cast<int>(r.code), r.points, r.value, r.at);
    return {item.lead_id, item.priority, item.call_allowed, item.consent_exempt, std::move(reasons)};
}

void same_page(const QueueIndex& index, const Book& book, UnixTime now, const Settings& s, std::size_t limit) {
    const auto all = candidates(book);
    const auto full = rank_queue(all, now, s);
    const auto page = index.page(limit, now);
    REQUIRE(page.total == full.items.size());
    REQUIRE(page.excluded_total == full.excluded.size());
    REQUIRE(page.window.open == full.window.open);
    std::vector<ItemView> got, want;
    std::vector<std::int64_t> item_ids, lead_ids;  // each item points at its own lead
    for (const auto& item : page.items) {
        got.push_back(view(item));
        item_ids.push_back(item.lead_id);
        lead_ids.push_back(page.leads.at(item.index).id);
    }
    REQUIRE(item_ids == lead_ids);
    for (std::size_t i = 0; i < std::min(limit, full.items.size()); ++i) want.push_back(view(full.items[i]));
    if (got != want) {  // say where, then fail
        std::size_t i = 0;
        while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
        INFO("first difference at rank " << i << " of " << want.size());
        CHECK(got == want);
    }
    std::vector<ExcludedView> got_excluded, want_excluded;
    for (const auto& e : page.excluded) got_excluded.emplace_back(e.lead_id, e.reason, e.until);
    for (std::size_t i = 0; i < std::min(limit, full.excluded.size()); ++i)
        want_excluded.emplace_back(full.excluded[i].lead_id, full.excluded[i].reason, full.excluded[i].until);
    REQUIRE(got_excluded == want_excluded);
}

}  // namespace

TEST_CASE("the queue index gives rank_queue's page after every change to the book, the settings or the clock") {
    Book book;
    Settings s;
    for (auto& day : s.connect_rate)
        for (auto& rate : day) rate = book.pick(101) / 100.0;  // every hour its own bonus
    UnixTime now = paris(2026, 11, 23, 8, 30);
    for (int i = 0; i < 400; ++i) {
        auto l = book.make(now);
        book.leads[l.id] = l;
    }
    QueueIndex index;
    index.reset(s);
    for (const auto& [id, l] : book.leads) index.put(l, now);
    same_page(index, book, now, s, 10000);

    for (int step = 0; step < 1500; ++step) {
        const int what = book.pick(10);
        if (what < 4) {  // the clock: a minute, an hour or days at once
            const int kind = book.pick(3);
            now += kind == 0   ? 60 * (1 + book.pick(10))
                   : kind == 1 ? 3600 * (1 + book.pick(5))
                               : 86400 * (1 + book.pick(9));
            CHECK(index.advance(now).empty());  // nothing here goes stale by time
        } else if (what < 8) {
            const auto& l = book.change(now);
            index.put(l, now);
        } else if (what == 8) {
            auto l = book.make(now);
            l.created_at = now;
            book.leads[l.id] = l;
            index.put(l, now);
        } else if (book.pick(4) == 0) {
            s.source_weights["website"] = book.pick(40);
            s.window_bonus_max = book.pick(30);
            index.rescore_all(s, now);
        } else {
            const auto id = book.random_lead().id;
            book.leads.erase(id);
            index.erase(id);
        }
        INFO("step " << step);
        same_page(index, book, now, s, step % 7 == 0 ? 10000 : 50);
    }
}

TEST_CASE("a copy that goes stale by time is handed back once its moment comes") {
    Settings s;
    const UnixTime now = paris(2026, 11, 23, 10, 0);
    QueueIndex index;
    auto l = sample_lead(7);
    l.created_at = now - 30 * 86400;
    index.put(l, now, now + 3600);
    CHECK(index.advance(now + 3599).empty());
    CHECK(index.advance(now + 3600) == std::vector<std::int64_t>{7});
    CHECK(index.advance(now + 7200).empty());  // once
    CHECK(index.page(10, now + 7200).items.size() == 1);
}

TEST_CASE("a ranking scored in random steps is the ranking scored at once") {
    Book book;
    const UnixTime now = paris(2026, 11, 23, 10, 15);
    for (int i = 0; i < 400; ++i) {
        auto l = book.make(now);
        book.leads[l.id] = l;
    }
    std::vector<Lead> leads;
    for (const auto& [id, l] : book.leads) leads.push_back(l);
    const Settings s;
    const auto whole = rank_queue(leads, now, s);
    for (int round = 0; round < 5; ++round) {
        QueueRanking steps(now, s);
        for (std::size_t from = 0; from < leads.size();) {
            const auto to = from + static_cast<std::size_t>(book.pick(60));  // 0 to 59 leads a step
            steps.add(leads, from, to);
            from = to;
        }
        const auto r = steps.finish(leads);
        std::vector<ItemView> got, want;
        std::vector<std::size_t> got_index, want_index;
        for (const auto& item : r.items) got.push_back(view(item)), got_index.push_back(item.index);
        for (const auto& item : whole.items) want.push_back(view(item)), want_index.push_back(item.index);
        CHECK(got == want);
        CHECK(got_index == want_index);
        std::vector<ExcludedView> got_excluded, want_excluded;
        for (const auto& e : r.excluded) got_excluded.emplace_back(e.lead_id, e.reason, e.until);
        for (const auto& e : whole.excluded) want_excluded.emplace_back(e.lead_id, e.reason, e.until);
        CHECK(got_excluded == want_excluded);
        CHECK(r.window.open == whole.window.open);
    }
    CHECK(whole.items.size() > 100);
    CHECK(whole.excluded.size() > 10);
}
