#pragma once
// The first run without demo data, from a shell on the server (no SQL, no browser yet):
//   crm-server --create-user NAME --role operator|agent|admin [--name "Display name"] [--email ADDR]
//   crm-server --set-password NAME      (the password is read from standard input, never argv)
// Both print one line on success and return 0; on refusal they print why on stderr and
// return 1.
#include <iosfwd>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace crm::accounts {

struct CreateUserArgs {
    std::string username;
    std::string role;
    std::string display_name;  // defaults to the username
    std::optional<std::string> email;
};

// Creates the account without a password and prints a one-time setup link (24 h) based on
// `public_url`.
int create_user_command(db::Database& db, const CreateUserArgs& args, const std::string& public_url, std::int64_t now);

// Reads the new password from `in` (on a terminal: asked twice, without echo) and sets it.
int set_password_command(db::Database& db, const std::string& username, std::istream& in, bool interactive,
                         std::int64_t now);

}  // namespace crm::accounts
