#include "accounts/setup_mail.hpp"

#include "auth/passwords.hpp"

namespace crm::accounts {

integrations::OutgoingEmail setup_email(const SetupMail& m) {
    integrations::OutgoingEmail e;
    e.to = m.to;
    e.subject = m.reset ? "Lead CRM : choisissez un nouveau mot de passe" : "Lead CRM : votre compte est prêt";
    e.body = "Bonjour " + m.display_name + ",\n\n" +
             (m.reset ? "Un nouveau lien a été demandé pour votre compte Lead CRM (identifiant : " + m.username + ").\n"
                      : "Un compte Lead CRM a été créé pour vous (identifiant : " + m.username + ").\n") +
             "Choisissez votre mot de passe avec ce lien, valable 24 heures et une seule fois :\n\n" + m.url +
             "\n\nSi vous n'attendiez pas ce message, ignorez-le : rien ne change sans ce lien.\n";
    e.idempotency_key = "setup-" + auth::random_token(12);
    return e;
}

}  // namespace crm::accounts
