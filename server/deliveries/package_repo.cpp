#include "deliveries/package_repo.hpp"

#include "crm/domain/personal_data.hpp"
#include "crm/domain/pricing.hpp"
#include "crm/domain/time.hpp"

namespace crm::deliveries {

namespace {

std::string intention_fr(const std::string& s) {
    if (s == "sell") return "Vendre";
    if (s == "estimate") return "Faire estimer";
    if (s == "buy") return "Acheter";
    return "Non précisée";
}

std::string consent_source_fr(const std::string& s) {
    if (s == "call") return "au téléphone";
    if (s == "import") return "import";
    if (s.rfind("http", 0) == 0) return "formulaire " + s;
    return s.empty() ? "source non précisée" : s;
}

// Before the agent commits: the surname as an initial, phone and e-mail masked, and the same
// done wherever a note or the consent words quote them.
void mask_contact(PackageView& v, const std::string& surname) {
    auto& p = v.package;
    auto mask_in = [&](const std::string& text) { return domain::mask_contact_in(text, p.phone, p.email, surname); };
    p.full_name = mask_in(p.full_name);
    for (auto& n : p.notes) n = mask_in(n);
    p.consent = mask_in(p.consent);
    p.phone = domain::mask_phone(p.phone);
    p.email = domain::mask_email(p.email);
    p.contact_note = v.by_card ? "Téléphone et e-mail complets après acceptation et paiement par carte."
                               : "Téléphone et e-mail complets après acceptation.";
}

}  // namespace

std::optional<PackageView> load_package(db::Database& db, std::int64_t delivery_id, std::int64_t now) {
    auto st = db.prepare(
        "SELECT d.id, d.lead_id, d.status, d.price_cents, d.paid_at, d.payment_method, d.payment_url, "
        "u.display_name, u.email, u.phone, l.first_name, l.last_name, l.phone, l.email, l.intention, "
        "l.timeline_months, l.city, l.zip, l.area, l.price_estimate_cents, l.consent, l.consent_at, l.consent_source, "
        "l.consent_text, d.full_contact FROM deliveries d JOIN leads l ON l.id = d.lead_id "
        "JOIN users u ON u.id = d.agent_id "
        "WHERE d.id = ?");
    st.bind(1, delivery_id);
    if (!st.step()) return std::nullopt;
    PackageView v;
    auto& p = v.package;
    p.delivery_id = st.get_int64(0);
    v.lead_id = st.get_int64(1);
    const auto lead_id = v.lead_id;
    v.status = st.get_text(2);
    p.price = domain::format_euros(st.get_int64(3));
    v.paid = !st.is_null(4);
    v.by_card = st.get_text(5) == "stripe";
    if (v.by_card && !v.paid && !st.is_null(6)) v.payment_url = st.get_text(6);
    v.contact_revealed = domain::contact_revealed(st.get_int(24) != 0, v.status == "accepted", v.paid);
    p.agent_name = st.get_text(7);
    v.agent_email = st.is_null(8) ? "" : st.get_text(8);
    v.agent_phone_e164 = st.is_null(9) ? "" : st.get_text(9);
    p.full_name = st.get_text(10) + " " + st.get_text(11);
    p.phone = st.get_text(12);
    p.email = st.is_null(13) ? "" : st.get_text(13);
    p.intention = intention_fr(st.get_text(14));
    p.timeline = st.is_null(15) ? "Non précisé" : "Sous " + std::to_string(st.get_int64(15)) + " mois";
    p.city_area = st.get_text(16);
    if (!st.get_text(17).empty()) p.city_area += " " + st.get_text(17);
    if (!st.get_text(18).empty()) p.city_area += " — " + st.get_text(18);
    p.price_estimate = st.is_null(19) ? "Non précisée" : domain::format_euros(st.get_int64(19), false);
    if (st.get_int(20) != 0) {
        p.consent = "Oui";
        if (!st.is_null(21)) p.consent += ", le " + domain::format_paris(st.get_int64(21), "%d/%m/%Y à %H:%M");
        p.consent += " (" + consent_source_fr(st.is_null(22) ? "" : st.get_text(22)) + ")";
        if (!st.is_null(23) && !st.get_text(23).empty()) p.consent += " : « " + st.get_text(23) + " »";
    } else {
        p.consent = "Non recueilli";
    }
    {
        auto a = db.prepare(
            "SELECT start_at, end_at, location FROM appointments WHERE lead_id = ? ORDER BY start_at DESC LIMIT 1");
        a.bind(1, lead_id);
        if (a.step()) {
            p.booked_slot = domain::format_paris(a.get_int64(0), "%d/%m/%Y %H:%M") + " – " +
                            domain::format_paris(a.get_int64(1), "%H:%M");
            if (!a.get_text(2).empty()) p.booked_slot += ", " + a.get_text(2);
        }
    }
    {  // The operator's own words: notes and call summaries, oldest first.
        auto n = db.prepare(
            "SELECT i.timestamp, i.summary FROM interactions i JOIN users u ON u.id = i.user_id "
            "WHERE i.lead_id = ? AND u.role IN ('operator', 'admin') AND i.kind IN ('note', 'call') "
            "AND i.summary <> '' ORDER BY i.timestamp, i.id LIMIT 30");
        n.bind(1, lead_id);
        while (n.step()) p.notes.push_back(domain::format_paris(n.get_int64(0)) + " — " + n.get_text(1));
    }
    p.generated_at = domain::format_paris(now);
    if (!v.contact_revealed) mask_contact(v, st.get_text(11));
    return v;
}

}  // namespace crm::deliveries
