#pragma once
// The e-mail carrying a setup link, sent at once (not through a job: a job's payload would
// keep the link's token in the database, where only its hash may be). When it fails, or no
// SMTP server is configured, the console shows the link to hand over instead.
#include <cstdint>
#include <string>

#include "integrations/providers.hpp"

namespace crm::accounts {

struct SetupMail {
    std::string to;
    std::string display_name;
    std::string username;
    std::string url;
    bool reset = false;  // a new link for an existing account
};

integrations::OutgoingEmail setup_email(const SetupMail& m);

}  // namespace crm::accounts
