#pragma once
// Every SQL statement about user accounts: the login lookup, the console's "Comptes" list,
// creating accounts, passwords and turning accounts off and on.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "http/access.hpp"

namespace crm::accounts {

// A password hash that no password verifies: the account of a person who has not yet chosen
// one through their setup link.
inline constexpr const char* kNoPassword = "!";

struct Account {
    std::int64_t id = 0;
    std::string username;
    std::string display_name;
    http::Role role = http::Role::agent;
    std::optional<std::string> email;
    std::string password_hash;
    bool active = true;
    bool has_password = false;
    std::optional<std::int64_t> last_login_at;
    std::int64_t created_at = 0;

    http::AuthUser auth_user() const { return {id, username, display_name, role}; }
};

// The list row of GET /api/users: id, username, displayName, role, email, active,
// lastLoginAt, createdAt, passwordSet. Never the hash.
nlohmann::json to_json(const Account& a);

std::optional<Account> find_by_username(db::Database& db, const std::string& username);
std::optional<Account> find_by_id(db::Database& db, std::int64_t id);
std::vector<Account> list_accounts(db::Database& db);  // operators first, then agents, by name

struct NewAccount {
    std::string username;
    std::string display_name;
    http::Role role = http::Role::agent;
    std::optional<std::string> email;
    std::optional<std::string> phone_e164;
    std::vector<std::string> cities, zips;  // agents: where they take leads
    std::string password_hash = kNoPassword;
};
std::int64_t create_account(db::Database& db, const NewAccount& a, std::int64_t now);

// A new password: clears the demo-password mark.
void set_password_hash(db::Database& db, std::int64_t id, const std::string& hash, std::int64_t now);
void set_active(db::Database& db, std::int64_t id, bool active);
void stamp_login(db::Database& db, std::int64_t id, std::int64_t now);
// Active operators and admins: the last one cannot be turned off (nobody could manage accounts).
int count_active_managers(db::Database& db);

// Active accounts marked as still having the demo password, with their hashes.
std::vector<Account> accounts_marked_demo(db::Database& db);
void clear_demo_mark(db::Database& db, std::int64_t id);

}  // namespace crm::accounts
