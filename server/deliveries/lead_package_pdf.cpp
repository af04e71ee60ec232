#include "deliveries/lead_package_pdf.hpp"

#include <hpdf.h>

#include <memory>
#include <stdexcept>

namespace crm::deliveries {

namespace {

// libharu is C: never throw through it. The handler records the first error; we throw after.
struct HaruError {
    HPDF_STATUS code = 0, detail = 0;
};
void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user) {
    auto* e = static_cast<HaruError*>(user);
    if (e->code == 0) {
        e->code = error_no;
        e->detail = detail_no;
    }
}

// Splits text into lines that fit `width` points, on spaces (UTF-8 safe: never splits a word).
std::vector<std::string> wrap(HPDF_Page page, const std::string& text, float width) {
    std::vector<std::string> lines;
    std::string line, word;
    auto flush_word = [&] {
        if (word.empty()) return;
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && HPDF_Page_TextWidth(page, candidate.c_str()) > width) {
            lines.push_back(line);
            line = word;
        } else {
            line = candidate;
        }
        word.clear();
    };
    for (char c : text) {
        if (c == ' ' || c == '\n') {
            flush_word();
            if (c == '\n') {
                lines.push_back(line);
                line.clear();
            }
        } else {
            word += c;
        }
    }
    flush_word();
    if (!line.empty()) lines.push_back(line);
    return lines;
}

}  // namespace

std::string render_lead_package_pdf(const LeadPackage& p, const std::string& assets_dir) {
    const std::string font_dir = assets_dir + "/fonts", logo_file = assets_dir + "/logo.png";
    HaruError error;
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)> doc(HPDF_New(on_error, &error), HPDF_Free);
    if (!doc) throw std::runtime_error("libharu: cannot create a document");
    HPDF_Doc pdf = doc.get();
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    const char* regular_name = HPDF_LoadTTFontFromFile(pdf, (font_dir + "/DejaVuSans.ttf").c_str(), HPDF_TRUE);
    const char* bold_name = HPDF_LoadTTFontFromFile(pdf, (font_dir + "/DejaVuSans-Bold.ttf").c_str(), HPDF_TRUE);
    if (error.code || !regular_name || !bold_name)
        throw std::runtime_error("libharu: cannot load the DejaVu fonts from " + font_dir);
    HPDF_Font regular = HPDF_GetFont(pdf, regular_name, "UTF-8");
    HPDF_Font bold = HPDF_GetFont(pdf, bold_name, "UTF-8");
    HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, ("Lead package #" + std::to_string(p.delivery_id)).c_str());

    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    const float left = 50, right = HPDF_Page_GetWidth(page) - 50;
    float y = HPDF_Page_GetHeight(page) - 60;

    auto text = [&](HPDF_Font font, float size, float x, float at, const std::string& s) {
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, size);
        HPDF_Page_TextOut(page, x, at, s.c_str());
        HPDF_Page_EndText(page);
    };

    // The logo in the top right corner, 40 pt square.
    HPDF_Image logo = HPDF_LoadPngImageFromFile(pdf, logo_file.c_str());
    if (error.code || !logo) throw std::runtime_error("libharu: cannot load " + logo_file);
    HPDF_Page_DrawImage(page, logo, right - 40, y - 12, 40, 40);

    text(bold, 20, left, y, "Dossier vendeur — " + p.full_name);
    y -= 22;
    text(regular, 10, left, y,
         "Livraison #" + std::to_string(p.delivery_id) + " · pour " + p.agent_name + " · " + p.price);
    y -= 14;
    HPDF_Page_SetLineWidth(page, 0.8f);
    HPDF_Page_MoveTo(page, left, y);
    HPDF_Page_LineTo(page, right, y);
    HPDF_Page_Stroke(page);
    y -= 24;

    std::vector<std::pair<const char*, std::string>> rows = {
        {"Nom", p.full_name},
        {"Téléphone", p.phone},
        {"E-mail", p.email.empty() ? "—" : p.email},
    };
    if (!p.contact_note.empty()) rows.emplace_back("Coordonnées", p.contact_note);
    rows.insert(rows.end(), {{"Intention", p.intention},
                             {"Délai", p.timeline},
                             {"Ville / secteur", p.city_area},
                             {"Estimation", p.price_estimate},
                             {"Consentement", p.consent},
                             {"Rendez-vous", p.booked_slot.empty() ? "Aucun créneau réservé" : p.booked_slot}});
    for (const auto& [label, value] : rows) {
        text(bold, 11, left, y, label);
        HPDF_Page_SetFontAndSize(page, regular, 11);
        for (const auto& line : wrap(page, value, right - left - 130)) {
            text(regular, 11, left + 130, y, line);
            y -= 15;
        }
        y -= 5;
    }

    y -= 8;
    text(bold, 13, left, y, "Notes de l'opérateur");
    y -= 18;
    if (p.notes.empty()) {
        text(regular, 11, left, y, "Aucune note.");
        y -= 15;
    }
    HPDF_Page_SetFontAndSize(page, regular, 10);
    for (const auto& note : p.notes) {
        for (const auto& line : wrap(page, "• " + note, right - left)) {
            if (y < 80) break;
            text(regular, 10, left, y, line);
            y -= 13;
        }
        y -= 3;
    }

    text(regular, 8, left, 40,
         "Livraison #" + std::to_string(p.delivery_id) + " · document généré le " + p.generated_at +
             " · données personnelles transmises au seul agent destinataire (RGPD).");

    if (error.code == 0) HPDF_SaveToStream(pdf);
    if (error.code)
        throw std::runtime_error("libharu error " + std::to_string(error.code) + "/" + std::to_string(error.detail));
    HPDF_ResetStream(pdf);
    std::string out;
    for (;;) {
        HPDF_BYTE buf[8192];
        HPDF_UINT32 size = sizeof buf;
        const auto rc = HPDF_ReadFromStream(pdf, buf, &size);
        out.append(reinterpret_cast<const char*>(buf), size);
        if (rc != HPDF_OK || size == 0) break;
    }
    return out;
}

}  // namespace crm::deliveries
