#include "accounts/account_commands.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <regex>

#include "accounts/setup_links_repo.hpp"
#include "accounts/users_repo.hpp"
#include "audit/audit_repo.hpp"
#include "auth/password_policy.hpp"
#include "auth/passwords.hpp"
#include "auth/session_store.hpp"
#include "crm/domain/validation.hpp"

namespace crm::accounts {

namespace {

int refuse(const std::string& why) {
    std::fprintf(stderr, "crm-server: %s\n", why.c_str());
    return 1;
}

// One line from the terminal without echoing it.
std::string ask_hidden(const char* prompt, std::istream& in) {
    std::fprintf(stderr, "%s", prompt);
    std::fflush(stderr);
    termios old{};
    const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(in, line);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fprintf(stderr, "\n");
    }
    return line;
}

std::string read_line(std::istream& in) {
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace

int create_user_command(db::Database& db, const CreateUserArgs& args, const std::string& public_url, std::int64_t now) {
    if (!std::regex_match(args.username, std::regex("[a-z0-9._-]{3,64}")))
        return refuse("--create-user: 3 to 64 characters among a-z 0-9 . _ -");
    const auto role = http::parse_role(args.role);
    if (!role) return refuse("--role: operator, agent or admin");
    if (args.email && !domain::is_valid_email(*args.email)) return refuse("--email: not a valid address");
    NewAccount a;
    a.username = args.username;
    a.display_name = args.display_name.empty() ? args.username : args.display_name;
    a.role = *role;
    a.email = args.email;
    db::Transaction tx(db);
    if (find_by_username(db, a.username)) return refuse("an account named " + a.username + " already exists");
    const auto id = create_account(db, a, now);
    const auto link = issue_setup_link(db, id, std::nullopt, now);
    audit(db, std::nullopt, "user.create", "user", id, nullptr,
          {{"username", a.username}, {"role", args.role}, {"through", "command line"}}, now);
    tx.commit();
    std::printf("account created: %s (%s)\n", a.username.c_str(), args.role.c_str());
    std::printf("choose its password now with: crm-server --set-password %s\n", a.username.c_str());
    std::printf("or hand over this one-time link (24 h): %s/setup/%s\n", public_url.c_str(), link.token.c_str());
    return 0;
}

int set_password_command(db::Database& db, const std::string& username, std::istream& in, bool interactive,
                         std::int64_t now) {
    const auto account = find_by_username(db, username);
    if (!account) return refuse("no account named " + username);
    std::string password;
    if (interactive) {
        password = ask_hidden(("New password for " + username + ": ").c_str(), in);
        if (ask_hidden("Again: ", in) != password) return refuse("the two passwords differ; nothing changed");
    } else {
        password = read_line(in);
    }
    if (password.empty()) return refuse("no password on standard input; nothing changed");
    // The reason is for the person at the terminal, in French like everywhere else.
    if (auto weak = auth::password_weakness(password, account->username, account->display_name)) return refuse(*weak);
    const auto hash = auth::hash_password(password);
    db::Transaction tx(db);
    set_password_hash(db, account->id, hash, now);
    auth::delete_user_sessions(db, account->id);
    revoke_setup_links(db, account->id, now);
    audit(db, std::nullopt, "user.password_set", "user", account->id, nullptr, {{"through", "command line"}}, now);
    tx.commit();
    std::printf("password set for %s; its sessions ended\n", username.c_str());
    return 0;
}

}  // namespace crm::accounts
