#include "packages/lead_package.hpp"

#include "crm/domain/personal_data.hpp"
#include "crm/domain/pricing.hpp"
#include "crm/domain/time.hpp"
#include "db/leads_repo.hpp"

namespace crm::packages {

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

std::string escape_html(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

const char* const kPageStyle =
    "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f4f5f7;"
    "color:#1d2433;line-height:1.45}main{max-width:560px;margin:0 auto;padding:16px}"
    ".card{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:18px;margin-bottom:14px}"
    "h1{font-size:1.35rem;margin:0 0 4px}h2{font-size:1rem;margin:0 0 8px;color:#4a5568}"
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 14px;margin:0}dt{color:#6b7280}dd{margin:0}"
    ".msg{background:#e8f5e9;border-radius:8px;padding:10px 14px;margin-bottom:14px}"
    ".badge{display:inline-block;border-radius:999px;padding:2px 10px;font-size:.85rem;background:#eef2ff}"
    "button,.btn{display:block;width:100%;box-sizing:border-box;text-align:center;font-size:1.05rem;padding:14px;"
    "border:0;border-radius:10px;background:#1f6feb;color:#fff;text-decoration:none;margin-top:10px;cursor:pointer}"
    ".btn.secondary{background:#e5e7eb;color:#1d2433}ul{padding-left:18px;margin:0}"
    ".note{color:#6b7280;font-size:.9rem;margin:8px 0 0}"
    "footer{color:#6b7280;font-size:.8rem;text-align:center;padding:8px}";

std::string page_head(const std::string& title) {
    return "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<meta name=\"robots\" content=\"noindex, nofollow\"><meta name=\"referrer\" content=\"no-referrer\">"
           "<title>" +
           escape_html(title) + "</title><style>" + kPageStyle + "</style></head><body><main>";
}

std::string status_fr(const std::string& s) {
    if (s == "accepted") return "Accepté";
    if (s == "refunded") return "Remboursé";
    if (s == "opened") return "Consulté";
    return "Envoyé";
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

std::string render_package_page(const PackageView& v, const std::string& token, const std::string& message) {
    const auto& p = v.package;
    std::string h = page_head("Lead — " + p.full_name);
    if (!message.empty()) h += "<div class=\"msg\" role=\"status\">" + escape_html(message) + "</div>";
    h += "<div class=\"card\"><h1>" + escape_html(p.full_name) + "</h1><span class=\"badge\">" +
         escape_html(status_fr(v.status)) + "</span> <span class=\"badge\">" + escape_html(p.price) +
         (v.paid ? " · payé" : "") + "</span></div>";
    h += "<div class=\"card\"><h2>Contact</h2><dl><dt>Téléphone</dt><dd>";
    if (v.contact_revealed) {
        h += "<a href=\"tel:" + escape_html(p.phone) + "\">" + escape_html(p.phone) + "</a></dd>";
        if (!p.email.empty())
            h += "<dt>E-mail</dt><dd><a href=\"mailto:" + escape_html(p.email) + "\">" + escape_html(p.email) +
                 "</a></dd>";
    } else {
        h += escape_html(p.phone) + "</dd>";
        if (!p.email.empty()) h += "<dt>E-mail</dt><dd>" + escape_html(p.email) + "</dd>";
    }
    h += "</dl>";
    if (!p.contact_note.empty()) h += "<p class=\"note\">" + escape_html(p.contact_note) + "</p>";
    h += "</div><div class=\"card\"><h2>Projet</h2><dl><dt>Intention</dt><dd>" + escape_html(p.intention) +
         "</dd><dt>Délai</dt><dd>" + escape_html(p.timeline) + "</dd><dt>Secteur</dt><dd>" + escape_html(p.city_area) +
         "</dd><dt>Estimation</dt><dd>" + escape_html(p.price_estimate) + "</dd>";
    if (!p.booked_slot.empty()) h += "<dt>Rendez-vous</dt><dd>" + escape_html(p.booked_slot) + "</dd>";
    h += "<dt>Consentement</dt><dd>" + escape_html(p.consent) + "</dd></dl></div>";
    if (!p.notes.empty()) {
        h += "<div class=\"card\"><h2>Notes de qualification</h2><ul>";
        for (const auto& n : p.notes) h += "<li>" + escape_html(n) + "</li>";
        h += "</ul></div>";
    }
    h += "<div class=\"card\">";
    if (v.status != "accepted" && v.status != "refunded")
        h += "<form method=\"post\" action=\"/p/" + escape_html(token) +
             "/accept\"><button type=\"submit\">Accepter ce lead (" + escape_html(p.price) + ")</button></form>";
    if (!v.payment_url.empty())
        h += "<a class=\"btn\" href=\"" + escape_html(v.payment_url) + "\" rel=\"noopener\">Payer par carte</a>";
    h += "<a class=\"btn secondary\" href=\"/p/" + escape_html(token) + "/pdf\">Télécharger le PDF</a></div>";
    h += "<footer>Livraison n° " + std::to_string(p.delivery_id) + " · pour " + escape_html(p.agent_name) +
         "</footer></main><script src=\"/p/package.js\" defer></script></body></html>";
    return h;
}

const std::string& package_script() {
    // Sent once, when the page is (or becomes) visible: a tab opened in the background counts
    // when it is looked at. The token is the page's own path.
    static const std::string js =
        "(function(){var sent=false;function report(){if(sent||document.visibilityState!=='visible')return;"
        "sent=true;fetch(location.pathname.replace(/\\/$/,'')+'/opened',{method:'POST',credentials:'omit',"
        "cache:'no-store'}).catch(function(){sent=false;});}"
        "document.addEventListener('visibilitychange',report);report();})();\n";
    return js;
}

std::string render_link_error_page(const std::string& title, const std::string& text) {
    return page_head(title) + "<div class=\"card\"><h1>" + escape_html(title) + "</h1><p>" + escape_html(text) +
           "</p></div></main></body></html>";
}

std::string package_email_body(const PackageView& v, const std::string& share_url) {
    const auto& p = v.package;
    std::string b = "Bonjour " + p.agent_name + ",\n\nUn nouveau lead vendeur vous est proposé :\n\n";
    b += "  " + p.full_name + " — " + p.city_area + "\n  Projet : " + p.intention + ", " + p.timeline +
         "\n  Estimation : " + p.price_estimate + "\n";
    if (!p.booked_slot.empty()) b += "  Rendez-vous : " + p.booked_slot + "\n";
    b += "  Prix : " + p.price + "\n\nLa fiche complète et le bouton Accepter : " + share_url +
         "\nLa fiche est aussi jointe en PDF.\n";
    if (!v.payment_url.empty()) b += "Paiement par carte : " + v.payment_url + "\n";
    b += "\nMerci de rappeler le vendeur dans les 24 heures.\n";
    return b;
}

}  // namespace crm::packages
