#pragma once
// What an object's routes may use from the running server: the store, the clock, the
// configuration, the providers and the scheduler's wake-up. `App` (core/app.hpp), the
// composition root, implements it. Routes include this header and never app.hpp, so no object
// reaches another through the root, and the root can change how it wires things (one process
// today, several instances over one store tomorrow) without touching a route.
#include <cstdint>
#include <functional>
#include <string>

#include "auth/login_limiter.hpp"
#include "auth/session_store.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "db/database.hpp"
#include "integrations/providers.hpp"
#include "integrations/stripe_checkout.hpp"

namespace crm {

class Services {
public:
    virtual ~Services() = default;

    virtual const Config& config() const = 0;
    virtual Clock& clock() = 0;  // the test clock's route sets it
    virtual std::int64_t now() const = 0;
    virtual db::Pool& pool() = 0;
    virtual auth::LoginLimiter& login_limiter() = 0;
    virtual auth::SessionPolicy session_policy() const = 0;
    // Where links in messages point (CRM_PUBLIC_URL, or this server's address).
    virtual std::string public_url() const = 0;
    // A hash checked when the user does not exist, so a wrong login takes as long either way.
    virtual const std::string& dummy_password_hash() const = 0;
    // The SMS and e-mail providers' settings, `sms_provider` / `email_provider` being the ones
    // actually in use ("outbox" when not configured).
    virtual const integrations::ProviderSettings& providers() const = 0;
    // The SMTP provider for setup links, or nullptr when e-mail stays in the local outbox.
    virtual integrations::EmailProvider* account_mailer() = 0;
    // One scheduler pass (POST /api/jobs/run-due, crm-server --run-due, the scheduler thread).
    virtual int run_due_jobs() = 0;
    // The scheduler's next pass now: a job due now was just committed.
    virtual void wake_scheduler() = 0;
    // Stripe's key, API and fixed Payment Link from the configuration; success URL on this server.
    virtual integrations::StripeSettings stripe_settings() const = 0;
    // Work for once the server listens, on a thread of its own (in the order given; a failure
    // is logged): the queue's index is built there, so the first request after a restart does
    // not wait for the whole book to be read (17 s at 1M leads). Registered before start().
    virtual void after_start(std::function<void()> task) = 0;

protected:
    Services() = default;
    Services(const Services&) = delete;
    Services& operator=(const Services&) = delete;
};

}  // namespace crm
