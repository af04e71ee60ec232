#pragma once
// The demo accounts' published password, and the start-up rule built on it: a server that
// listens on a reachable address refuses to start while an active account still has it,
// unless CRM_DEMO=1 says this is a demo on purpose.
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::accounts {

inline constexpr const char* kDemoPassword = "demo123";

// 127.0.0.0/8, ::1 and "localhost": nobody else can connect.
bool is_loopback_host(const std::string& host);

// Usernames of the active accounts whose password is still the demo one. The seed marks the
// accounts it creates; the mark is confirmed against the stored hash (and dropped when the
// hash no longer matches), so the answer is exact.
std::vector<std::string> accounts_with_demo_password(db::Database& db);

}  // namespace crm::accounts
