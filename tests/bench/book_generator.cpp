#include "book_generator.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace crm::bench {

namespace {

struct Rng {
    std::uint64_t s = 0x9E3779B97F4A7C15ull;
    std::uint64_t next() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
    std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n)); }
};

}  // namespace

void generate_book(db::Database& db, std::int64_t now, int n_leads, int n_interactions, int n_deliveries) {
    Rng rng;
    const std::int64_t year = 365LL * 86400;
    std::vector<std::int64_t> agents, operators;
    {
        auto st = db.prepare("SELECT id, role FROM users");
        while (st.step()) (st.get_text(1) == "agent" ? agents : operators).push_back(st.get_int64(0));
    }
    // One transaction for the whole book: its statement journals (triggers write the change log
    // inside each insert) would spill to a temporary file on disk, and 10M interactions touch
    // gigabytes of index pages at random, far past SQLite's default 2 MB page cache. The fixture
    // is rebuilt on failure, so no fsync either.
    db.exec("PRAGMA temp_store=MEMORY; PRAGMA cache_size=-4000000; PRAGMA synchronous=OFF");
    db::Transaction tx(db);
    for (int i = 0; i < 8; ++i) {
        agents.push_back(db.prepare("INSERT INTO users(username, display_name, role, password_hash, created_at) "
                                    "VALUES (?,?,'agent','x',0) RETURNING id")
                             .bind_all("bench.agent" + std::to_string(i), "Agent " + std::to_string(i))
                             .run_returning_id());
    }
    const char* sources[] = {"facebook", "google", "seloger", "leboncoin", "website", "referral"};
    const char* stages[] = {"new", "contacted", "qualified", "booked", "sent_to_agent", "sold", "refunded_bad"};
    std::vector<std::int64_t> lead_ids, lead_created;
    auto lead = db.prepare(
        "INSERT INTO leads(first_name, last_name, phone, phone_e164, source, cost_cents, stage, first_touch_at, "
        "created_at, updated_at) VALUES ('Bench', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING id");
    for (int i = 0; i < n_leads; ++i) {
        const std::int64_t created = now - rng.below(year);
        const std::string phone = "+336" + std::to_string(10000000 + i);
        const bool touched = rng.below(100) < 70;
        lead.reset();
        lead.bind_all("L" + std::to_string(i), phone, phone, sources[rng.below(6)], rng.below(4) * 500,
                      stages[rng.below(7)], touched ? std::optional<std::int64_t>(created + 600) : std::nullopt,
                      created);
        lead_ids.push_back(lead.run_returning_id());
        lead_created.push_back(created);
    }
    const char* outcomes[] = {"answered", "no_answer", "voicemail", "no_answer", "booked", "not_seller", "answered"};
    const char* kinds[] = {"call", "call", "call", "call", "call", "call", "call", "sms", "note", "email"};
    auto inter = db.prepare(
        "INSERT INTO interactions(lead_id, user_id, kind, direction, summary, outcome, timestamp) "
        "VALUES (?1, ?2, ?3, 'out', '', ?4, ?5)");
    // Written in time order, as a real history grows: ids follow time, and the time indexes
    // are appended to instead of split at random.
    struct Interaction {
        std::int64_t when;
        std::int32_t lead;
        std::uint8_t kind, outcome;
        bool by_agent;
    };
    std::vector<Interaction> history;
    history.reserve(static_cast<std::size_t>(n_interactions));
    for (int i = 0; i < n_interactions; ++i) {
        const auto k = rng.below(n_leads);
        const auto kind = static_cast<std::uint8_t>(rng.below(10));
        const bool by_agent = kind < 7 && rng.below(10) == 0;
        const auto when = lead_created[k] + rng.below(std::max<std::int64_t>(1, now - lead_created[k]));
        history.push_back(
            {when, static_cast<std::int32_t>(k), kind, static_cast<std::uint8_t>(rng.below(7)), by_agent});
    }
    std::stable_sort(history.begin(), history.end(),
                     [](const Interaction& a, const Interaction& b) { return a.when < b.when; });
    for (const auto& h : history) {
        const std::string kind = kinds[h.kind];
        inter.reset();
        inter.bind_all(lead_ids[h.lead], h.by_agent ? agents[rng.below(agents.size())] : operators[0], kind,
                       kind == "call" ? std::optional<std::string>(outcomes[h.outcome]) : std::nullopt, h.when);
        inter.run();
    }
    auto appt = db.prepare(
        "INSERT INTO appointments(lead_id, start_at, end_at, ics_uid, created_at) VALUES (?1, ?2, ?2 + 3600, ?3, ?4)");
    for (int i = 0; i < n_deliveries / 2; ++i) {
        const auto k = rng.below(n_leads);
        const auto when = lead_created[k] + rng.below(std::max<std::int64_t>(1, now - lead_created[k]));
        appt.reset();
        appt.bind_all(lead_ids[k], when + 86400, "bench-" + std::to_string(i), when);
        appt.run();
    }
    auto del = db.prepare(
        "INSERT INTO deliveries(lead_id, agent_id, status, price_cents, payment_method, paid_at, sent_at, "
        "accepted_at, first_call_at, refunded_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?7) "
        "RETURNING id");
    auto pay = db.prepare(
        "INSERT INTO payments(agent_id, delivery_id, amount_cents, paid_at, stripe_id, kind) VALUES (?,?,?,?,?,?)");
    for (int i = 0; i < n_deliveries; ++i) {
        const auto k = rng.below(n_leads);
        const auto agent = agents[rng.below(agents.size())];
        const auto sent = lead_created[k] + rng.below(std::max<std::int64_t>(1, now - lead_created[k]));
        const bool accepted = rng.below(100) < 75, paid = accepted && rng.below(100) < 90,
                   refunded = paid && rng.below(100) < 8;
        const int price = rng.below(2) ? 2000 : 3500;
        const bool stripe = rng.below(2) == 0;
        std::optional<std::int64_t> paid_at, accepted_at, first_call, refunded_at;
        if (accepted) accepted_at = sent + rng.below(86400);
        if (paid) paid_at = *accepted_at;
        if (rng.below(100) < 80) first_call = sent + rng.below(2 * 86400);
        if (refunded) refunded_at = *paid_at + 86400;
        del.reset();
        del.bind_all(lead_ids[k], agent,
                     refunded   ? "refunded"
                     : accepted ? "accepted"
                                : "sent",
                     price, stripe ? "stripe" : "credits", paid_at, sent, accepted_at, first_call, refunded_at);
        const auto d = del.run_returning_id();
        if (paid) {
            pay.reset();
            pay.bind_all(agent, d, price, *paid_at,
                         stripe ? std::optional<std::string>("cs_" + std::to_string(d)) : std::nullopt, "delivery");
            pay.run();
        }
        if (refunded) {
            pay.reset();
            pay.bind_all(agent, d, price, *refunded_at, std::optional<std::string>(), "refund");
            pay.run();
        }
        if (i % 4 == 0) {
            pay.reset();
            pay.bind_all(agent, nullptr, 10000, sent, std::optional<std::string>("cs_topup_" + std::to_string(i)),
                         "credit_topup");
            pay.run();
        }
    }
    for (int i = 0; i < 200; ++i)
        db.prepare("INSERT INTO costs(source, amount_cents, spent_at, created_at) VALUES (?,?,?,?)")
            .bind_all(sources[rng.below(6)], 1000 + rng.below(50000), now - rng.below(year), now)
            .run();
    tx.commit();
    db.exec("ANALYZE");
}

}  // namespace crm::bench
