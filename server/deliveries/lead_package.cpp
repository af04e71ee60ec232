#include "deliveries/lead_package.hpp"

#include "crm/domain/pricing.hpp"
#include "crm/domain/time.hpp"

namespace crm::deliveries {

namespace {

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

}  // namespace

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

}  // namespace crm::deliveries
