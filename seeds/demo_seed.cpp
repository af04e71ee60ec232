#include "seeds/demo_seed.hpp"

#include <string>
#include <vector>

#include "accounts/demo_accounts.hpp"
#include "auth/passwords.hpp"
#include "crm/domain/time.hpp"

namespace crm::seeds {

namespace {

struct DemoLead {
    const char* first;
    const char* last;
    const char* city;
    const char* zip;
    const char* area;
    const char* intention;
    int timeline;        // months; -1 = unknown
    long long estimate;  // euros; 0 = unknown
    bool consent;
    const char* source;
    const char* stage;
    const char* status;
    int agent;        // 0 none, 1 alice, 2 ben
    int age_minutes;  // created this long before now
    int cost_euros;
};

// 40 leads: alice's 8 (Lyon area), ben's 6 (Bordeaux area), then the operator's pipeline.
const DemoLead kLeads[] = {
    {"Camille", "Durand", "Lyon", "69003", "Part-Dieu", "sell", 2, 420000, true, "website", "sent_to_agent", "booked",
     1, 3 * 1440, 12},
    {"Julien", "Moreau", "Lyon", "69006", "Brotteaux", "sell", 3, 610000, true, "facebook", "sent_to_agent", "active",
     1, 2 * 1440, 9},
    {"Sophie", "Lefèvre", "Villeurbanne", "69100", "Gratte-Ciel", "sell", 6, 285000, true, "google", "sold", "active",
     1, 9 * 1440, 15},
    {"Thomas", "Garnier", "Lyon", "69007", "Jean-Macé", "estimate", 4, 350000, true, "partner", "sold", "active", 1,
     12 * 1440, 20},
    {"Émilie", "Rousseau", "Lyon", "69004", "Croix-Rousse", "sell", 1, 495000, true, "website", "sold", "active", 1,
     15 * 1440, 12},
    {"Nicolas", "Fontaine", "Villeurbanne", "69100", "Charpennes", "sell", 5, 240000, true, "referral", "sold",
     "active", 1, 20 * 1440, 0},
    {"Chloé", "Chevalier", "Lyon", "69008", "Monplaisir", "sell", 2, 330000, true, "facebook", "sold", "active", 1,
     25 * 1440, 9},
    {"Antoine", "Blanc", "Lyon", "69005", "Vieux Lyon", "estimate", 8, 560000, true, "google", "sold", "active", 1,
     30 * 1440, 15},
    {"Manon", "Guerin", "Bordeaux", "33000", "Chartrons", "sell", 2, 455000, true, "website", "sold", "active", 2,
     4 * 1440, 12},
    {"Lucas", "Muller", "Mérignac", "33700", "Capeyron", "sell", 3, 310000, true, "facebook", "sent_to_agent", "active",
     2, 5 * 1440, 9},
    {"Léa", "Faure", "Bordeaux", "33800", "Saint-Michel", "estimate", 6, 275000, true, "google", "sold", "active", 2,
     10 * 1440, 15},
    {"Hugo", "André", "Bordeaux", "33200", "Caudéran", "sell", 4, 690000, true, "partner", "sold", "active", 2,
     14 * 1440, 20},
    {"Inès", "Mercier", "Mérignac", "33700", "Arlac", "sell", 1, 265000, true, "website", "sold", "active", 2,
     18 * 1440, 12},
    {"Louis", "Bonnet", "Bordeaux", "33300", "Bacalan", "sell", 5, 380000, true, "referral", "sold", "active", 2,
     22 * 1440, 0},
    {"Sarah", "Lambert", "Paris", "75011", "Oberkampf", "sell", 1, 720000, true, "website", "new", "active", 0, 2, 12},
    {"Mathis", "Girard", "Lyon", "69002", "Perrache", "sell", 2, 515000, true, "facebook", "new", "active", 0, 25, 9},
    {"Jade", "Bertrand", "Nantes", "44000", "Graslin", "estimate", 6, 295000, false, "google", "new", "active", 0, 180,
     15},
    {"Gabriel", "Roux", "Marseille", "13008", "Prado", "sell", 3, 480000, true, "purchased", "new", "active", 0, 600,
     25},
    {"Louise", "Vincent", "Toulouse", "31000", "Capitole", "sell", 12, 350000, false, "purchased", "new", "active", 0,
     1500, 25},
    {"Arthur", "Fournier", "Lille", "59000", "Vieux-Lille", "unknown", -1, 0, false, "purchased", "new", "active", 0,
     2 * 1440, 25},
    {"Alice", "Morel", "Paris", "75015", "Vaugirard", "sell", 2, 640000, true, "website", "contacted", "active", 0,
     3 * 1440, 12},
    {"Raphaël", "Girard", "Bordeaux", "33000", "Saint-Pierre", "sell", 3, 410000, true, "partner", "contacted",
     "follow_up", 0, 4 * 1440, 20},
    {"Lina", "Andre", "Lyon", "69009", "Vaise", "estimate", 6, 260000, true, "google", "contacted", "follow_up", 0,
     5 * 1440, 15},
    {"Jules", "Lefebvre", "Nantes", "44300", "Erdre", "sell", 4, 330000, true, "facebook", "contacted", "active", 0,
     6 * 1440, 9},
    {"Rose", "Mercier", "Marseille", "13007", "Endoume", "sell", 2, 590000, true, "website", "qualified", "active", 0,
     7 * 1440, 12},
    {"Adam", "Dupont", "Villeurbanne", "69100", "Cusset", "sell", 2, 305000, true, "referral", "qualified", "active", 0,
     8 * 1440, 0},
    {"Ambre", "Lambert", "Mérignac", "33700", "Beutre", "sell", 1, 345000, true, "google", "qualified", "active", 0,
     9 * 1440, 15},
    {"Nathan", "Bonnet", "Toulouse", "31400", "Rangueil", "estimate", 3, 285000, true, "partner", "qualified", "active",
     0, 10 * 1440, 20},
    {"Anna", "François", "Paris", "75017", "Batignolles", "sell", 2, 880000, true, "website", "booked", "booked", 0,
     11 * 1440, 12},
    {"Léo", "Martinez", "Lille", "59800", "Wazemmes", "sell", 5, 210000, true, "facebook", "booked", "booked", 0,
     12 * 1440, 9},
    {"Mia", "Legrand", "Lyon", "69003", "Montchat", "sell", 9, 395000, true, "purchased", "contacted", "nurture", 0,
     16 * 1440, 25},
    {"Paul", "Garnier", "Nantes", "44000", "Bouffay", "buy", 6, 0, false, "purchased", "refunded_bad", "not_seller", 0,
     13 * 1440, 25},
    {"Zoé", "Faure", "Marseille", "13006", "Castellane", "sell", 3, 455000, false, "purchased", "new", "bad_number", 0,
     14 * 1440, 25},
    {"Ethan", "Rousseau", "Toulouse", "31300", "Saint-Cyprien", "sell", 4, 330000, false, "purchased", "new", "dnc", 0,
     15 * 1440, 25},
    {"Juliette", "Blanc", "Paris", "75020", "Belleville", "estimate", 12, 470000, true, "google", "contacted",
     "nurture", 0, 40 * 1440, 15},
    {"Tom", "Chevalier", "Bordeaux", "33000", "Saint-Seurin", "sell", 2, 520000, true, "website", "new", "active", 0,
     50, 12},
    {"Eva", "Perrin", "Lyon", "69006", "Foch", "sell", 1, 780000, true, "partner", "new", "active", 0, 240, 20},
    {"Noah", "Robin", "Marseille", "13001", "Vieux-Port", "sell", 6, 260000, false, "facebook", "new", "active", 0, 900,
     9},
    {"Lou", "Clement", "Nantes", "44100", "Chantenay", "estimate", 3, 310000, true, "website", "contacted", "active", 0,
     2000, 12},
    {"Victor", "Gauthier", "Lille", "59000", "Euralille", "sell", 2, 365000, true, "referral", "qualified", "active", 0,
     2600, 0},
};

std::string pad2(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

std::int64_t insert_user(db::Database& db, const char* username, const char* display, const char* email,
                         const char* role, const char* cities, const char* zips, std::int64_t now) {
    return db
        .prepare(
            "INSERT INTO users(username, display_name, email, role, password_hash, demo_password, cities, zips, "
            "credits_cents, created_at) "
            "VALUES (?,?,?,?,?,1,?,?,0,?) RETURNING id")
        .bind_all(username, display, email, role, auth::hash_password(accounts::kDemoPassword), cities, zips,
                  now - 90 * 86400)
        .run_returning_id();
}

void credit(db::Database& db, std::int64_t agent, std::int64_t cents, const char* kind, const std::string& note,
            std::optional<std::int64_t> delivery, std::int64_t at) {
    db.prepare(
          "INSERT INTO credit_ledger(agent_id, amount_cents, kind, note, delivery_id, created_at) VALUES (?,?,?,?,?,?)")
        .bind_all(agent, cents, kind, note, delivery, at)
        .run();
    db.prepare("UPDATE users SET credits_cents = credits_cents + ? WHERE id = ?").bind_all(cents, agent).run();
}

// When the operator would have made a call planned for `planned`: a working hour in Paris
// (09:00–19:59, consent lets the demo leads be called any day), the same minute past the hour;
// never after `now` (then the latest such moment before it, if it follows `planned`). Calls
// used to land at the hour the seed ran, and the heatmap showed calls at 4 h.
std::int64_t working_hour_call(std::int64_t planned, std::int64_t now) {
    const auto at = domain::to_paris(planned);
    std::int64_t t = planned;
    if (at.hour < 9)
        t = domain::from_paris(at.year, at.month, at.day, 9, at.minute);
    else if (at.hour >= 20) {
        const auto next = domain::to_paris(domain::paris_midnight_days_before(planned, -1));
        t = domain::from_paris(next.year, next.month, next.day, 9, at.minute);
    }
    if (t <= now) return t;
    for (std::int64_t back = now; back > planned; back -= 3600) {
        const auto h = domain::to_paris(back).hour;
        if (h >= 9 && h < 20) return back;
    }
    return planned;
}

}  // namespace

bool seed_if_empty(db::Database& db, std::int64_t now) {
    {
        auto st = db.prepare("SELECT COUNT(*) FROM users");
        st.step();
        if (st.get_int64(0) > 0) return false;
    }
    db::Transaction tx(db);
    const auto alice = insert_user(
        db, "alice.martin", "Alice Martin", "alice.martin@example.fr", "agent", R"(["Lyon","Villeurbanne"])",
        R"(["69001","69002","69003","69004","69005","69006","69007","69008","69009","69100"])", now);
    const auto ben = insert_user(db, "ben.leroy", "Ben Leroy", "ben.leroy@example.fr", "agent",
                                 R"(["Bordeaux","Mérignac"])", R"(["33000","33200","33300","33800","33700"])", now);
    const auto admin = insert_user(db, "admin", "Opérateur", "operateur@example.fr", "operator", "[]", "[]", now);
    // Mobile numbers for WhatsApp deliveries (fictitious, in the range ARCEP keeps for fiction).
    db.prepare("UPDATE users SET phone = ? WHERE id = ?").bind_all(std::string("+33639980101"), alice).run();
    db.prepare("UPDATE users SET phone = ? WHERE id = ?").bind_all(std::string("+33639980102"), ben).run();

    const auto day = 86400;
    credit(db, alice, 10000, "topup", "Recharge de démonstration", std::nullopt, now - 20 * day);
    credit(db, ben, 5000, "topup", "Recharge de démonstration", std::nullopt, now - 20 * day);

    int index = 0;
    for (const auto& l : kLeads) {
        ++index;
        const std::int64_t created = now - static_cast<std::int64_t>(l.age_minutes) * 60;
        const std::string phone = "06 12 34 " + pad2(50 + index / 10) + " " + pad2(index % 100);
        const std::string e164 = "+3361234" + pad2(50 + index / 10) + pad2(index % 100);
        std::string email_name = std::string(l.first) + "." + l.last;
        for (auto& c : email_name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const bool has_email = index % 4 != 0;
        const bool bad = std::string(l.status) == "bad_number";
        const bool dnc = std::string(l.status) == "dnc";
        const std::string stage = l.stage;
        const bool touched = stage != "new";
        const std::int64_t first_call = working_hour_call(created + 240, now);
        const std::optional<std::int64_t> agent = l.agent == 1   ? std::optional<std::int64_t>(alice)
                                                  : l.agent == 2 ? std::optional<std::int64_t>(ben)
                                                                 : std::nullopt;
        const auto lead_id =
            db.prepare(
                  "INSERT INTO leads(first_name, last_name, phone, phone_e164, email, intention, timeline_months, "
                  "city, "
                  "zip, "
                  "area, price_estimate_cents, consent, consent_at, consent_text, consent_source, source, cost_cents, "
                  "stage, "
                  "status, owner_user_id, assigned_agent_id, bad_number, dnc, live_touches, unanswered_attempts, "
                  "first_touch_at, last_touch_at, next_action_at, created_at, updated_at, first_connect_at) "
                  "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id")
                .bind_all(
                    l.first, l.last, phone, e164,
                    has_email ? std::optional<std::string>(email_name + "@example.fr") : std::nullopt, l.intention,
                    l.timeline < 0 ? std::optional<std::int64_t>() : std::optional<std::int64_t>(l.timeline), l.city,
                    l.zip, l.area, l.estimate > 0 ? std::optional<std::int64_t>(l.estimate * 100) : std::nullopt,
                    l.consent, l.consent ? std::optional<std::int64_t>(created) : std::nullopt,
                    l.consent
                        ? std::optional<std::string>("J'accepte d'être recontacté(e) au sujet de la vente de mon bien.")
                        : std::nullopt,
                    l.consent ? std::optional<std::string>("https://estimation.example.fr/formulaire") : std::nullopt,
                    l.source, static_cast<std::int64_t>(l.cost_euros) * 100, l.stage, l.status, admin, agent, bad, dnc,
                    touched ? 1 : 0, std::string(l.status) == "follow_up" ? 1 : 0,
                    touched ? std::optional<std::int64_t>(first_call) : std::nullopt,
                    touched ? std::optional<std::int64_t>(first_call + 3360) : std::nullopt,
                    std::string(l.status) == "follow_up" ? std::optional<std::int64_t>(now + day) : std::nullopt,
                    created, touched ? first_call + 3360 : created,
                    touched ? std::optional<std::int64_t>(first_call) : std::nullopt)
                .run_returning_id();

        if (touched) {
            db.prepare(
                  "INSERT INTO interactions(lead_id, user_id, kind, direction, summary, outcome, timestamp, "
                  "duration_s) "
                  "VALUES (?,?,'call','out',?, 'answered', ?, ?)")
                .bind_all(lead_id, admin, std::string("Premier appel : projet de vente confirmé à ") + l.city + ".",
                          first_call, 180 + index * 7)
                .run();
            db.prepare("INSERT INTO interactions(lead_id, user_id, kind, summary, timestamp) VALUES (?,?,'note',?,?)")
                .bind_all(lead_id, admin, "Bien visité récemment par un voisin, rappeler en fin de journée.",
                          first_call + 3360)
                .run();
        }
        if (std::string(l.status) == "follow_up")
            db.prepare("INSERT INTO tasks(lead_id, due_at, note, created_by, created_at) VALUES (?,?,?,?,?)")
                .bind_all(lead_id, now + day, "Relance après message vocal", admin, created + 3600)
                .run();

        // Appointments: alice's first lead and the operator's booked leads.
        if ((l.agent == 1 && index == 1) || std::string(l.status) == "booked") {
            const std::int64_t start = now + (index == 1 ? 2 : 3) * day + 3600;
            db.prepare(
                  "INSERT INTO appointments(lead_id, start_at, end_at, location, with_agent_id, ics_uid, created_at) "
                  "VALUES (?,?,?,?,?,?,?)")
                .bind_all(lead_id, start, start + 3600, std::string(l.area) + ", " + l.city, agent,
                          "appt-" + std::to_string(lead_id) + "@lead-crm", created + 3600)
                .run();
        }

        // Deliveries of the assigned leads: alice's second is waiting for her answer (credits),
        // ben's second was accepted with credits, the rest were accepted and paid by card.
        if (agent) {
            const bool pending = l.agent == 1 && index == 2;
            const bool ben_credits = l.agent == 2 && index == 10;
            const bool slot = index == 1 || pending;
            const std::int64_t price = 2000 + (slot ? 1500 : 0);
            const std::int64_t sent = created + 2 * 3600;
            const std::string pricing = std::string("{\"baseCents\":2000,\"slotBonusCents\":") + (slot ? "1500" : "0") +
                                        ",\"exclusiveBonusCents\":0}";
            const bool accepted = !pending;
            const bool paid = accepted;
            const auto delivery_id =
                db.prepare(
                      "INSERT INTO deliveries(lead_id, agent_id, status, channel, price_cents, pricing_json, "
                      "exclusive, "
                      "payment_method, paid_at, sent_at, opened_at, accepted_at, first_call_at, created_at) "
                      "VALUES (?,?,?,?,?,?,0,?,?,?,?,?,?,?) RETURNING id")
                    .bind_all(lead_id, *agent, accepted ? "accepted" : "sent", index % 2 ? "email" : "whatsapp", price,
                              pricing, ben_credits || pending ? "credits" : "stripe",
                              paid ? std::optional<std::int64_t>(sent + 1800) : std::nullopt, sent,
                              accepted ? std::optional<std::int64_t>(sent + 600) : std::nullopt,
                              accepted ? std::optional<std::int64_t>(sent + 1800) : std::nullopt,
                              accepted ? std::optional<std::int64_t>(sent + 5400) : std::nullopt, sent)
                    .run_returning_id();
            if (paid) {
                db.prepare(
                      "INSERT INTO payments(agent_id, delivery_id, amount_cents, paid_at, stripe_id, kind) "
                      "VALUES (?,?,?,?,?,'delivery')")
                    .bind_all(*agent, delivery_id, price, sent + 1800,
                              ben_credits ? std::optional<std::string>()
                                          : std::optional<std::string>("cs_demo_" + std::to_string(delivery_id)))
                    .run();
                if (ben_credits)
                    credit(db, *agent, -price, "delivery", "Lead #" + std::to_string(lead_id), delivery_id,
                           sent + 1800);
            }
            if (accepted)
                db.prepare(
                      "INSERT INTO interactions(lead_id, user_id, kind, direction, summary, outcome, timestamp, "
                      "duration_s) "
                      "VALUES (?,?,'call','out','Premier contact de l''agent, rendez-vous d''estimation "
                      "proposé.','answered',?,240)")
                    .bind_all(lead_id, *agent, sent + 5400)
                    .run();
        }
    }
    tx.commit();
    return true;
}

}  // namespace crm::seeds
