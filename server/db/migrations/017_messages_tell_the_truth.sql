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
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt. Messages that the
-- old code called "sent" while the outbox kept them become "outbox"; WhatsApp links become
-- "prepared" (nobody confirmed them).
CREATE TABLE messages_new (
  id            INTEGER PRIMARY KEY,
  lead_id       INTEGER REFERENCES leads(id) ON DELETE CASCADE,
  job_id        INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
  channel       TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'whatsapp')),
  to_addr       TEXT NOT NULL,
  subject       TEXT,
  body          TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'outbox', 'prepared', 'sent', 'delivered', 'failed', 'blocked')),
  provider      TEXT,                          -- outbox, twilio, smtp, wa_link
  provider_id   TEXT,
  transactional INTEGER NOT NULL DEFAULT 0,
  queued_at     INTEGER NOT NULL,
  sent_at       INTEGER,
  delivered_at  INTEGER,
  error         TEXT,
  attachments   TEXT NOT NULL DEFAULT '[]'     -- JSON array of file names (invitation.ics, lead-42.pdf)
);
INSERT INTO messages_new(id, lead_id, job_id, channel, to_addr, subject, body, status, provider, provider_id,
                         transactional, queued_at, sent_at, error)
SELECT id, lead_id, job_id, channel, to_addr, subject, body,
       CASE WHEN status = 'sent' AND provider_id = 'outbox' THEN 'outbox'
            WHEN status = 'sent' AND channel = 'whatsapp' THEN 'prepared'
            ELSE status END,
       CASE WHEN provider_id = 'outbox' THEN 'outbox'
            WHEN channel = 'whatsapp' THEN 'wa_link'
            WHEN status = 'sent' AND channel = 'email' THEN 'smtp'
            WHEN status = 'sent' THEN 'twilio' END,
       CASE WHEN provider_id = 'outbox' THEN NULL ELSE provider_id END,
       transactional, queued_at,
       CASE WHEN provider_id = 'outbox' THEN NULL ELSE sent_at END,
       error
FROM messages;
DROP TABLE messages;
ALTER TABLE messages_new RENAME TO messages;
CREATE INDEX messages_lead ON messages(lead_id);
CREATE UNIQUE INDEX messages_job ON messages(job_id) WHERE job_id IS NOT NULL;
-- Receipts find their message by the provider's id.
CREATE INDEX messages_provider_id ON messages(provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX messages_status ON messages(status);

-- The person answered an SMS and nobody has called since: the queue raises the lead.
ALTER TABLE leads ADD COLUMN replied_at INTEGER;

-- Invitations are updated (REQUEST with a higher SEQUENCE) and withdrawn (CANCEL): the
-- sequence of the last one sent, and the agent who received it (to cancel theirs when the
-- lead goes to someone else).
ALTER TABLE appointments ADD COLUMN ics_sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN invited_agent_id INTEGER REFERENCES users(id);

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
