#include "auth/password_policy.hpp"

#include <cstddef>  // crack.h uses size_t without including it
// clang-format off
#include <crack.h>
// clang-format on

#include <mutex>
#include <stdexcept>
#include <utility>

namespace crm::auth {

namespace {

// cracklib keeps static buffers: one check at a time.
std::mutex& cracklib_mutex() {
    static std::mutex m;
    return m;
}

// cracklib's English reasons (lib/fascist.c, 2.9.x), said in French; anything else gets the
// general sentence.
std::string in_french(const std::string& reason) {
    static const std::pair<const char*, const char*> kReasons[] = {
        {"it is WAY too short", "trop court"},
        {"it is too short", "trop court"},
        {"it does not contain enough DIFFERENT characters", "pas assez de caractères différents"},
        {"it is all whitespace", "uniquement des espaces"},
        {"it is too simplistic/systematic", "trop simple ou trop systématique (suite de touches, de chiffres…)"},
        {"it looks like a National Insurance number.", "ressemble à un numéro d'identification"},
        {"it is based on a dictionary word", "construit sur un mot du dictionnaire"},
        {"it is based on a (reversed) dictionary word", "construit sur un mot du dictionnaire (à l'envers)"},
        {"it is based on your username", "construit sur votre identifiant"},
        {"it is based upon your password entry", "construit sur votre nom"},
        {"it is derived from your password entry", "dérivé de votre nom"},
        {"it's derivable from your password entry", "dérivé de votre nom"},
    };
    for (const auto& [en, fr] : kReasons)
        if (reason == en) return std::string("Mot de passe refusé : ") + fr + ".";
    return "Mot de passe refusé : trop facile à deviner.";
}

}  // namespace

std::optional<std::string> password_weakness(std::string_view password, const std::string& username,
                                             const std::string& display_name) {
    // Length in characters, not bytes: "é" counts once.
    std::size_t chars = 0;
    for (unsigned char c : password)
        if ((c & 0xC0) != 0x80) ++chars;
    if (chars < kMinPasswordLength)
        return "Mot de passe refusé : " + std::to_string(kMinPasswordLength) + " caractères au moins.";
    if (password.size() > kMaxPasswordLength)
        return "Mot de passe refusé : " + std::to_string(kMaxPasswordLength) + " caractères au plus.";
    if (password.find('\0') != std::string_view::npos) return "Mot de passe refusé : caractère invalide.";
    const std::string pw(password);
    std::lock_guard<std::mutex> lock(cracklib_mutex());
    // The display name plays the part of the passwd "gecos" field: a password made of the
    // person's own name is refused like one made of the username.
    const char* reason = FascistCheckUser(pw.c_str(), GetDefaultCracklibDict(), username.c_str(),
                                          display_name.empty() ? nullptr : display_name.c_str());
    if (!reason) return std::nullopt;
    const std::string why(reason);
    if (why == "error loading dictionary")
        throw std::runtime_error("cracklib dictionary unreadable (install cracklib-runtime)");
    return in_french(why);
}

void check_password_dictionary() {
    std::lock_guard<std::mutex> lock(cracklib_mutex());
    // A long random-looking password passes every rule, so the only possible refusal is the
    // dictionary failing to load.
    const char* reason = FascistCheckUser("Vx7#kQ2m!pL9zR", GetDefaultCracklibDict(), "crm-start-check", nullptr);
    if (reason && std::string(reason) == "error loading dictionary")
        throw std::runtime_error(std::string("cannot read cracklib's dictionary at ") + GetDefaultCracklibDict() +
                                 " (Debian package cracklib-runtime)");
}

}  // namespace crm::auth
