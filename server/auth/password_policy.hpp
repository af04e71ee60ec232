#pragma once
// How strong a new password must be: at least 10 characters, and accepted by cracklib
// (Debian's libcrack2: FascistCheckUser against the system dictionary, which also includes
// the French word list), which refuses dictionary words, simple sequences, too few different
// characters and anything built from the username or display name. Refusals are in French.
#include <optional>
#include <string>
#include <string_view>

namespace crm::auth {

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 200;

// The reason a password is refused (in French, shown to the person), or nothing when it is
// strong enough. `username` and `display_name` are the account's own.
std::optional<std::string> password_weakness(std::string_view password, const std::string& username,
                                             const std::string& display_name);

// Throws std::runtime_error with a clear message when cracklib's dictionary cannot be read
// (an install problem: the server checks at start instead of refusing every password later).
void check_password_dictionary();

}  // namespace crm::auth
