#pragma once
// App-wide state in one object: configuration, clock, database pool, login limiter, the route
// table and the HTTP server. handle() is the single entry point for every request.
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "auth/login_limiter.hpp"
#include "auth/session_cache.hpp"
#include "auth/session_store.hpp"
#include "automation/job_runner.hpp"
#include "automation/scheduler.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/services.hpp"
#include "db/database.hpp"
#include "http/client_address.hpp"
#include "http/idempotency.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "integrations/providers.hpp"
#include "integrations/stripe_checkout.hpp"

namespace crm {

class App final : public Services {
public:
    explicit App(Config config);
    ~App() override;

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

    const http::Router& router() const { return router_; }

    // Services (core/services.hpp: what the routes see).
    const Config& config() const override { return config_; }
    Clock& clock() override { return clock_; }
    std::int64_t now() const override { return clock_.now(); }
    db::Pool& pool() override { return *pool_; }
    auth::LoginLimiter& login_limiter() override { return limiter_; }
    auth::SessionPolicy session_policy() const override;
    std::string public_url() const override;
    const std::string& dummy_password_hash() const override { return dummy_hash_; }
    const integrations::ProviderSettings& providers() const override { return providers_; }
    integrations::EmailProvider* account_mailer() override { return account_mailer_.get(); }
    int run_due_jobs() override;
    void wake_scheduler() override { scheduler_->wake(); }
    integrations::StripeSettings stripe_settings() const override;
    void after_start(std::function<void()> task) override { after_start_.push_back(std::move(task)); }

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
    std::vector<std::function<void()>> after_start_;
    std::thread after_start_thread_;  // joined by stop()
};

// Reads the crm_session cookie from a Cookie header.
std::optional<std::string> session_cookie(const http::Request& req);

}  // namespace crm
