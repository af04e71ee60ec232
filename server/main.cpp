// crm-server: the HTTP server (default), or one-shot commands for cron and operations.
#include <cstdio>
#include <cstring>
#include <exception>

#include "core/app.hpp"
#include "core/config.hpp"
#include "db/backup.hpp"

int main(int argc, char** argv) {
    try {
        crm::Config config = crm::Config::from_environment();
        for (int i = 1; i < argc; ++i) {
            if (std::strcmp(argv[i], "--help") == 0) {
                std::printf(
                    "usage: crm-server [--migrate-only | --run-due | --backup FILE]\n"
                    "  (no option)     serve HTTP\n"
                    "  --migrate-only  create or migrate (and seed) the database, then exit\n"
                    "                  (with CRM_DB_READ_ONLY=1: only check that no migration is pending)\n"
                    "  --run-due       one automation pass (for system cron), then exit\n"
                    "  --backup FILE   copy the live database to FILE (SQLite online backup), then exit\n"
                    "Configuration comes from the environment; see .env.example.\n");
                return 0;
            }
        }
        if (argc > 2 && std::strcmp(argv[1], "--backup") == 0) {
            crm::db::backup_database(config.db_path, argv[2]);
            std::printf("backup written: %s\n", argv[2]);
            return 0;
        }
        crm::App app(config);
        if (argc > 1 && std::strcmp(argv[1], "--run-due") == 0) {
            if (config.db_read_only) {
                std::fprintf(stderr, "crm-server: --run-due writes; not with CRM_DB_READ_ONLY=1\n");
                return 1;
            }
            app.prepare();
            std::printf("{\"processed\":%d}\n", app.run_due_jobs());
            return 0;
        }
        if (argc > 1 && std::strcmp(argv[1], "--migrate-only") == 0) {
            app.prepare();
            std::printf("database ready%s: %s\n", config.db_read_only ? " (read-only: checked, not migrated)" : "",
                        config.db_path.c_str());
            return 0;
        }
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
