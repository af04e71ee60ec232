-- PostgreSQL twin of ../017_messages_tell_the_truth.sql.
-- Messages tell the truth (issue "Messages tell the truth and close their loops").
--
-- A message's status says what happened to it, never more:
--   queued     waiting for its time or its window
--   outbox     no provider configured: kept here, nothing left the machine ("Envoyer la boîte
--              d'envoi" sends it later, once a provider is set)
--   prepared   a WhatsApp wa.me link made for the operator, not yet confirmed as sent
--   sent       a provider accepted it (provider_id is its id; for SMTP, the server took it)
--   delivered  the provider's receipt says it arrived (Twilio status callback)
--   failed     refused for good, or the receipt says it did not arrive (error)
--   blocked    stopped before sending (do-not-contact, bad number)
-- PostgreSQL changes a CHECK constraint in place. Messages that the old code called "sent"
-- while the outbox kept them become "outbox"; WhatsApp links become "prepared".
ALTER TABLE messages DROP CONSTRAINT messages_status_check;
ALTER TABLE messages ADD COLUMN provider TEXT;             -- outbox, twilio, smtp, wa_link
ALTER TABLE messages ADD COLUMN delivered_at BIGINT;
ALTER TABLE messages ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';  -- JSON array of file names
UPDATE messages SET
  status = CASE WHEN status = 'sent' AND provider_id = 'outbox' THEN 'outbox'
                WHEN status = 'sent' AND channel = 'whatsapp' THEN 'prepared'
                ELSE status END,
  provider = CASE WHEN provider_id = 'outbox' THEN 'outbox'
                  WHEN channel = 'whatsapp' THEN 'wa_link'
                  WHEN status = 'sent' AND channel = 'email' THEN 'smtp'
                  WHEN status = 'sent' THEN 'twilio' END,
  sent_at = CASE WHEN provider_id = 'outbox' THEN NULL ELSE sent_at END,
  provider_id = CASE WHEN provider_id = 'outbox' THEN NULL ELSE provider_id END;
ALTER TABLE messages ADD CONSTRAINT messages_status_check
  CHECK (status IN ('queued', 'outbox', 'prepared', 'sent', 'delivered', 'failed', 'blocked'));
-- Receipts find their message by the provider's id.
CREATE INDEX messages_provider_id ON messages(provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX messages_status ON messages(status);

-- The person answered an SMS and nobody has called since: the queue raises the lead.
ALTER TABLE leads ADD COLUMN replied_at BIGINT;

ALTER TABLE appointments ADD COLUMN ics_sequence BIGINT NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN invited_agent_id BIGINT REFERENCES users(id);

-- What the agent receives about a booked appointment of a lead delivered to them: the
-- invitation (with the .ics, METHOD:REQUEST), its withdrawal (METHOD:CANCEL) when the lead is
-- refunded or goes to another agent, and the 24 h / 2 h reminders. The seller's surname and
-- contact are not in them: the lead package reveals those when the agent commits.
INSERT INTO templates(name, channel, transactional, subject, body, updated_at) VALUES ('agent_invitation', 'email', 1, 'Rendez-vous d''estimation le {date} à {time} ({city})', 'Bonjour {agentName},

Le rendez-vous d''estimation avec {firstName} à {city} le {date} à {time} vous revient : l''invitation est jointe, ajoutez-la à votre agenda.

Lead CRM', 0);
INSERT INTO templates(name, channel, transactional, subject, body, updated_at) VALUES ('agent_cancellation', 'email', 1, 'Annulé : rendez-vous du {date} à {time} ({city})', 'Bonjour {agentName},

Le rendez-vous d''estimation avec {firstName} à {city} le {date} à {time} ne vous est plus confié : l''annulation jointe le retire de votre agenda.

Lead CRM', 0);
INSERT INTO templates(name, channel, transactional, subject, body, updated_at) VALUES ('agent_reminder', 'email', 1, 'Rappel : rendez-vous le {date} à {time} ({city})', 'Bonjour {agentName},

Rappel : rendez-vous d''estimation avec {firstName} à {city} le {date} à {time}.

Lead CRM', 0);
