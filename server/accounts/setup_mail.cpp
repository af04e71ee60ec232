#include "accounts/setup_mail.hpp"

#include "assets/asset_files.hpp"
#include "auth/passwords.hpp"

namespace crm::accounts {

integrations::OutgoingEmail setup_email(const SetupMail& m) {
    integrations::OutgoingEmail e;
    e.to = m.to;
    e.subject = m.reset ? "Lead CRM : choisissez un nouveau mot de passe" : "Lead CRM : votre compte est prêt";
    e.body = assets::fill(m.reset ? "templates/account_reset_email.txt" : "templates/account_setup_email.txt",
                          {{"display_name", m.display_name}, {"username", m.username}, {"url", m.url}});
    e.idempotency_key = "setup-" + auth::random_token(12);
    return e;
}

}  // namespace crm::accounts
