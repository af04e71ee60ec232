#pragma once
// App-wide state in one object: configuration, clock, database pool, login limiter, the route
// table and the HTTP server. handle() is the single entry point for every request.
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "auth/login_limiter.hpp"
#include "auth/session_cache.hpp"
#include "auth/session_store.hpp"
#include "automation/job_runner.hpp"
#include "automation/scheduler.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "db/database.hpp"
#include "http/client_address.hpp"
#include "http/idempotency.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "integrations/providers.hpp"
#include "integrations/stripe_checkout.hpp"

namespace crm {

class App {
public:
    explicit App(Config config);
    ~App();

    // What fills an empty database when CRM_SEED is on. The run path and the tests pass the demo
    // seed (crm_demo_seed); the server's library links no demo data of its own.
    using Seeder = std::function<bool(db::Database&, std::int64_t now)>;
    void seed_with(Seeder seeder) { seeder_ = std::move(seeder); }
    // Migrates (and seeds an empty database when configured); routes are registered here.
    void prepare();
    // prepare() if needed, then listen. Throws (one line, the process exits 1) when asked to
    // listen on a reachable address while an account still has the demo password and
    // CRM_DEMO=1 does not say this is a demo on purpose.
    void start();
    void stop();
    void wait_for_signal();
    unsigned short port() const { return server_ ? server_->port() : 0; }
    // Requests on the password workers (being checked or waiting): for /healthz and tests.
    int password_checks_waiting() const { return server_ ? server_->queued_for_workers() : 0; }
    int open_connections() const { return server_ ? server_->open_connections() : 0; }

    http::Response handle(http::Request& req, const std::string& client_addr);

    const Config& config() const { return config_; }
    Clock& clock() { return clock_; }
    std::int64_t now() const { return clock_.now(); }
    db::Pool& pool() { return *pool_; }
    auth::LoginLimiter& login_limiter() { return limiter_; }
    auth::SessionPolicy session_policy() const;
    const http::Router& router() const { return router_; }
    std::string public_url() const;
    const std::string& dummy_password_hash() const { return dummy_hash_; }
    // The SMS and e-mail providers' settings, `sms_provider` / `email_provider` being the ones
    // actually in use ("outbox" when not configured).
    const integrations::ProviderSettings& providers() const { return providers_; }
    // The SMTP provider for setup links, or nullptr when e-mail stays in the local outbox.
    integrations::EmailProvider* account_mailer() { return account_mailer_.get(); }
    // One scheduler pass (POST /api/jobs/run-due, crm-server --run-due, the scheduler thread).
    int run_due_jobs();
    // The scheduler's next pass now: a job due now was just committed.
    void wake_scheduler() { scheduler_->wake(); }
    // Stripe's key, API and fixed Payment Link from the configuration; success URL on this server.
    integrations::StripeSettings stripe_settings() const;

private:
    http::Response dispatch(http::Request& req, const std::string& client_addr, std::optional<std::int64_t>& user_id);
    http::Response serve_static(const http::Request& req, const std::string& path,
                                const std::optional<http::AuthUser>& user);
    std::optional<http::AuthUser> session_user(const http::Request& req, std::string& token_hash);
    void register_routes();
    void refuse_demo_passwords_on_reachable_address();
    bool runs_on_workers(const http::Request& req) const;

    Config config_;
    auth::SessionCache sessions_;  // authenticated reads stay off the database
    Clock clock_;
    std::unique_ptr<db::Pool> pool_;
    std::unique_ptr<http::IdempotentWrites> idempotent_writes_;
    auth::LoginLimiter limiter_;
    http::Router router_;
    std::unique_ptr<http::Server> server_;
    std::unique_ptr<automation::JobRunner> job_runner_;
    std::unique_ptr<automation::Scheduler> scheduler_;
    std::string dummy_hash_;
    http::ClientAddress client_address_;
    std::unique_ptr<integrations::EmailProvider> account_mailer_;
    integrations::ProviderSettings providers_;
    Seeder seeder_;
    bool prepared_ = false;
};

// Reads the crm_session cookie from a Cookie header.
std::optional<std::string> session_cookie(const http::Request& req);

}  // namespace crm
