#include "deliveries/lead_package.hpp"

#include "assets/asset_files.hpp"
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

// The page's layout and style are assets (assets/templates/package_page.*); `content` is HTML.
std::string package_layout(const std::string& title, const std::string& content, const std::string& script) {
    return assets::fill("templates/package_page.html", {{"title", escape_html(title)},
                                                        {"style", assets::text("templates/package_page.css")},
                                                        {"content", content},
                                                        {"script", script}});
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
    std::string h;
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
    h += "<footer>Livraison n° " + std::to_string(p.delivery_id) + " · pour " + escape_html(p.agent_name) + "</footer>";
    return package_layout("Lead — " + p.full_name, h, "<script src=\"/p/package.js\" defer></script>");
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
    return package_layout(
        title, "<div class=\"card\"><h1>" + escape_html(title) + "</h1><p>" + escape_html(text) + "</p></div>", "");
}

std::string package_email_body(const PackageView& v, const std::string& share_url) {
    const auto& p = v.package;
    return assets::fill(
        "templates/package_email.txt",
        {{"agent_name", p.agent_name},
         {"full_name", p.full_name},
         {"city_area", p.city_area},
         {"intention", p.intention},
         {"timeline", p.timeline},
         {"price_estimate", p.price_estimate},
         {"booked_slot_line", p.booked_slot.empty() ? "" : "  Rendez-vous : " + p.booked_slot + "\n"},
         {"price", p.price},
         {"share_url", share_url},
         {"payment_line", v.payment_url.empty() ? "" : "Paiement par carte : " + v.payment_url + "\n"}});
}

}  // namespace crm::deliveries
