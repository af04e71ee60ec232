#pragma once
// Settings from the environment; `.env` in the working directory fills in what the
// environment leaves unset. Every key is documented in .env.example.
#include <cstdint>
#include <optional>
#include <string>

#include "crm/domain/time.hpp"

namespace crm {

struct Config {
    std::string host = "127.0.0.1";
    int port = 8080;                        // 0 picks a free port (tests)
    std::string db_path = "./data/crm.db";  // CRM_DB: a SQLite file, or a postgresql:// URL
    // CRM_SHARE_LINK_KEY: the secret share links derive from. SQLite's default is a file beside
    // the database; on PostgreSQL it is required (the same on every instance).
    std::string share_link_key;
    std::string public_url;                // base of share links; defaults to http://host:port
    bool test_clock = false;               // exposes POST /api/test/clock
    std::optional<std::int64_t> test_now;  // initial test clock (CRM_TEST_NOW, ISO 8601)
    bool seed = true;
    std::string web_dir = "./web-agent/dist";
    std::string operator_dir = "./build/operator-dist";
    int io_threads = 4;
    int session_idle_minutes = 12 * 60;
    int session_max_hours = 7 * 24;
    // Login throttling (auth/login_limiter.hpp): free failures per (username, address) and per
    // address before growing delays; failures older than the window are forgotten.
    int login_max_failures_user = 5;
    int login_max_failures_addr = 20;
    int login_window_minutes = 15;
    std::string trusted_proxy;  // CRM_TRUSTED_PROXY: addresses whose X-Forwarded-For is believed
    int password_workers = 2;   // Argon2id checks at once, off the I/O threads
    int password_queue = 64;    // requests waiting for them at most (beyond: 429)
    int max_connections = 512;  // open connections at most (accepting pauses beyond)
    // CRM_DEMO=1: a demo on purpose. Without it the server refuses to listen on a reachable
    // (non-loopback) address while an account still has the demo password.
    bool demo = false;
    bool access_log = true;
    int scheduler_seconds = 5;  // 0 = no scheduler thread (tests drive passes with run-due)
    std::string tls_cert;       // CRM_TLS_CERT: PEM chain; with CRM_TLS_KEY the server speaks HTTPS
    std::string tls_key;
    // Stripe (all optional): API key and base for Payment Links, a fixed Payment Link instead,
    // and the webhook endpoint secret.
    std::string stripe_secret_key;
    std::string stripe_api_base = "https://api.stripe.com";
    std::string stripe_payment_link_url;
    std::string stripe_webhook_secret;
    int share_link_days = 30;  // CRM_SHARE_LINK_DAYS: how long a /p/<token> link stays valid
    int db_max_mb = 0;  // CRM_DB_MAX_MB: refuse writes past this size (503) instead of filling the disk; 0 = no cap
    // CRM_DB_READ_ONLY: maintenance mode. The database is opened read-only (no migration, seed
    // or scheduler; refuses to start if a migration is pending): reads answer, writes get 503.
    bool db_read_only = false;

    bool https() const;  // TLS here, or behind a proxy that serves CRM_PUBLIC_URL in https

    static Config from_environment();  // loads .env first if present
};

// ISO 8601 UTC ("2026-11-23T21:00:00Z") has one implementation, the domain's; the server's
// code calls it by these names.
using domain::format_iso_utc;
using domain::parse_iso_utc;

}  // namespace crm
