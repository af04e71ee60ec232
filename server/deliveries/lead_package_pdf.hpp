#pragma once
// The lead package as a one-page PDF (libharu, DejaVu Sans for accents and €, the logo).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assets/asset_files.hpp"

namespace crm::deliveries {

struct LeadPackage {
    std::int64_t delivery_id = 0;
    std::string full_name;
    std::string phone;
    std::string email;
    std::string contact_note;        // why phone and e-mail are masked ("" once revealed)
    std::string intention;           // already in French ("Vendre")
    std::string timeline;            // "Sous 2 mois"
    std::string city_area;           // "Lyon 69003 — Part-Dieu"
    std::string price_estimate;      // "420 000 €"
    std::string consent;             // "Oui, le 20/11/2026 à 10:30 (formulaire …) : « texte »"
    std::string booked_slot;         // "" when none
    std::vector<std::string> notes;  // "20/11/2026 10:30 — text"
    std::string agent_name;
    std::string price;         // "35,00 €"
    std::string generated_at;  // "20/11/2026 10:30"
};

// Fonts and logo come from `assets_dir` (assets::directory() by default). Throws
// std::runtime_error if libharu fails (e.g. a font is missing).
std::string render_lead_package_pdf(const LeadPackage& p, const std::string& assets_dir = assets::directory());

}  // namespace crm::deliveries
