#pragma once
// One scheduler pass: clock-driven rules become jobs (time_rules), then due jobs are claimed
// and performed. Messages are written to `messages` before the provider is called and marked
// sent after, each step in its own transaction with the job's idempotency key, so a crash
// at any point neither loses a message nor sends it twice.
#include <functional>
#include <memory>

#include "automation/jobs_repo.hpp"
#include "crm/domain/lead.hpp"
#include "crm/domain/settings.hpp"
#include "db/database.hpp"
#include "integrations/providers.hpp"
#include "integrations/stripe_checkout.hpp"
#include "messages/messages_repo.hpp"

namespace crm::automation {

class JobRunner {
public:
    JobRunner(db::Pool& pool, std::function<std::int64_t()> clock, std::unique_ptr<integrations::SmsProvider> sms,
              std::unique_ptr<integrations::EmailProvider> email,
              std::function<integrations::StripeSettings()> stripe = {}, std::function<std::string()> public_url = {})
        : pool_(pool),
          clock_(std::move(clock)),
          sms_(std::move(sms)),
          email_(std::move(email)),
          stripe_(std::move(stripe)),
          public_url_(std::move(public_url)) {}

    int run_pass();  // returns the number of jobs processed

private:
    void scan_time_rules(db::Database& db, std::int64_t now, const domain::Settings& s);
    void erase_expired_leads(db::Database& db, std::int64_t now, const domain::Settings& s);
    void execute(db::Database& db, const Job& job, std::int64_t now, const domain::Settings& s);
    // automation/message_jobs.cpp: everything that writes to a person.
    void send_message(db::Database& db, const Job& job, std::int64_t now, const domain::Settings& s,
                      const domain::Lead& lead);
    void send_package(db::Database& db, const Job& job, std::int64_t now);  // lead package e-mail to the agent
    // Writes the job's message row, hands it to `send` and records what happened (sent, kept in
    // the outbox, retried or failed), the message and the job together.
    void deliver(db::Database& db, const Job& job, const messages::NewMessage& m, const std::string& provider,
                 const std::function<integrations::SendResult()>& send, std::int64_t now);
    void payment_link(db::Database& db, const Job& job, std::int64_t now);  // Stripe Checkout for a delivery

    db::Pool& pool_;
    std::function<std::int64_t()> clock_;
    std::unique_ptr<integrations::SmsProvider> sms_;
    std::unique_ptr<integrations::EmailProvider> email_;
    std::function<integrations::StripeSettings()> stripe_;  // read at run time: the public URL knows its port
    std::function<std::string()> public_url_;               // for the SMS provider's receipt callback
};

}  // namespace crm::automation
