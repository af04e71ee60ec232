// The console's state and actions, without GL: ranking through the domain library, the
// selection, search, the call timer, disabled actions with their reason, and the shortcuts.
#include <algorithm>
#include <catch2/catch.hpp>

#include "app/console_state.hpp"
#include "app/shortcuts.hpp"
#include "test_support.hpp"

using namespace crm;
using namespace crm::console;
using crm::domain::testing::paris;
using crm::domain::testing::sample_lead;

namespace {
std::vector<domain::Lead> three_leads(domain::UnixTime now) {
    auto a = sample_lead(1), b = sample_lead(2), c = sample_lead(3);
    a.created_at = now - 3 * 86400;
    b.created_at = now - 120;  // fresh: first
    b.first_name = "Léa";
    b.city = "Bordeaux";
    c.created_at = now - 2 * 86400;
    c.dnc = true;  // never in the queue
    return {a, b, c};
}

// Leads 1..n created `spacing` seconds apart before `now`, with varied timelines and consent:
// enough differences for the ranking to order them in many ways.
std::vector<domain::Lead> varied_book(std::int64_t n, domain::UnixTime now, std::int64_t spacing) {
    std::vector<domain::Lead> book;
    for (std::int64_t id = 1; id <= n; ++id) {
        auto l = sample_lead(id);
        l.created_at = now - id * spacing;
        l.timeline_months = static_cast<int>(id % 13);
        l.consent = id % 3 != 0;
        book.push_back(l);
    }
    return book;
}
}  // namespace

TEST_CASE("the excluded count is the leads left out for now, as GET /api/queue counts them") {
    ConsoleState s;
    const auto now = paris(2026, 11, 20, 10, 30);
    s.set_now(now);
    auto leads = three_leads(now);
    leads[0].status = domain::Status::follow_up;  // not due yet: back tomorrow
    leads[0].next_action_at = now + 86400;
    s.set_leads(leads);
    CHECK(s.rows().size() == 1);
    CHECK(s.excluded_count() == 1);
}

TEST_CASE("until the operator picks a lead, new data keeps the top of the queue selected") {
    ConsoleState s;
    const auto now = paris(2026, 11, 20, 10, 30);
    s.set_now(now);
    auto leads = three_leads(now);
    s.set_leads(leads);  // from the device's copy: lead 2 (fresh) first, then lead 1
    REQUIRE(s.current_lead()->id == 2);
    leads[1].created_at = now - 2 * 86400;  // the sync says lead 2 is 2 days old: lead 1 (3 days) goes first
    s.set_leads(leads);
    REQUIRE(s.rows().size() == 2);
    CHECK(s.current_lead()->id == 1);  // the top, not the lead that happened to be there

    s.select_next();  // the operator picked lead 2: later syncs leave them on it
    REQUIRE(s.current_lead()->id == 2);
    leads[0].city = "Vienne";
    s.set_leads(leads);
    CHECK(s.current_lead()->id == 2);
}

TEST_CASE("a note being typed on the top lead keeps it selected when new data arrives") {
    ConsoleState s;
    const auto now = paris(2026, 11, 20, 10, 30);
    s.set_now(now);
    auto leads = three_leads(now);
    s.set_leads(leads);
    s.note_draft = "Rappeler";
    leads[1].created_at = now - 2 * 86400;
    s.set_leads(leads);
    CHECK(s.current_lead()->id == 2);
}

TEST_CASE("the console ranks with the domain library and keeps the selection in range") {
    ConsoleState s;
    const auto now = paris(2026, 11, 20, 10, 30);
    s.set_now(now);
    s.set_leads(three_leads(now));
    REQUIRE(s.rows().size() == 2);
    CHECK(s.excluded_count() == 0);  // a DNC lead is out for good, not "excluded" (as on the server)
    CHECK(s.current_lead()->id == 2);
    s.select_next();
    CHECK(s.current_lead()->id == 1);
    s.select_next();  // stays on the last row
    CHECK(s.current_lead()->id == 1);
    s.select_prev();
    s.select_prev();
    CHECK(s.current_lead()->id == 2);
}

TEST_CASE("after an outcome the next lead moves up under the selection") {
    ConsoleState s;
    const auto now = paris(2026, 11, 20, 10, 30);
    s.set_now(now);
    s.set_leads(three_leads(now));
    auto updated = *s.current_lead();
    updated.status = domain::Status::follow_up;
    updated.next_action_at = now + 2 * 86400;
    s.upsert_lead(updated);
    REQUIRE(s.rows().size() == 1);
    CHECK(s.selected() == 0);
    CHECK(s.current_lead()->id == 1);
}

TEST_CASE("search filters the queue, accents and case included") {
    ConsoleState s;
    const auto now = paris(2026, 11, 20, 10, 30);
    s.set_now(now);
    s.set_leads(three_leads(now));
    s.set_search("bordeaux");
    REQUIRE(s.rows().size() == 1);
    CHECK(s.current_lead()->first_name == "Léa");
    s.set_search("");
    CHECK(s.rows().size() == 2);
}

TEST_CASE("Call, SMS and WhatsApp say why they are disabled") {
    ConsoleState s;
    const auto saturday = paris(2026, 11, 21, 11, 0);
    auto lead = sample_lead(1);
    lead.consent = false;
    lead.created_at = saturday - 86400;
    s.set_now(saturday);
    s.set_leads({lead});
    CHECK(s.contact_blocked_reason().empty());
    CHECK(s.call_blocked_reason().find("hors plage d'appel") == 0);
    s.start_call();
    CHECK_FALSE(s.in_call());  // a blocked call does not start the timer

    lead.bad_number = false;
    lead.consent = true;  // consent: the call is allowed outside the window
    s.set_leads({lead});
    CHECK(s.call_blocked_reason().empty());
    s.start_call();
    CHECK(s.in_call());
    s.set_now(saturday + 75);
    CHECK(s.call_seconds() == 75);
}

TEST_CASE("time-to-first-touch badges") {
    const auto now = paris(2026, 11, 20, 10, 30);
    auto l = sample_lead();
    l.created_at = now - 240;
    CHECK(touch_badge(l, now) == TouchBadge::green);
    l.created_at = now - 600;
    CHECK(touch_badge(l, now) == TouchBadge::amber);
    CHECK(touch_label(l, now) == "attend depuis 10 min");
    l.created_at = now - 7200;
    CHECK(touch_badge(l, now) == TouchBadge::red);
    CHECK(connect_label(l).empty());  // not called yet
    l.first_touch_at = l.created_at + 120;
    CHECK(touch_badge(l, now) == TouchBadge::green);
    // A call without an answer is a touch, not a contact: two facts, two names.
    CHECK(touch_label(l, now) == "1er appel en 2 min");
    CHECK(connect_label(l) == "pas encore joint");
    l.first_connect_at = l.created_at + 5400;
    CHECK(connect_label(l) == "joint en 1 h");
    CHECK(touch_label(l, now) == "1er appel en 2 min");
    CHECK(elapsed_fr(3 * 86400 + 5) == "3 j");
}

TEST_CASE("the À rappeler list: open follow-ups of known leads, soonest first, in their part of the day") {
    const auto now = paris(2026, 11, 20, 10, 30);
    auto a = sample_lead(1), b = sample_lead(2);
    b.first_name = "Léa";
    ConsoleState s;
    s.set_now(now);
    s.set_leads({a, b});
    const auto task = [](const char* json) { return *follow_up_from_json(nlohmann::json::parse(json)); };
    s.set_follow_ups({
        task(R"({"id": 1, "leadId": 1, "dueAt": "2026-11-23T09:00:00Z", "note": "Lundi", "doneAt": null})"),
        task(R"({"id": 2, "leadId": 2, "dueAt": "2026-11-20T13:00:00Z", "note": "Après le déjeuner"})"),
        task(R"({"id": 3, "leadId": 1, "dueAt": "2026-11-19T17:00:00Z", "note": "Hier soir"})"),
        task(R"({"id": 4, "leadId": 1, "dueAt": "2026-11-19T08:00:00Z", "doneAt": "2026-11-19T09:00:00Z"})"),
        task(R"({"id": 5, "leadId": 99, "dueAt": "2026-11-19T08:00:00Z"})"),  // merged away since
    });
    const auto& rows = s.follow_up_rows();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].task.id == 3);
    CHECK(rows[0].bucket == crm::domain::FollowUpBucket::overdue);
    CHECK(follow_up_when(rows[0].task.due, now) == "hier 18:00");
    CHECK(rows[1].task.id == 2);
    CHECK(rows[1].lead_name == "Léa Durand");
    CHECK(rows[1].bucket == crm::domain::FollowUpBucket::today);
    CHECK(follow_up_when(rows[1].task.due, now) == "14:00");
    CHECK(rows[2].bucket == crm::domain::FollowUpBucket::later);
    CHECK(follow_up_when(rows[2].task.due, now) == "lun. 23/11 10:00");
    CHECK(earliest_open_follow_up(s.follow_ups(), 1) == rows[0].task.due);
    CHECK_FALSE(earliest_open_follow_up(s.follow_ups(), 42));
    CHECK_FALSE(follow_up_from_json(nlohmann::json::parse(R"({"id": 6, "leadId": 1, "dueAt": "demain"})")));
    // The clock moves the parts of the list: 14:05, the afternoon follow-up is late.
    s.set_now(paris(2026, 11, 20, 14, 5));
    CHECK(s.follow_up_rows()[1].bucket == crm::domain::FollowUpBucket::overdue);
}

TEST_CASE("keyboard shortcuts, and none while typing") {
    CHECK(shortcut_for_key('J', false, false)->kind == ActionKind::next);
    CHECK(shortcut_for_key('K', false, false)->kind == ActionKind::prev);
    CHECK(shortcut_for_key('C', false, false)->kind == ActionKind::call);
    CHECK(shortcut_for_key('P', false, false)->kind == ActionKind::deliver);
    CHECK(shortcut_for_key('F', false, false)->kind == ActionKind::follow_ups);
    CHECK_FALSE(shortcut_for_key('F', false, true));
    CHECK(shortcut_for_key('T', false, false)->kind == ActionKind::follow_up);
    CHECK(shortcut_for_key('A', false, false)->kind == ActionKind::consent);
    CHECK(shortcut_for_key(',', false, false)->kind == ActionKind::settings);
    CHECK_FALSE(shortcut_for_key('A', false, true));  // typing "A" in a note is a letter
    CHECK(shortcut_for_key('/', false, false)->kind == ActionKind::search);
    CHECK(shortcut_for_key('/', true, false)->kind == ActionKind::help);
    for (int key = '1'; key <= '7'; ++key) {
        const auto a = shortcut_for_key(key, false, false);
        REQUIRE(a);
        CHECK(a->kind == ActionKind::outcome);
        CHECK(a->outcome_key == key - '0');
    }
    // The Dashboard tab's keys: refresh, 7/30 days, duplicates, CSV import.
    CHECK(shortcut_for_key('R', false, false)->kind == ActionKind::refresh);
    CHECK(shortcut_for_key('V', false, false)->kind == ActionKind::toggle_days);
    CHECK(shortcut_for_key('D', false, false)->kind == ActionKind::duplicates);
    CHECK(shortcut_for_key('O', false, false)->kind == ActionKind::import_csv);
    CHECK_FALSE(shortcut_for_key('D', false, true));
    CHECK_FALSE(shortcut_for_key('8', false, false));
    CHECK_FALSE(shortcut_for_key('J', false, true));
    CHECK_FALSE(shortcut_for_key('1', false, true));
    CHECK(shortcut_help().size() >= 16);
}

TEST_CASE("the Pipeline board kept between frames follows every change of the leads and the filter") {
    ConsoleState state;
    state.set_now(paris(2026, 11, 23, 10, 0));
    auto a = sample_lead(1), b = sample_lead(2);
    a.source = "website";
    b.source = "partner";
    state.set_leads({a, b});
    auto cards = [&](domain::Stage stage) {
        for (const auto& col : state.pipeline_columns())
            if (col.stage == stage) return col.cards.size();
        return std::size_t{0};
    };
    CHECK(cards(domain::Stage::new_lead) == 2);
    CHECK(state.lead_sources() == std::vector<std::string>{"partner", "website"});

    b.stage = domain::Stage::qualified;
    b.source = "google";
    state.upsert_lead(b);
    CHECK(cards(domain::Stage::new_lead) == 1);
    CHECK(cards(domain::Stage::qualified) == 1);
    CHECK(state.lead_sources() == std::vector<std::string>{"google", "website"});
    CHECK(state.find_lead(2)->source == "google");

    state.sales.pipeline_filter.source = "website";
    CHECK(cards(domain::Stage::qualified) == 0);
    CHECK(cards(domain::Stage::new_lead) == 1);
    state.remove_lead(1);
    CHECK(cards(domain::Stage::new_lead) == 0);
    CHECK(state.find_lead(1) == nullptr);
}

TEST_CASE("a sync's changes applied to the kept list rank as the whole list would, and keep the operator's lead") {
    const auto now = paris(2026, 11, 20, 10, 30);
    auto book = varied_book(40, now, 3600);
    ConsoleState changed, whole;
    changed.set_now(now);
    whole.set_now(now);
    changed.set_leads(book);
    changed.select_lead(30);  // the operator is on lead 30
    // A later page: lead 5 now hot and fresh, lead 30 edited, a new lead 41, leads 7 and 12 gone.
    auto five = book[4];
    five.created_at = now - 60;
    five.timeline_months = 1;
    auto thirty = book[29];
    thirty.city = "Nantes";
    auto fresh = sample_lead(41);
    fresh.created_at = now - 30;
    domain::Settings settings;
    settings.timeline_le_1 = 70;  // settings that change the order come with the page
    changed.apply_lead_changes({five, thirty, fresh}, {7, 12}, settings);

    std::vector<domain::Lead> expected;
    for (const auto& l : book)
        if (l.id != 7 && l.id != 12) expected.push_back(l.id == 5 ? five : l.id == 30 ? thirty : l);
    expected.push_back(fresh);
    whole.set_leads(expected, settings);
    REQUIRE(changed.rows().size() == whole.rows().size());
    for (std::size_t i = 0; i < whole.rows().size(); ++i) {
        const auto& a = changed.leads()[changed.rows()[i].lead_index];
        const auto& b = whole.leads()[whole.rows()[i].lead_index];
        CHECK(a.id == b.id);
        CHECK(changed.rows()[i].item.priority == whole.rows()[i].item.priority);
    }
    CHECK(changed.find_lead(7) == nullptr);
    REQUIRE(changed.current_lead());
    CHECK(changed.current_lead()->id == 30);
    CHECK(changed.current_lead()->city == "Nantes");
}

TEST_CASE("one lead changed at a time moves only its row, to where a whole ranking puts it") {
    const auto now = paris(2026, 11, 20, 10, 30);
    auto book = varied_book(60, now, 1800);
    ConsoleState one_by_one;
    one_by_one.set_now(now);
    one_by_one.set_leads(book);
    one_by_one.set_search("lead");  // sample leads' last name: the filter applies to a moved row too
    std::uint32_t seed = 7;
    const auto next = [&seed](std::uint32_t n) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) % n;
    };
    for (int step = 0; step < 200; ++step) {
        auto l = step % 10 == 9 ? sample_lead(61 + step) : book[next(static_cast<std::uint32_t>(book.size()))];
        switch (next(6)) {
            case 0:
                l.status = domain::Status::follow_up, l.next_action_at = now + 3600 * (1 + next(48));
                break;
            case 1:
                l.dnc = !l.dnc;
                break;
            case 2:
                l.live_touches += 1, l.first_touch_at = now - 60;
                break;
            case 3:
                l.created_at = now - next(4) * 120;
                break;
            case 4:
                l.unanswered_attempts += 1, l.call_attempt_times.push_back(now - 3600);
                break;
            default:
                l.last_name = next(2) ? "Lead" : "Autre";
                break;
        }
        const auto at = std::find_if(book.begin(), book.end(), [&l](const domain::Lead& b) { return b.id == l.id; });
        if (at == book.end())
            book.push_back(l);
        else
            *at = l;
        one_by_one.upsert_lead(l);
        ConsoleState whole;
        whole.set_now(now);
        whole.set_leads(book);
        whole.set_search("lead");
        REQUIRE(one_by_one.rows().size() == whole.rows().size());
        REQUIRE(one_by_one.excluded_count() == whole.excluded_count());
        std::vector<std::pair<std::int64_t, int>> a, b;
        for (const auto& r : one_by_one.rows()) a.emplace_back(one_by_one.leads()[r.lead_index].id, r.item.priority);
        for (const auto& r : whole.rows()) b.emplace_back(whole.leads()[r.lead_index].id, r.item.priority);
        REQUIRE(a == b);
    }
}

namespace {
// The queue as shown: lead ids with their priorities, and the excluded count.
std::pair<std::vector<std::pair<std::int64_t, int>>, std::size_t> shown_queue(const ConsoleState& s) {
    std::vector<std::pair<std::int64_t, int>> rows;
    for (const auto& r : s.rows()) rows.emplace_back(s.leads()[r.lead_index].id, r.item.priority);
    return {rows, s.excluded_count()};
}
}  // namespace

TEST_CASE("a large book is ranked over several frames, and ends as a whole ranking would") {
    const auto now = paris(2026, 11, 20, 10, 30);
    auto book = varied_book(200, now, 7200);
    ConsoleState steps, whole;
    steps.set_ranking_step(32);  // 200 leads: 7 frames of scoring, 1 of sorting, 1 of showing
    steps.set_now(now);
    whole.set_now(now);

    // A first sync replaces the book: the queue is empty, then ranked a step per frame.
    std::unordered_map<std::int64_t, std::size_t> index;  // as the sync gathers it
    for (std::size_t i = 0; i < book.size(); ++i) index[book[i].id] = i;
    steps.replace_leads(book, index, std::nullopt);
    CHECK(steps.ranking());
    CHECK(steps.rows().empty());
    CHECK(steps.leads().size() == 200);
    REQUIRE(steps.find_lead(17));  // the leads are there at once, by id too
    int frames = 0;
    while (steps.ranking() && frames < 100) steps.set_now(now), ++frames;
    CHECK(frames == 9);
    whole.set_leads(book);
    CHECK(shown_queue(steps) == shown_queue(whole));

    // The minute moves: the last ranking stays on screen until the new one is complete.
    const auto before = shown_queue(steps);
    steps.set_now(now + 3600);
    CHECK(steps.ranking());
    CHECK(shown_queue(steps) == before);
    // An outcome meanwhile: its row moves now, and the ranking under way starts again.
    auto changed = book[3];
    changed.status = domain::Status::follow_up;
    changed.next_action_at = now + 7200;
    steps.upsert_lead(changed);
    frames = 0;
    while (steps.ranking() && frames < 100) steps.set_now(now + 3600), ++frames;
    CHECK(frames == 9);
    whole.set_now(now + 3600);
    whole.upsert_lead(changed);
    CHECK(shown_queue(steps) == shown_queue(whole));
    CHECK(shown_queue(steps) != before);

    // A small book is still ranked at once.
    ConsoleState small;
    small.set_now(now);
    small.replace_leads(varied_book(20, now, 600), {}, std::nullopt);
    CHECK_FALSE(small.ranking());
    CHECK_FALSE(small.rows().empty());
}

TEST_CASE("a sync bringing hundreds of leads into a large book ranks it in steps, the rows shown meanwhile") {
    const auto now = paris(2026, 11, 20, 10, 30);
    const auto book = varied_book(400, now, 3600);
    ConsoleState steps, whole;
    steps.set_ranking_step(64);  // 400 leads and more: several frames
    steps.set_now(now);
    whole.set_now(now);
    steps.set_leads(book);
    whole.set_leads(book);
    // The scheduler nurtured 250 of them (a ping days ahead: out of the queue until then), and
    // 10 new leads came in.
    std::vector<domain::Lead> changed;
    for (std::size_t i = 0; i < 250; ++i) {
        auto l = book[i];
        l.next_action_at = now + 3 * 86400;
        changed.push_back(l);
    }
    auto more = varied_book(410, now, 60);
    changed.insert(changed.end(), more.begin() + 400, more.end());
    const auto before = shown_queue(steps);
    steps.apply_lead_changes(changed, {}, std::nullopt);
    CHECK(steps.ranking());
    CHECK(shown_queue(steps) == before);  // the last ranking stays on screen
    REQUIRE(steps.find_lead(405));        // the new leads are there at once
    int frames = 0;
    while (steps.ranking() && frames < 100) steps.set_now(now), ++frames;
    CHECK(frames == 9);  // 410 leads: 7 frames of scoring, 1 of sorting, 1 of showing
    whole.apply_lead_changes(changed, {}, std::nullopt);
    CHECK_FALSE(whole.ranking());  // a book under a step: at once
    CHECK(shown_queue(steps) == shown_queue(whole));
    CHECK(shown_queue(steps) != before);

    // Leads removed (merged, erased): the rows shown follow their leads to their new places,
    // the removed leads' rows gone, until the steps end.
    const auto shown_before = shown_queue(steps);
    const std::vector<std::int64_t> gone = {shown_before.first.front().first, 7, 402};
    steps.apply_lead_changes({}, gone, std::nullopt);
    CHECK(steps.ranking());
    auto expected = shown_before.first;
    expected.erase(std::remove_if(expected.begin(), expected.end(),
                                  [&gone](const auto& row) {
                                      return std::find(gone.begin(), gone.end(), row.first) != gone.end();
                                  }),
                   expected.end());
    CHECK(shown_queue(steps).first == expected);
    for (const auto& r : steps.rows()) CHECK(r.item.index == r.lead_index);
    CHECK_FALSE(steps.find_lead(7));
    frames = 0;
    while (steps.ranking() && frames < 100) steps.set_now(now), ++frames;
    CHECK(frames == 9);
    whole.apply_lead_changes({}, gone, std::nullopt);
    CHECK(shown_queue(steps) == shown_queue(whole));
}

TEST_CASE("a search filters the kept ranking; outcomes meanwhile are in it when the search is cleared") {
    const auto now = paris(2026, 11, 20, 10, 30);
    auto book = varied_book(80, now, 900);
    for (std::size_t i = 0; i < book.size(); i += 3) book[i].city = "Nantes";
    ConsoleState kept;
    kept.set_now(now);
    kept.set_leads(book);
    const auto whole_with = [&](const std::string& search) {
        ConsoleState whole;
        whole.set_now(now);
        whole.set_leads(book);
        whole.set_search(search);
        return shown_queue(whole);
    };
    kept.set_search("nantes");
    CHECK(shown_queue(kept) == whole_with("nantes"));
    CHECK(kept.rows().size() < 40);
    // Outcomes while searching: one lead that matches, one that does not.
    auto in_search = book[0], outside = book[1];
    in_search.created_at = now - 30;  // fresh: to the top
    outside.created_at = now - 60;
    outside.timeline_months = 1;
    for (const auto& l : {in_search, outside}) {
        kept.upsert_lead(l);
        *std::find_if(book.begin(), book.end(), [&l](const domain::Lead& b) { return b.id == l.id; }) = l;
    }
    CHECK(shown_queue(kept) == whole_with("nantes"));
    kept.set_search("nant");  // a narrower or wider text filters the same ranking
    CHECK(shown_queue(kept) == whole_with("nant"));
    kept.set_search("");
    CHECK(shown_queue(kept) == whole_with(""));
    CHECK(kept.rows().size() > 60);
}
