// crm-server: the HTTP server (default), or one-shot commands for cron and operations.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <map>
#include <string>

#include "accounts/account_commands.hpp"
#include "assets/asset_files.hpp"
#include "auth/password_policy.hpp"
#include "core/app.hpp"
#include "core/config.hpp"
#include "db/backup.hpp"
#include "db/postgres_url.hpp"
#include "seeds/demo_seed.hpp"

namespace {

constexpr const char* kUsage =
    "usage: crm-server [--migrate-only | --run-due | --backup FILE |\n"
    "                   --create-user NAME --role operator|agent|admin [--name TEXT] [--email ADDR] |\n"
    "                   --set-password NAME]\n"
    "  (no option)     serve HTTP\n"
    "  --migrate-only  create or migrate (and seed) the database, then exit\n"
    "                  (with CRM_DB_READ_ONLY=1: only check that no migration is pending)\n"
    "  --run-due       one automation pass (for system cron), then exit\n"
    "  --backup FILE   copy the live database to FILE (SQLite online backup), then exit\n"
    "  --create-user   create an account without a password and print a one-time link (24 h)\n"
    "                  where its owner chooses one\n"
    "  --set-password  set an account's password, read from standard input (asked twice,\n"
    "                  without echo, on a terminal); the account's sessions end\n"
    "Configuration comes from the environment; see .env.example.\n";

// "--flag value" pairs after the command; a flag without a value is an error.
bool read_options(int argc, char** argv, int from, std::map<std::string, std::string>& out) {
    for (int i = from; i < argc; i += 2) {
        if (std::strncmp(argv[i], "--", 2) != 0 || i + 1 >= argc) return false;
        out[argv[i]] = argv[i + 1];
    }
    return true;
}

int usage_error() {
    std::fputs(kUsage, stderr);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        crm::Config config = crm::Config::from_environment();
        const std::string command = argc > 1 ? argv[1] : "";
        if (command == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (command == "--backup") {
            if (argc != 3) return usage_error();
            crm::db::backup_database(config.db_path, argv[2]);
            std::printf("backup written: %s\n", argv[2]);
            return 0;
        }
        // What sends (serving, a scheduler pass, a new account's setup e-mail) reads assets/: a
        // missing font or a mistyped template stops here, not mid-delivery. Migrating and setting
        // a password send nothing, so they work without it.
        if (command != "--migrate-only" && command != "--set-password") crm::assets::check_present();
        crm::App app(config);
        app.seed_with(crm::seeds::seed_if_empty);
        if (command == "--run-due") {
            if (config.db_read_only) {
                std::fprintf(stderr, "crm-server: --run-due writes; not with CRM_DB_READ_ONLY=1\n");
                return 1;
            }
            app.prepare();
            std::printf("{\"processed\":%d}\n", app.run_due_jobs());
            return 0;
        }
        if (command == "--migrate-only") {
            app.prepare();
            std::printf("database ready%s: %s\n", config.db_read_only ? " (read-only: checked, not migrated)" : "",
                        crm::db::printable_location(config.db_path).c_str());
            return 0;
        }
        if (command == "--create-user" || command == "--set-password") {
            if (argc < 3 || config.db_read_only) return usage_error();
            std::map<std::string, std::string> opts;
            if (!read_options(argc, argv, 3, opts)) return usage_error();
            app.prepare();
            auto db = app.pool().acquire();
            if (command == "--set-password") {
                if (!opts.empty()) return usage_error();
                crm::auth::check_password_dictionary();
                return crm::accounts::set_password_command(*db, argv[2], std::cin, isatty(STDIN_FILENO), app.now());
            }
            crm::accounts::CreateUserArgs args{argv[2], opts["--role"], opts["--name"], std::nullopt};
            if (opts.count("--email")) args.email = opts["--email"];
            for (const auto& [k, v] : opts)
                if (k != "--role" && k != "--name" && k != "--email") return usage_error();
            return crm::accounts::create_user_command(*db, args, app.public_url(), app.now());
        }
        if (!command.empty()) return usage_error();
        app.start();
        std::printf("listening on %s://%s:%u\n", config.tls_cert.empty() ? "http" : "https", config.host.c_str(),
                    app.port());
        if (config.db_read_only)
            std::printf("database read-only (CRM_DB_READ_ONLY=1): writes answer 503, no scheduler\n");
        std::fflush(stdout);
        app.wait_for_signal();
        std::printf("{\"level\":\"info\",\"what\":\"shutdown\"}\n");
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "crm-server: %s\n", e.what());
        return 1;
    }
}
