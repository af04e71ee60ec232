#include "crm/domain/validation.hpp"

#include <cctype>

namespace crm::domain {

std::optional<std::string> normalize_phone(const std::string& input) {
    if (input.size() > 40) return std::nullopt;
    std::string digits;
    bool plus = false;
    bool seen_digit = false;
    for (std::size_t i = 0; i < input.size(); ++i) {
        const char c = input[i];
        if (c >= '0' && c <= '9') {
            digits += c;
            seen_digit = true;
        } else if (c == '+' && !seen_digit && !plus) {
            plus = true;
        } else if (c == '(' && i + 2 < input.size() && input[i + 1] == '0' && input[i + 2] == ')') {
            i += 2;  // "+33 (0)6 …": the trunk prefix written in brackets
        } else if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '/' ||
                   static_cast<unsigned char>(c) == 0xC2 || static_cast<unsigned char>(c) == 0xA0) {
            continue;  // separators, including UTF-8 no-break spaces
        } else {
            return std::nullopt;
        }
    }
    std::string international;  // country code + national number, digits only
    if (plus) {
        international = digits;
    } else if (digits.rfind("00", 0) == 0) {
        international = digits.substr(2);
    } else if (digits.size() == 10 && digits[0] == '0') {
        international = "33" + digits.substr(1);  // French national format
    } else {
        return std::nullopt;
    }
    // "+33 0 6…" written with the national trunk prefix.
    if (international.rfind("330", 0) == 0 && international.size() == 12)
        international = "33" + international.substr(3);
    if (international.size() < 8 || international.size() > 15 || international[0] == '0') return std::nullopt;
    if (international.rfind("33", 0) == 0 && (international.size() != 11 || international[2] == '0'))
        return std::nullopt;
    return "+" + international;
}

bool is_valid_email(const std::string& e) {
    if (e.size() < 3 || e.size() > 254) return false;
    const auto at = e.find('@');
    if (at == std::string::npos || at == 0 || at != e.rfind('@')) return false;
    const auto domain = e.substr(at + 1);
    const auto dot = domain.find('.');
    if (dot == std::string::npos || dot == 0 || domain.back() == '.') return false;
    for (unsigned char c : e)
        if (c <= ' ' || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '\\') return false;
    return true;
}

std::string lower_email(const std::string& email) {
    std::string out = email;
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::map<std::string, std::string> validate_lead(const Lead& l) {
    std::map<std::string, std::string> errors;
    auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
    if (blank(l.first_name) && blank(l.last_name)) errors["lastName"] = "un nom ou un prénom est obligatoire";
    const bool has_phone = !blank(l.phone);
    const bool has_email = l.email && !blank(*l.email);
    if (!has_phone && !has_email) errors["phone"] = "un téléphone ou un e-mail est obligatoire";
    if (has_phone && !normalize_phone(l.phone))
        errors["phone"] = "numéro invalide (ex. 06 12 34 56 78 ou +33 6 12 34 56 78)";
    if (has_email && !is_valid_email(*l.email)) errors["email"] = "adresse e-mail invalide";
    if (l.timeline_months && (*l.timeline_months < 0 || *l.timeline_months > 120))
        errors["timelineMonths"] = "entre 0 et 120 mois";
    if (l.price_estimate_cents && *l.price_estimate_cents < 0)
        errors["priceEstimateCents"] = "ne peut pas être négatif";
    if (l.cost_cents < 0) errors["costCents"] = "ne peut pas être négatif";
    if (!l.zip.empty() && (l.zip.size() != 5 || l.zip.find_first_not_of("0123456789") != std::string::npos))
        errors["zip"] = "code postal à 5 chiffres";
    return errors;
}

DuplicateKeys duplicate_keys(const Lead& l) {
    DuplicateKeys k;
    if (!l.phone.empty()) k.phone_e164 = normalize_phone(l.phone);
    if (l.email && !l.email->empty()) k.email_lower = lower_email(*l.email);
    return k;
}

}  // namespace crm::domain
