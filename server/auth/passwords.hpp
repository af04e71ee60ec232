#pragma once
// Argon2id password hashes (libsodium crypto_pwhash_str, interactive limits) and the random
// tokens used for sessions and share links (only their SHA-256 is ever stored).
#include <string>
#include <string_view>

namespace crm::auth {

void init_crypto();  // sodium_init, once at start
std::string hash_password(std::string_view password);
// For the in-process test servers only (tests/server/support): new hashes use libsodium's
// minimum limits, so the hundreds of accounts and logins of the server suite do not spend
// minutes in Argon2. Same algorithm and code path; no setting of the server reaches it.
void use_minimum_hash_cost_in_tests(bool on = true);
bool verify_password(const std::string& hash, std::string_view password);

std::string random_token(std::size_t bytes = 32);  // URL-safe base64, no padding
std::string sha256_hex(std::string_view data);
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace crm::auth
